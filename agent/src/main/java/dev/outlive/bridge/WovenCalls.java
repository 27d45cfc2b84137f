package dev.outlive.bridge;

import dev.outlive.core.task.TaskRecord;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Entry points shaped for the weaver, which passes only what a hooked method has at hand: its
 * receiver, its arguments, its return value (always first, since it is already on the stack), the
 * value the enter call returned, what it threw, or its own name. The small decisions that used to sit
 * in advice bodies (timeouts in nanoseconds, "did this call change the future") live here, so the
 * woven code is one static call without branches. Same rules as {@link Hooks}: never throw, never log.
 */
public final class WovenCalls {
    private static final long NO_TIMEOUT = -1;

    private WovenCalls() {
    }

    // ---------------------------------------------------------------- blocking calls

    /** {@code park()}, {@code join()}, {@code wait()}: no timeout, no blocker. */
    public static TaskRecord untimedWait(String method) {
        return Hooks.blockingEnter(method, null, true, NO_TIMEOUT);
    }

    /** {@code LockSupport.park(blocker)}. */
    public static TaskRecord park(String method, Object blocker) {
        return Hooks.blockingEnter(method, blocker, true, NO_TIMEOUT);
    }

    /** {@code LockSupport.parkNanos([blocker,] nanos)}. */
    public static TaskRecord parkNanos(String method, Object blocker, long nanos) {
        return Hooks.blockingEnter(method, blocker, true, nanos);
    }

    /** {@code LockSupport.parkUntil([blocker,] deadline)}: the deadline is epoch milliseconds. */
    public static TaskRecord parkUntil(String method, Object blocker, long deadlineMillis) {
        return Hooks.blockingEnter(method, blocker, true, (deadlineMillis - System.currentTimeMillis()) * 1_000_000L);
    }

    /** {@code Thread.sleep(millis[, nanos])}. */
    public static TaskRecord sleep(String method, long millis) {
        return Hooks.blockingEnter(method, null, true, Math.max(0, millis) * 1_000_000L);
    }

    /** {@code Thread.join(millis[, nanos])} and {@code Object.wait(millis[, nanos])}: zero waits for ever. */
    public static TaskRecord timedWait(String method, long millis) {
        return Hooks.blockingEnter(method, null, true, millis == 0 ? NO_TIMEOUT : millis * 1_000_000L);
    }

    /** {@code Thread.sleep(Duration)} and {@code Thread.join(Duration)}. */
    public static TaskRecord waitFor(String method, Duration timeout) {
        long nanos;
        try {
            nanos = timeout == null ? NO_TIMEOUT : Math.max(0, timeout.toMillis()) * 1_000_000L;
        } catch (ArithmeticException beyondLong) {
            nanos = NO_TIMEOUT; // a timeout of centuries waits like none
        }
        return Hooks.blockingEnter(method, null, true, nanos);
    }

    /** {@code NioSocketImpl.park(fd, event)}: a socket wait with no timeout. */
    public static TaskRecord socketWait(String method) {
        return Hooks.socketBlockingEnter(method, NO_TIMEOUT);
    }

    /** {@code NioSocketImpl.park(fd, event, nanos)}: zero means no timeout. */
    public static TaskRecord socketWaitNanos(String method, long nanos) {
        return Hooks.socketBlockingEnter(method, nanos == 0 ? NO_TIMEOUT : nanos);
    }

    // ---------------------------------------------------------------- executors and tasks

    /** The end of {@code execute}: a task the executor refused ends at once. */
    public static void submitEnded(Runnable queued, Throwable thrown) {
        if (thrown != null) {
            Hooks.submitFailed(queued);
        }
    }

    /**
     * {@code CompletableFuture}'s thread-per-task executor (JDK 17 on two CPUs or fewer): the task is
     * the submitter's, the thread it starts for it is the executor's.
     */
    public static Runnable submittingToNewThread(Object executor, Runnable task) {
        Runnable queued = Hooks.submitting(executor, task);
        Hooks.internalSpawnBegin(executor);
        return queued;
    }

    /** The end of {@link #submittingToNewThread}. */
    public static void submitToNewThreadEnded(Runnable queued, Throwable thrown) {
        Hooks.internalSpawnEnd();
        submitEnded(queued, thrown);
    }

    /** The end of a one-shot run ({@code FutureTask.run}, {@code ForkJoinTask.doExec}, async bodies). */
    public static void runFinished(Object task, TaskRecord entered) {
        Hooks.runEnded(task, entered, false);
    }

    /** The end of {@code FutureTask.runAndReset}: the task runs again only if it returned true. */
    public static void periodicRunEnded(boolean again, Object task, TaskRecord entered, Throwable thrown) {
        Hooks.runEnded(task, entered, again && thrown == null);
    }

    /** {@code FutureTask.cancel(mayInterrupt)}. */
    public static void futureCancelling(Object future, boolean mayInterrupt) {
        Hooks.cancelling(future, mayInterrupt, "Future.cancel");
    }

    /** {@code ForkJoinTask.cancel(mayInterrupt)}. */
    public static void forkJoinCancelling(Object task, boolean mayInterrupt) {
        Hooks.cancelling(task, mayInterrupt, "ForkJoinTask.cancel");
    }

    // ---------------------------------------------------------------- CompletableFuture

    /** {@code CompletableFuture.cancel} returned; only a call that changed the future cancels its body. */
    public static void futureCancelled(boolean changed, Object future, boolean mayInterrupt) {
        if (changed) {
            Hooks.futureCompletedExternally(future,
                    mayInterrupt ? "CompletableFuture.cancel(true)" : "CompletableFuture.cancel(false)");
        }
    }

    /** {@code CompletableFuture.complete} returned. */
    public static void futureCompleted(boolean changed, Object future) {
        if (changed) {
            Hooks.futureCompletedExternally(future, "CompletableFuture.complete(..)");
        }
    }

    /** {@code CompletableFuture.completeExceptionally} returned; {@code orTimeout} completes through it. */
    public static void futureFailed(boolean changed, Object future, Throwable failure) {
        if (changed) {
            Hooks.futureCompletedExternally(future, failure instanceof TimeoutException
                    ? "completed by timeout (orTimeout)" : "CompletableFuture.completeExceptionally(..)");
        }
    }
}
