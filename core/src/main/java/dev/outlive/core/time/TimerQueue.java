package dev.outlive.core.time;

import java.util.PriorityQueue;

/**
 * A queue of timed actions ordered by due time. Not thread-safe: its owners lock around it.
 * Shared by the daemon scheduler and the hand-driven one used in tests, so both order and
 * withdraw entries the same way.
 */
final class TimerQueue {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    Entry add(long dueNanos, Runnable action) {
        Entry e = new Entry(dueNanos, sequence++, action);
        queue.add(e);
        return e;
    }

    /** The earliest live entry, or null; withdrawn entries are dropped on the way. */
    Entry peek() {
        Entry e = queue.peek();
        while (e != null && e.withdrawn) {
            queue.poll();
            e = queue.peek();
        }
        return e;
    }

    /** Removes and returns the earliest entry if it is due at {@code now}, else null. */
    Entry pollDue(long now) {
        Entry e = peek();
        if (e != null && e.dueNanos - now <= 0) {
            queue.poll();
            return e;
        }
        return null;
    }

    int size() {
        return queue.size();
    }

    static final class Entry implements Comparable<Entry>, Cancellable {
        final long dueNanos;
        final long order;
        final Runnable action;
        volatile boolean withdrawn;

        Entry(long dueNanos, long order, Runnable action) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Entry o) {
            long d = dueNanos - o.dueNanos;
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
            return Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            withdrawn = true;
        }
    }
}
