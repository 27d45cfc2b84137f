package dev.outlive.junit.internal;

import dev.outlive.ScopeKind;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskRecord;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One {@code TEST} scope, current on the thread that opened it until {@link #exit()}. Closing it as a
 * store resource is only a safety net for a run that never reached the extension's after-callback.
 */
final class TestScope implements ExtensionContext.Store.CloseableResource {
    static final String REASON = "test finished";
    /** Longest single wait between two looks at the scope's tasks. */
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ScopeNode node;
    private final ScopeNode previous;
    private final ThreadContext context;
    private final Thread thread;
    private boolean exited;

    private TestScope(ScopeNode node, ScopeNode previous, ThreadContext context) {
        this.node = node;
        this.previous = previous;
        this.context = context;
        this.thread = Thread.currentThread();
    }

    /** Opens a child of {@code parent} and makes it current on this thread. */
    static TestScope enter(ScopeNode parent, String name) {
        ScopeNode node = ScopeNode.child(parent, ScopeKind.TEST, name);
        ThreadContext context = ThreadContext.get();
        return new TestScope(node, context.enter(node), context);
    }

    ScopeNode node() {
        return node;
    }

    /** Gives this thread back the scope it had before {@link #enter}; once. */
    void exit() {
        if (exited) {
            return;
        }
        exited = true;
        // Only the opening thread's context may be touched, and only if nothing replaced our scope since.
        if (Thread.currentThread() == thread && context.scope() == node) {
            context.restore(previous);
        }
    }

    /**
     * Cancels the scope. The cancelling stack is the extension's and JUnit's, which tells a reader
     * nothing, so none is recorded: the reason says it all.
     */
    void cancel() {
        node.cancel(REASON, StackSnapshot.EMPTY);
    }

    /**
     * Waits up to {@code graceMillis} for the scope's tasks to end and returns those still live. Joins
     * a live thread where there is one (it wakes the moment the thread ends), else backs off from 1 ms
     * to 50 ms between looks; never waits past the deadline.
     */
    List<TaskRecord> awaitTasks(long graceMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        // A test may leave its thread interrupted; that must not cut the grace period short.
        boolean interrupted = Thread.interrupted();
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        try {
            List<TaskRecord> live = liveTasks();
            while (!live.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                long slice = Math.min(left, pause);
                TaskRecord first = live.get(0);
                Thread runner = first.thread();
                if (runner != null && first.taskKind().isThread()) {
                    try {
                        TimeUnit.NANOSECONDS.timedJoin(runner, slice);
                    } catch (InterruptedException e) {
                        interrupted = true;
                        break;
                    }
                } else {
                    LockSupport.parkNanos(this, slice);
                }
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
                live = liveTasks();
            }
            return live;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The running tasks of this scope's linked subtree. Nested {@code TEST} scopes are not entered: a
     * test's own leaks were reported against that test and must not be blamed on its class again.
     */
    List<TaskRecord> liveTasks() {
        List<TaskRecord> out = new ArrayList<>();
        ArrayDeque<ScopeNode> pending = new ArrayDeque<>();
        pending.add(node);
        for (ScopeNode n = pending.poll(); n != null; n = pending.poll()) {
            // Only work a thread is doing: a task still queued (or dropped unrun) is no one's leak yet.
            if (n instanceof TaskRecord && ((TaskRecord) n).isRunning()) {
                out.add((TaskRecord) n);
            }
            n.forEachLinkedChild(child -> {
                if (child.kind() != ScopeKind.TEST) {
                    pending.add(child);
                }
            });
        }
        return out;
    }

    @Override
    public void close() {
        exit();
        cancel();
    }
}
