package dev.outlive.junit.internal;

import dev.outlive.ScopeKind;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.leak.IdleTimers;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.ExecutorRecord;
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
     * Waits up to {@code graceMillis} for the scope's work to end and returns what is still there:
     * tasks a thread is running, and executors the test built and never shut down whose workers are
     * alive. Queued tasks are waited for (they may start and end within grace) but never returned:
     * no thread does their work, and one dropped unrun is over. Joins a live thread where there is one
     * (it wakes the moment the thread ends), else backs off from 1 ms to 50 ms between looks; never
     * waits past the deadline.
     */
    Leftovers awaitWork(long graceMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        // A test may leave its thread interrupted; that must not cut the grace period short.
        boolean interrupted = Thread.interrupted();
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        try {
            Leftovers left = leftovers();
            while (!left.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                long slice = Math.min(remaining, pause);
                Thread runner = left.firstRunner();
                if (runner != null) {
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
                left = leftovers();
            }
            return left.withoutQueued();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The unfinished work of this scope's linked subtree. Nested {@code TEST} scopes are not entered: a
     * test's own leaks were reported against that test and must not be blamed on its class again.
     */
    Leftovers leftovers() {
        List<TaskRecord> tasks = new ArrayList<>();
        List<ExecutorRecord> executors = new ArrayList<>();
        ArrayDeque<ScopeNode> pending = new ArrayDeque<>();
        pending.add(node);
        for (ScopeNode n = pending.poll(); n != null; n = pending.poll()) {
            // a daemon timer with nothing scheduled runs no work: not waited for, not reported
            if (n instanceof TaskRecord && !((TaskRecord) n).isDone() && !IdleTimers.isIdle((TaskRecord) n)) {
                tasks.add((TaskRecord) n);
            } else if (n instanceof ExecutorRecord && ((ExecutorRecord) n).liveWorkers() > 0) {
                executors.add((ExecutorRecord) n);
            }
            n.forEachLinkedChild(child -> {
                if (child.kind() != ScopeKind.TEST) {
                    pending.add(child);
                }
            });
        }
        return new Leftovers(tasks, executors);
    }

    /** What a test left behind: unfinished tasks and executors still up. */
    record Leftovers(List<TaskRecord> tasks, List<ExecutorRecord> executors) {
        boolean isEmpty() {
            return tasks.isEmpty() && executors.isEmpty();
        }

        /** A thread to join while waiting: the first task's, if it is a thread of its own. */
        Thread firstRunner() {
            for (TaskRecord t : tasks) {
                Thread runner = t.thread();
                if (runner != null && t.taskKind().isThread()) {
                    return runner;
                }
            }
            return null;
        }

        /**
         * Only work a thread is doing: a task still queued is no one's leak yet, unless it is a periodic
         * task that went on running after the test ended.
         */
        Leftovers withoutQueued() {
            List<TaskRecord> running = new ArrayList<>();
            for (TaskRecord t : tasks) {
                if (t.isRunning() || t.keepsRunningAfterCancel()) {
                    running.add(t);
                }
            }
            return new Leftovers(running, executors);
        }
    }

    @Override
    public void close() {
        exit();
        cancel();
    }
}
