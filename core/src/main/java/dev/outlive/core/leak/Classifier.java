package dev.outlive.core.leak;

import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.task.BlockingCall;
import dev.outlive.core.task.TaskRecord;

/**
 * Names the kind of a leaked task from what it is doing now. The blocking-call hooks make this
 * precise; without them a thread blocked on a monitor is still recognised from its thread state.
 */
public final class Classifier {
    private Classifier() {
    }

    public static LeakKind classify(TaskRecord task, Thread runner, Cancellation cancellation) {
        BlockingCall call = task.blockingCall();
        if (call != null) {
            return call.interruptible() ? LeakKind.BLOCKED_AFTER_CANCEL : LeakKind.BLOCKED_UNINTERRUPTIBLE;
        }
        if (runner != null && runner.getState() == Thread.State.BLOCKED) {
            return LeakKind.BLOCKED_UNINTERRUPTIBLE; // waiting to enter a monitor: interrupts never reach it
        }
        if (task.taskKind().isThread() && cancellation != null && cancellation.origin() != task) {
            // The scope the thread was started in ended; nobody stopped the thread itself.
            return LeakKind.LINGERING_THREAD;
        }
        return LeakKind.IGNORED_CANCELLATION;
    }
}
