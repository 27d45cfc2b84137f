package dev.outlive.core.task;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads started under Outlive and their task records, from {@code start()} until the thread
 * terminates. The new thread finds its own record here the first time it needs its context.
 */
public final class ThreadTasks {
    private static final ConcurrentHashMap<Thread, TaskRecord> TASKS = new ConcurrentHashMap<>();

    private ThreadTasks() {
    }

    /** Registers {@code record} for {@code thread}; false if the thread already had one. */
    public static boolean register(Thread thread, TaskRecord record) {
        return TASKS.putIfAbsent(thread, record) == null;
    }

    public static TaskRecord forThread(Thread thread) {
        return TASKS.get(thread);
    }

    /** Removes and returns the record of a terminating thread. */
    public static TaskRecord remove(Thread thread) {
        return TASKS.remove(thread);
    }

    /** A weakly consistent view of the records of live threads. */
    public static java.util.Collection<TaskRecord> all() {
        return java.util.Collections.unmodifiableCollection(TASKS.values());
    }

    public static int size() {
        return TASKS.size();
    }
}
