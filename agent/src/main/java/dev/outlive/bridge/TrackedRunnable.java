package dev.outlive.bridge;

import dev.outlive.core.task.TaskRecord;

/**
 * Carries the record of one submission of a plain {@code Runnable} (one that could be submitted many
 * times at once, so its identity cannot carry the record). {@code FutureTask}s and fork/join tasks
 * are tagged instead, because applications rely on their identity.
 */
public final class TrackedRunnable implements Runnable {
    private final Runnable delegate;
    private final TaskRecord record;

    TrackedRunnable(Runnable delegate, TaskRecord record) {
        this.delegate = delegate;
        this.record = record;
    }

    public Runnable delegate() {
        return delegate;
    }

    TaskRecord record() {
        return record;
    }

    @Override
    public void run() {
        TaskRecord entered = Hooks.enter(record);
        try {
            delegate.run();
        } finally {
            Hooks.exit(entered, false);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
