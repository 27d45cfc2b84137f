package dev.outlive.agent.instrument;

import dev.outlive.bridge.Hooks;
import dev.outlive.core.task.TaskRecord;
import net.bytebuddy.asm.Advice;

import java.util.List;
import java.util.concurrent.ForkJoinTask;

/** Advice woven into the JDK's executors and futures. Each body is one call into the bridge. */
final class ExecutorAdvice {
    private ExecutorAdvice() {
    }

    /** {@code ThreadPoolExecutor.execute(Runnable)}, {@code ForkJoinPool.execute(Runnable)} and the like. */
    static final class Submit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = Hooks.submitting(executor, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Runnable task, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                Hooks.submitFailed(task);
            }
        }
    }

    /** {@code CompletableFuture$ThreadPerTaskExecutor.execute}: a new thread per task, which is not itself a task. */
    static final class SubmitToNewThread {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = Hooks.submitting(executor, task);
            Hooks.internalSpawnBegin(executor);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Runnable task, @Advice.Thrown Throwable thrown) {
            Hooks.internalSpawnEnd();
            if (thrown != null) {
                Hooks.submitFailed(task);
            }
        }
    }

    /** {@code ThreadPoolExecutor.addWorker}: the worker thread belongs to the pool. */
    static final class AddWorker {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            Hooks.internalSpawnBegin(executor);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Hooks.internalSpawnEnd();
        }
    }

    /** Executor constructors. */
    static final class Created {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            Hooks.executorCreated(executor);
        }
    }

    /** {@code shutdownNow()}. */
    static final class ShutdownNow {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            Hooks.shutdownNowStarting(executor);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Return List<Runnable> neverRan) {
            Hooks.shutdownNowEnded(neverRan);
        }
    }

    /** {@code shutdown()}. */
    static final class Shutdown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            Hooks.shuttingDown(executor);
        }
    }

    /** {@code ScheduledThreadPoolExecutor.delayedExecute(RunnableScheduledFuture)}. */
    static final class Schedule {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object future) {
            Hooks.scheduling(future);
        }
    }

    /** {@code ForkJoinPool.scheduleDelayedTask(ScheduledForkJoinTask)} (JDK 25): the funnel of {@code schedule*}. */
    static final class DelayedSchedule {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.Argument(0) Object task) {
            Hooks.delayedTaskScheduling(pool, task);
        }
    }

    /** {@code ScheduledForkJoinTask.cancel(boolean)} (JDK 25), which overrides {@code ForkJoinTask.cancel}. */
    static final class ScheduledCancel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object task, @Advice.Argument(0) boolean mayInterrupt) {
            Hooks.scheduledCancelling(task, mayInterrupt);
        }
    }

    /** {@code ForkJoinPool.submitWithTimeout} (JDK 25): the task is what it returns. */
    static final class Scheduled {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object task) {
            Hooks.scheduling(task);
        }
    }

    /** {@code ForkJoinPool.execute/submit/invoke(ForkJoinTask)}, {@code ForkJoinTask.fork()}. */
    static final class Fork {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) ForkJoinTask<?> task) {
            Hooks.forking(task);
        }
    }

    /** {@code ForkJoinTask.fork()}: the task is {@code this}. */
    static final class ForkSelf {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinTask<?> task) {
            Hooks.forking(task);
        }
    }

    /** {@code FutureTask.run()}, {@code ForkJoinTask.doExec()}, async bodies' {@code run()}. */
    static final class Run {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.This Object task) {
            return Hooks.runStarting(task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object task, @Advice.Enter TaskRecord entered) {
            Hooks.runEnded(task, entered, false);
        }
    }

    /** {@code FutureTask.runAndReset()}: one run of a periodic task; false means it will not run again. */
    static final class RunPeriodic {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.This Object task) {
            return Hooks.runStarting(task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object task, @Advice.Enter TaskRecord entered, @Advice.Return boolean again,
                         @Advice.Thrown Throwable thrown) {
            Hooks.runEnded(task, entered, again && thrown == null);
        }
    }

    /** {@code FutureTask.cancel(boolean)}. */
    static final class FutureCancel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object future, @Advice.Argument(0) boolean mayInterrupt) {
            Hooks.cancelling(future, mayInterrupt, "Future.cancel");
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Hooks.cancelled();
        }
    }

    /** {@code ForkJoinTask.cancel(boolean)}. */
    static final class ForkJoinCancel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object task, @Advice.Argument(0) boolean mayInterrupt) {
            Hooks.cancelling(task, mayInterrupt, "ForkJoinTask.cancel");
        }
    }
}
