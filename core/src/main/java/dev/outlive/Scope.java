package dev.outlive;

import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeFacades;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A cancellation scope: the JVM's twin of Go's {@code context.Context}.
 *
 * <p>Scopes form a tree. Cancelling a scope cancels all its descendants; the first reason given wins.
 * Each thread has a <em>current</em> scope (the root {@code jvm} scope unless set). Under the Outlive
 * agent, work spawned from a thread (threads, executor tasks, async stages, virtual threads) belongs
 * to its current scope, runs with a scope of its own as current, and is reported if it keeps running
 * after its scope was cancelled. Without the agent the API works the same within one thread, but
 * scopes do not follow work across executors.
 *
 * <pre>{@code
 * try (Scope scope = Scope.open("checkout")) {           // child of Scope.current()
 *     scope.deadlineAfter(Duration.ofSeconds(2));
 *     executor.submit(() -> { Scope.current().checkCancelled(); ... });
 * }                                                     // close() cancels the scope
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class Scope implements AutoCloseable {
    static {
        ScopeFacades.install(new Function<ScopeNode, Scope>() {
            @Override
            public Scope apply(ScopeNode node) {
                return new Scope(node);
            }
        });
    }

    private final ScopeNode node;
    /** For scopes made current by {@link #open}: the thread that opened it and what was current before. */
    private volatile Thread openedOn;
    private volatile ScopeNode restoreTo;

    private Scope(ScopeNode node) {
        this.node = node;
    }

    /**
     * Opens a child of {@link #current()} and makes it current on this thread until {@link #close()}.
     *
     * @param name a name for reports, such as the request or job it stands for
     */
    public static Scope open(String name) {
        Objects.requireNonNull(name, "name");
        return enter(ScopeNode.child(ThreadContext.currentScope(), ScopeKind.EXPLICIT, name));
    }

    /** The current scope of this thread: the root {@code jvm} scope unless another was set. */
    public static Scope current() {
        return ThreadContext.currentScope().facade();
    }

    /**
     * Opens a deliberate new root scope, current until {@link #close()}: work in it is not cancelled
     * by the caller's scope. Use it for work that must outlive the request that started it (a cache
     * refresher); Outlive does not flag it.
     */
    public static Scope detached(String name) {
        Objects.requireNonNull(name, "name");
        return enter(ScopeNode.root(ScopeKind.EXPLICIT, name));
    }

    /**
     * Opens a new root scope, current until {@link #close()}, like {@link #detached} but flagged as a
     * {@code DETACHED_SCOPE} warning when a cancellable scope (not the {@code jvm} or {@code main}
     * scope) was current: the twin of calling {@code context.Background()} deep in the stack, which
     * silently cuts the work off from its caller's cancellation.
     */
    public static Scope root(String name) {
        Objects.requireNonNull(name, "name");
        ScopeNode current = ThreadContext.currentScope();
        ScopeNode fresh = ScopeNode.root(ScopeKind.EXPLICIT, name);
        if (current.kind() != ScopeKind.JVM && current.kind() != ScopeKind.MAIN) {
            OutliveRuntime.get().observer().detachedRoot(fresh, current, StackSnapshot.capture());
        }
        return enter(fresh);
    }

    private static Scope enter(ScopeNode fresh) {
        Scope scope = fresh.facade();
        ThreadContext context = ThreadContext.get();
        scope.restoreTo = context.enter(fresh);
        scope.openedOn = Thread.currentThread();
        return scope;
    }

    /** A number unique to this scope within the JVM. */
    public long id() {
        return node.id();
    }

    public String name() {
        return node.name();
    }

    public ScopeKind kind() {
        return node.kind();
    }

    /** The parent scope; empty for a root. */
    public Optional<Scope> parent() {
        ScopeNode p = node.parent();
        return p == null ? Optional.empty() : Optional.of(p.facade());
    }

    /** Names from the root down to this scope, e.g. {@code [jvm, main, checkout]}. */
    public List<String> path() {
        return node.path();
    }

    /** Cancels this scope and all its descendants with reason {@code cancel()}. Idempotent. */
    public void cancel() {
        cancel("cancel()");
    }

    /** Cancels this scope and all its descendants. Idempotent: the first reason wins. */
    public void cancel(String reason) {
        node.cancel(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Cancels this scope (reason {@code closed}) and, on the thread that opened it, restores the scope
     * that was current before. Idempotent.
     */
    @Override
    public void close() {
        node.cancel("closed");
        if (openedOn == Thread.currentThread()) {
            ThreadContext context = ThreadContext.get();
            ScopeNode current = ThreadContext.currentScope();
            // Restore also when an inner scope was left open: closing the outer block ends them all.
            if (current.isWithin(node)) {
                context.restore(restoreTo);
            }
            openedOn = null;
        }
    }

    /** Cancels this scope with reason {@code deadline exceeded} once {@code timeout} has passed. */
    public Scope deadlineAfter(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long now = OutliveRuntime.get().clock().nanoTime();
        node.cancelAt(now + saturatedNanos(timeout));
        return this;
    }

    /** Cancels this scope with reason {@code deadline exceeded} when {@code deadline} arrives. */
    public Scope deadlineAt(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        OutliveRuntime runtime = OutliveRuntime.get();
        long millisLeft = deadline.toEpochMilli() - runtime.clock().epochMillis();
        node.cancelAt(runtime.clock().nanoTime() + TimeUnit.MILLISECONDS.toNanos(millisLeft));
        return this;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    /** True once this scope or an ancestor was cancelled. */
    public boolean isCancelled() {
        return node.isCancelled();
    }

    /** Why this scope (or the ancestor that cancelled it) was cancelled; empty while it is open. */
    public Optional<String> cancelReason() {
        Cancellation c = node.cancellation();
        return c == null ? Optional.empty() : Optional.of(c.reason());
    }

    /**
     * Throws {@link CancellationException} if this scope was cancelled; the message carries the reason
     * and the scope's path. Call it in loops and before blocking.
     */
    public void checkCancelled() {
        Cancellation c = node.cancellation();
        if (c != null) {
            throw new CancellationException("scope " + String.join("/", node.path()) + " was cancelled: " + c.reason());
        }
    }

    /** Runs {@code action} once when this scope is cancelled, or at once if it already is. */
    public void onCancel(Runnable action) {
        node.onCancel(Objects.requireNonNull(action, "action"));
    }

    @Override
    public String toString() {
        return "Scope[" + node + (isCancelled() ? ", cancelled" : "") + "]";
    }
}
