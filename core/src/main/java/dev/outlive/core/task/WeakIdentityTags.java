package dev.outlive.core.task;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Attaches a value (a task record, a spawn stack) to an object of the application or the JDK (a
 * {@code FutureTask}, a {@code ForkJoinTask}, a thread not yet started) by identity, without keeping
 * the object alive and without touching its {@code equals}/{@code hashCode}. Retransformation cannot
 * add fields to JDK classes, so this side table stands in for one.
 *
 * <p>Striped, with a plain monitor per stripe held for a few instructions: no allocation but the
 * entry itself, no thread-local randomness, nothing that could recurse into instrumented code.
 */
public class WeakIdentityTags<V> {
    private static final int STRIPES = 64;

    @SuppressWarnings("unchecked")
    private final Stripe<V>[] stripes = new Stripe[STRIPES];

    public WeakIdentityTags() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe<>();
        }
    }

    private Stripe<V> stripe(int hash) {
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    public void put(Object key, V value) {
        int h = System.identityHashCode(key);
        stripe(h).put(key, h, value);
    }

    public V get(Object key) {
        int h = System.identityHashCode(key);
        return stripe(h).get(key, h, false);
    }

    public V remove(Object key) {
        int h = System.identityHashCode(key);
        return stripe(h).get(key, h, true);
    }

    /** Entries across all stripes, for tests and diagnostics. */
    public int size() {
        int n = 0;
        for (Stripe<V> s : stripes) {
            n += s.size();
        }
        return n;
    }

    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        V value;
        Entry<V> next;

        Entry(Object key, int hash, V value, ReferenceQueue<Object> queue, Entry<V> next) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    private static final class Stripe<V> {
        private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
        @SuppressWarnings("unchecked")
        private Entry<V>[] table = new Entry[16];
        private int count;

        synchronized void put(Object key, int hash, V value) {
            expunge();
            int i = hash & (table.length - 1);
            for (Entry<V> e = table[i]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    e.value = value;
                    return;
                }
            }
            table[i] = new Entry<>(key, hash, value, collected, table[i]);
            if (++count > table.length * 3 / 4) {
                resize();
            }
        }

        synchronized V get(Object key, int hash, boolean remove) {
            int i = hash & (table.length - 1);
            Entry<V> prev = null;
            for (Entry<V> e = table[i]; e != null; prev = e, e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    V value = e.value;
                    if (remove) {
                        unlink(i, prev, e); // clears e.value: read it first
                    }
                    return value;
                }
            }
            return null;
        }

        synchronized int size() {
            expunge();
            return count;
        }

        private void unlink(int index, Entry<V> prev, Entry<V> e) {
            if (prev == null) {
                table[index] = e.next;
            } else {
                prev.next = e.next;
            }
            e.value = null;
            count--;
        }

        /** Drops entries whose object was collected (a task that never ran and was dropped). */
        private void expunge() {
            for (Object ref = collected.poll(); ref != null; ref = collected.poll()) {
                @SuppressWarnings("unchecked")
                Entry<V> dead = (Entry<V>) ref;
                int i = dead.hash & (table.length - 1);
                Entry<V> prev = null;
                for (Entry<V> e = table[i]; e != null; prev = e, e = e.next) {
                    if (e == dead) {
                        unlink(i, prev, e);
                        break;
                    }
                }
            }
        }

        private void resize() {
            @SuppressWarnings("unchecked")
            Entry<V>[] grown = new Entry[table.length * 2];
            Entry<V>[] old = table;
            for (Entry<V> head : old) {
                for (Entry<V> e = head; e != null; ) {
                    Entry<V> next = e.next;
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
