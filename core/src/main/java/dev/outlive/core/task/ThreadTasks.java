package dev.outlive.core.task;

import dev.outlive.core.ThreadContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Threads started under Outlive and their task records, from {@code start()} until the thread
 * terminates. The record lives in the thread's {@link ThreadContext}, registered before the thread
 * runs: one map entry per thread, not one here and one there.
 */
public final class ThreadTasks {
    private ThreadTasks() {
    }

    /** Records {@code thread}, about to start, as the task {@code record}; false if it is known already. */
    public static boolean register(Thread thread, TaskRecord record) {
        return ThreadContext.registerStarting(thread, record);
    }

    /** The task recorded for {@code thread} at its start, or null. */
    public static TaskRecord forThread(Thread thread) {
        ThreadContext c = ThreadContext.of(thread);
        return c == null ? null : c.ownTask();
    }

    /** A snapshot of the recorded threads' tasks (for dumps). */
    public static Collection<TaskRecord> all() {
        List<TaskRecord> out = new ArrayList<>();
        for (ThreadContext c : ThreadContext.all()) {
            if (c.ownTask() != null) {
                out.add(c.ownTask());
            }
        }
        return out;
    }
}
