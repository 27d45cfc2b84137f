package dev.outlive.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Thread contexts by thread identity: what {@link ThreadContext} is found through. Every live thread
 * the agent sees has an entry, so the entry is the cost that matters: the context itself is the
 * entry (it knows its thread), held in open-addressed arrays of references, about 10 bytes per
 * thread instead of the 37 to 43 of a {@code ConcurrentHashMap} node and its table slot.
 *
 * <p>Reads take no lock and never see a half-built table: a resize copies references into a new
 * array and then publishes it, and arrays once replaced are never written again. Writes (a thread
 * starting, a thread ending) take the lock of one of 16 segments, chosen by the identity hash's top
 * bits. Removed entries leave a tombstone, reused by later inserts and dropped at the next resize.
 * A {@code get} that races with a {@code put} or {@code remove} of the same thread may see either
 * side, as with {@code ConcurrentHashMap}; a thread looking up its own entry always finds it, since
 * its entry was written before the thread started.
 */
final class ContextTable {
    private static final int SEGMENT_SHIFT = 27; // identity hashes have 31 bits: the top 4 pick the segment
    private static final int SEGMENTS = 16;
    private static final int INITIAL_CAPACITY = 16;
    private static final Object TOMBSTONE = new Object();
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    private final Segment[] segments = new Segment[SEGMENTS];

    ContextTable() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    private Segment segmentFor(int hash) {
        return segments[(hash >>> SEGMENT_SHIFT) & (SEGMENTS - 1)];
    }

    /** The context of {@code thread}, or null. Lock-free. */
    ThreadContext get(Thread thread) {
        int hash = System.identityHashCode(thread);
        Object[] table = segmentFor(hash).table;
        int mask = table.length - 1;
        for (int i = hash & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            Object e = SLOTS.getAcquire(table, i);
            if (e == null) {
                return null;
            }
            if (e != TOMBSTONE && ((ThreadContext) e).thread() == thread) {
                return (ThreadContext) e;
            }
        }
        return null;
    }

    /** Adds {@code context} for its thread; false (and nothing changed) if that thread has one. */
    boolean putIfAbsent(ThreadContext context) {
        Thread thread = context.thread();
        int hash = System.identityHashCode(thread);
        Segment s = segmentFor(hash);
        synchronized (s) {
            return s.insert(context, hash);
        }
    }

    /** Removes and returns the context of {@code thread}, or null. */
    ThreadContext remove(Thread thread) {
        int hash = System.identityHashCode(thread);
        Segment s = segmentFor(hash);
        synchronized (s) {
            return s.delete(thread, hash);
        }
    }

    /** A weakly consistent snapshot of every context. */
    List<ThreadContext> values() {
        List<ThreadContext> out = new ArrayList<>();
        for (Segment s : segments) {
            Object[] table = s.table;
            for (int i = 0; i < table.length; i++) {
                Object e = SLOTS.getAcquire(table, i);
                if (e != null && e != TOMBSTONE) {
                    out.add((ThreadContext) e);
                }
            }
        }
        return out;
    }

    /** One sixteenth of the table; its fields are written under its monitor. */
    private static final class Segment {
        volatile Object[] table = new Object[INITIAL_CAPACITY];
        /** Live entries. */
        int size;
        /** Live entries and tombstones: what lengthens probe sequences. */
        int occupied;

        boolean insert(ThreadContext context, int hash) {
            Object[] t = table;
            int mask = t.length - 1;
            int free = -1;
            for (int i = hash & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
                Object e = t[i];
                if (e == null) {
                    if (free < 0) {
                        free = i;
                    }
                    break;
                }
                if (e == TOMBSTONE) {
                    if (free < 0) {
                        free = i;
                    }
                } else if (((ThreadContext) e).thread() == context.thread()) {
                    return false;
                }
            }
            boolean intoEmptySlot = t[free] == null;
            if (intoEmptySlot && (occupied + 1) * 4 > t.length * 3) {
                rehash(size + 1);
                return insert(context, hash);
            }
            SLOTS.setRelease(t, free, context);
            size++;
            if (intoEmptySlot) {
                occupied++;
            }
            return true;
        }

        ThreadContext delete(Thread thread, int hash) {
            Object[] t = table;
            int mask = t.length - 1;
            for (int i = hash & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
                Object e = t[i];
                if (e == null) {
                    return null;
                }
                if (e != TOMBSTONE && ((ThreadContext) e).thread() == thread) {
                    SLOTS.setRelease(t, i, TOMBSTONE);
                    size--;
                    return (ThreadContext) e;
                }
            }
            return null;
        }

        /** Copies the live entries into a new array with room for {@code live} at most half full, then publishes it. */
        private void rehash(int live) {
            int capacity = INITIAL_CAPACITY;
            while (capacity < live * 2) {
                capacity <<= 1;
            }
            Object[] old = table;
            Object[] fresh = new Object[capacity];
            int mask = capacity - 1;
            for (Object e : old) {
                if (e != null && e != TOMBSTONE) {
                    int i = System.identityHashCode(((ThreadContext) e).thread()) & mask;
                    while (fresh[i] != null) {
                        i = (i + 1) & mask;
                    }
                    fresh[i] = e;
                }
            }
            occupied = size;
            table = fresh; // the volatile write publishes the filled array
        }
    }
}
