package dev.outlive.core.leak;

import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.task.BlockingCall;
import dev.outlive.core.task.TaskRecord;

import java.lang.management.ManagementFactory;

/**
 * Names the kind of a leaked task from what it is doing now: part of a lock cycle, blocked where an
 * interrupt cannot reach, blocked interruptibly with nobody interrupting, a thread left behind by its
 * scope, or running on regardless.
 */
public final class Classifier {
    private Classifier() {
    }

    public static LeakKind classify(TaskRecord task, Thread runner, Cancellation cancellation, BlockingCall call) {
        if (runner != null && (LockCycles.isInCycle(runner) || isDeadlocked(runner))) {
            return LeakKind.DEADLOCKED;
        }
        if (call != null && !call.interruptible()) {
            return LeakKind.BLOCKED_UNINTERRUPTIBLE;
        }
        if (task.taskKind().isThread() && !runsSubmittedTask(task) && cancellation != null && cancellation.origin() != task) {
            // The scope the thread was started in ended and nobody stopped the thread itself, whether it
            // spins or idles in an interruptible wait (a Timer's thread, a worker loop).
            return LeakKind.LINGERING_THREAD;
        }
        if (call != null) {
            return LeakKind.BLOCKED_AFTER_CANCEL;
        }
        return LeakKind.IGNORED_CANCELLATION;
    }

    /**
     * A thread a thread-per-task executor started for one submitted task (the bridge ties its future
     * to it): it is that task, cancelled like one, not a thread someone forgot to stop.
     */
    static boolean runsSubmittedTask(TaskRecord task) {
        return task.attachment() instanceof java.util.concurrent.Future;
    }

    /** Monitors and ownable synchronizers, through the JDK's own cycle detection (platform threads). */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() arrived in 19
    static boolean isDeadlocked(Thread t) {
        try {
            long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            if (ids != null) {
                for (long id : ids) {
                    if (id == t.getId()) {
                        return true;
                    }
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // no java.management: deadlocks show as blocked instead
        }
        return false;
    }
}
