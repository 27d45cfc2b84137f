package dev.outlive.core.task;

import dev.outlive.ScopeKind;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;

import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An executor's own {@code EXECUTOR} scope: a child of the scope current where it was built, with
 * the creation stack. While it is not shut down and its creator's scope is cancellable, it stays
 * linked under that scope, so when the scope ends the tracker can tell an executor nobody shut down
 * ({@code UNCLOSED_EXECUTOR}). The executor itself is held weakly.
 */
public final class ExecutorRecord extends ScopeNode {
    private final WeakReference<Object> executor;
    private final StackSnapshot createdAt;
    private final AtomicBoolean linked = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final AtomicBoolean over = new AtomicBoolean();

    private ExecutorRecord(ScopeNode parent, String name, Object executor, StackSnapshot createdAt) {
        super(ScopeKind.EXECUTOR, name, parent);
        this.executor = new WeakReference<>(executor);
        this.createdAt = createdAt;
    }

    /** Records a new executor built while {@code creatorScope} was current. */
    public static ExecutorRecord created(ScopeNode creatorScope, String name, Object executor, StackSnapshot createdAt) {
        ExecutorRecord r = new ExecutorRecord(creatorScope, name, executor, createdAt);
        ScopeKind parentKind = creatorScope.kind();
        // Executors of the jvm and main scopes live as long as the application: never reported as such.
        if (parentKind != ScopeKind.JVM && parentKind != ScopeKind.MAIN && r.linked.compareAndSet(false, true)) {
            r.pin();
        }
        return r;
    }

    /** {@code shutdown()}, {@code shutdownNow()} or {@code close()} was called: nothing left to report. */
    public void shutDown() {
        if (linked.compareAndSet(true, false)) {
            unpin();
        }
    }

    /**
     * The executor terminated (or was collected): its scope is over, whether or not it was ever
     * cancelled. Unlinks it and stops counting it as open; once.
     */
    public void ended() {
        shutDown();
        if (over.compareAndSet(false, true) && ownCancellation() == null) {
            closedOne();
        }
    }

    @Override
    protected boolean countsAsOpen() {
        return !over.get();
    }

    /** The executor, or null once it was collected. */
    public Object executor() {
        return executor.get();
    }

    public StackSnapshot createdAt() {
        return createdAt;
    }

    /** True once the creator's scope is over: cancelled, or a task that has finished. */
    public boolean ownerEnded() {
        ScopeNode owner = parent();
        return owner.isCancelled() || owner instanceof TaskRecord && ((TaskRecord) owner).isDone();
    }

    /** Live worker threads of the executor, or 0 when it is gone or shut down. */
    public int liveWorkers() {
        Object e = executor.get();
        if (e == null || e instanceof ExecutorService && ((ExecutorService) e).isShutdown()) {
            return 0;
        }
        if (e instanceof ThreadPoolExecutor) {
            return ((ThreadPoolExecutor) e).getPoolSize();
        }
        if (e instanceof ForkJoinPool) {
            return ((ForkJoinPool) e).getPoolSize();
        }
        return 0;
    }

    /** Claims the executor for reporting; false if it was reported already. */
    public boolean markReported() {
        return reported.compareAndSet(false, true);
    }
}
