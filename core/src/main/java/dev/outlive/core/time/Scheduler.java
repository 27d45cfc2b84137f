package dev.outlive.core.time;

/** Runs actions when a time on the runtime's {@link Clock} arrives: deadlines and leak checks. */
public interface Scheduler {
    /** Runs {@code action} once the clock reaches {@code dueNanos}. */
    Cancellable schedule(long dueNanos, Runnable action);
}
