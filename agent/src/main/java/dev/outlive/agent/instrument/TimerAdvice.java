package dev.outlive.agent.instrument;

import dev.outlive.bridge.Hooks;
import net.bytebuddy.asm.Advice;

/** Advice woven into {@code java.util.Timer} and its package-private queue. Each body is one call into the bridge. */
final class TimerAdvice {
    private TimerAdvice() {
    }

    /** {@code TaskQueue.add(TimerTask)}: only {@code Timer.sched} calls it, once the task is accepted. */
    static final class Scheduled {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object task) {
            Hooks.timerTaskScheduled(task);
        }
    }

    /** {@code TaskQueue.removeMin()}, {@code rescheduleMin(long)}: the timer thread takes its head task. */
    static final class Firing {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object queue) {
            Hooks.timerTaskFiring(queue);
        }
    }

    /** {@code TaskQueue.isEmpty()}: the top of the timer loop, after a run. */
    static final class LoopPolled {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.timerLoopPolled();
        }
    }

    /** {@code TaskQueue.clear()}: the timer is cancelled or its thread is dying. */
    static final class Cleared {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object queue) {
            Hooks.timerQueueClearing(queue);
        }
    }

    /** {@code Timer.cancel()}. */
    static final class TimerCancel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object timer) {
            Hooks.timerCancelling(timer);
        }
    }

    /** {@code TimerTask.cancel()}, once it returned (the task's state is then {@code CANCELLED}). */
    static final class TaskCancel {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object task) {
            Hooks.timerTaskCancelled(task);
        }
    }
}
