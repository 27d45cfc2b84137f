package dev.outlive.bridge;

import dev.outlive.core.ThreadContext;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import dev.outlive.core.task.TaskState;
import dev.outlive.core.task.TaskTags;

/**
 * {@code java.util.TimerTask}s as tasks of their own ({@code TIMER_TASK}), owned by the scope that
 * scheduled them. A periodic task is one task across all its runs: it is {@code RUNNING} during a
 * run and {@code QUEUED} between runs, and ends when it will not run again (one-shot done, cancelled,
 * or its timer cancelled or dead).
 *
 * <p>The timer thread runs tasks from {@code TimerThread.mainLoop}, which has no per-task method to
 * hook; its queue operations mark the edges instead. Under the queue's monitor, the loop takes the
 * head task off the queue ({@code removeMin}, one-shot) or re-queues it ({@code rescheduleMin},
 * periodic), then runs it with no lock held, then calls {@code isEmpty()} at the top of the next
 * iteration: that call is the end of the run. A run that throws kills the timer thread, whose exit
 * ends the task (see {@link Hooks#threadExiting}).
 */
final class TimerTasks {
    /** Scheduled timer tasks and their records, until their last run. */
    static final TaskTags TAGS = new TaskTags();

    private TimerTasks() {
    }

    /** {@code TaskQueue.add} from {@code Timer.sched}: validated and queued, not yet visible to the timer thread. */
    static void scheduled(ThreadContext ctx, Object task) {
        if (TimerInternals.ready() && TAGS.get(task) == null) {
            TAGS.put(task, Hooks.spawnFor(ctx, task, TaskKind.TIMER_TASK));
        }
    }

    /** The timer thread takes the head task: it runs now, or is dropped if it was cancelled. */
    static void firing(Object queue) {
        if (!TimerInternals.ready()) {
            return;
        }
        Object task = TimerInternals.head(queue);
        TaskRecord record = task == null ? null : TAGS.get(task);
        if (record == null) {
            return;
        }
        if (TimerInternals.isCancelled(task)) {
            TAGS.remove(task);
            record.finish();
            return;
        }
        if (Hooks.enter(record) != null) {
            record.attach(task); // what the end of the run reads: held only while it runs
        }
    }

    /** The timer loop came round again: the task it ran, if any, has returned. */
    static void loopPolled(ThreadContext ctx) {
        TaskRecord running = ctx.task();
        if (running == null || running.taskKind() != TaskKind.TIMER_TASK) {
            return;
        }
        Object task = running.attachment();
        boolean again = task != null && TimerInternals.runsAgain(task, Thread.currentThread());
        Hooks.exit(running, again);
        if (again) {
            running.attach(null);
        } else if (task != null) {
            TAGS.remove(task);
        }
    }

    /**
     * {@code TaskQueue.clear()}, under the queue's monitor: {@code Timer.cancel()}, or the timer thread
     * dying. Queued tasks will never run: they end. A task running now ends with its run.
     */
    static void cleared(Object queue) {
        if (!TimerInternals.ready()) {
            return;
        }
        Object[] queued = TimerInternals.queued(queue);
        for (Object task : queued) {
            TaskRecord record = task == null ? null : TAGS.get(task);
            if (record != null && record.state() == TaskState.QUEUED) {
                TAGS.remove(task);
                record.finish();
            }
        }
    }

    /**
     * {@code Timer.cancel()}: it never stops a run in progress, so the task running now is cancelled
     * (unless it is the one cancelling its own timer: that only means "no more runs").
     */
    static void timerCancelled(ThreadContext ctx, Object timer) {
        if (!TimerInternals.ready()) {
            return;
        }
        Thread thread = TimerInternals.threadOf(timer);
        ThreadContext timerCtx = thread == null ? null : ThreadContext.of(thread);
        TaskRecord running = timerCtx == null ? null : timerCtx.task();
        if (running != null && running.taskKind() == TaskKind.TIMER_TASK && running != ctx.task() && !running.isDone()) {
            running.cancel("Timer.cancel()");
        }
    }

    /** {@code TimerTask.cancel()} returned: the task never runs again; a run in progress is cancelled. */
    static void taskCancelled(ThreadContext ctx, Object task) {
        TaskRecord record = TAGS.get(task);
        if (record == null || record.isDone()) {
            return;
        }
        if (record != ctx.task()) {
            record.cancel("TimerTask.cancel()");
        }
        if (record.state() == TaskState.QUEUED) {
            // Not running, and its state is now CANCELLED under the task's lock: the timer drops it unrun.
            TAGS.remove(task);
            record.finish();
        }
    }
}
