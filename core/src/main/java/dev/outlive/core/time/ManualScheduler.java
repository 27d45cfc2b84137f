package dev.outlive.core.time;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock and scheduler driven by hand, for deterministic tests of deadlines and grace periods:
 * {@link #advance} moves time forward and runs, on the calling thread, every action that became due.
 */
public final class ManualScheduler implements Scheduler, Clock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final long epochOffsetMillis;
    private final TimerQueue queue = new TimerQueue();

    public ManualScheduler(long startEpochMillis) {
        this.epochOffsetMillis = startEpochMillis - nanos.get() / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long epochMillis() {
        return epochOffsetMillis + nanos.get() / 1_000_000L;
    }

    @Override
    public Cancellable schedule(long dueNanos, Runnable action) {
        synchronized (queue) {
            return queue.add(dueNanos, action);
        }
    }

    /** Moves the clock forward by {@code millis} and runs what became due, in due order. */
    public void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }

    /** Moves the clock forward by {@code deltaNanos} and runs what became due, in due order. */
    public void advance(long deltaNanos) {
        long target = nanos.get() + deltaNanos;
        for (;;) {
            TimerQueue.Entry due;
            synchronized (queue) {
                TimerQueue.Entry next = queue.peek();
                if (next == null || next.dueNanos - target > 0) {
                    break;
                }
                due = queue.pollDue(target);
            }
            if (due.dueNanos - nanos.get() > 0) {
                nanos.set(due.dueNanos);
            }
            due.action.run();
        }
        nanos.set(target);
    }

    /** Entries still queued, withdrawn ones included until they are passed over. */
    public int pending() {
        synchronized (queue) {
            return queue.size();
        }
    }
}
