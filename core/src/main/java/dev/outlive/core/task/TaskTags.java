package dev.outlive.core.task;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Attaches a task record to an application object (a {@code FutureTask}, a {@code ForkJoinTask}, a
 * {@code CompletableFuture}) by identity, without keeping the object alive and without touching its
 * {@code equals}/{@code hashCode}. Retransformation cannot add fields to JDK classes, so this side
 * table stands in for one.
 *
 * <p>Striped, with a plain monitor per stripe held for a few instructions: no allocation but the
 * entry itself, no thread-local randomness, nothing that could recurse into instrumented code.
 */
public final class TaskTags {
    private static final int STRIPES = 64;

    private final Stripe[] stripes = new Stripe[STRIPES];

    public TaskTags() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    private Stripe stripe(int hash) {
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    public void put(Object key, TaskRecord record) {
        int h = System.identityHashCode(key);
        stripe(h).put(key, h, record);
    }

    public TaskRecord get(Object key) {
        int h = System.identityHashCode(key);
        return stripe(h).get(key, h, false);
    }

    public TaskRecord remove(Object key) {
        int h = System.identityHashCode(key);
        return stripe(h).get(key, h, true);
    }

    /** Entries across all stripes, for tests and diagnostics. */
    public int size() {
        int n = 0;
        for (Stripe s : stripes) {
            n += s.size();
        }
        return n;
    }

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        TaskRecord record;
        Entry next;

        Entry(Object key, int hash, TaskRecord record, ReferenceQueue<Object> queue, Entry next) {
            super(key, queue);
            this.hash = hash;
            this.record = record;
            this.next = next;
        }
    }

    private static final class Stripe {
        private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
        private Entry[] table = new Entry[16];
        private int count;

        synchronized void put(Object key, int hash, TaskRecord record) {
            expunge();
            int i = hash & (table.length - 1);
            for (Entry e = table[i]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    e.record = record;
                    return;
                }
            }
            table[i] = new Entry(key, hash, record, collected, table[i]);
            if (++count > table.length * 3 / 4) {
                resize();
            }
        }

        synchronized TaskRecord get(Object key, int hash, boolean remove) {
            int i = hash & (table.length - 1);
            Entry prev = null;
            for (Entry e = table[i]; e != null; prev = e, e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    if (remove) {
                        unlink(i, prev, e);
                    }
                    return e.record;
                }
            }
            return null;
        }

        synchronized int size() {
            expunge();
            return count;
        }

        private void unlink(int index, Entry prev, Entry e) {
            if (prev == null) {
                table[index] = e.next;
            } else {
                prev.next = e.next;
            }
            e.record = null;
            count--;
        }

        /** Drops entries whose object was collected (a task that never ran and was dropped). */
        private void expunge() {
            for (Object ref = collected.poll(); ref != null; ref = collected.poll()) {
                Entry dead = (Entry) ref;
                int i = dead.hash & (table.length - 1);
                Entry prev = null;
                for (Entry e = table[i]; e != null; prev = e, e = e.next) {
                    if (e == dead) {
                        unlink(i, prev, e);
                        break;
                    }
                }
            }
        }

        private void resize() {
            Entry[] old = table;
            Entry[] grown = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry e = head; e != null; ) {
                    Entry next = e.next;
                    int i = e.hash & (grown.length - 1);
                    e.next = grown[i];
                    grown[i] = e;
                    e = next;
                }
            }
            table = grown;
        }
    }
}
