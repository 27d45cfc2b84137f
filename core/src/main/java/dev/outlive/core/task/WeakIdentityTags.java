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
    /** Entries whose object was collected, from every stripe: drained by whichever put comes next. */
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    public WeakIdentityTags() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe<>(collected);
        }
    }

    private Stripe<V> stripe(int hash) {
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    public void put(Object key, V value) {
        int h = System.identityHashCode(key);
        stripe(h).put(key, h, value);
        for (V orphan = pollCollected(); orphan != null; orphan = pollCollected()) {
            collected(orphan);
        }
    }

    /** Unlinks one entry whose object was collected and returns its value; null when none is left. */
    private V pollCollected() {
        for (Object ref = collected.poll(); ref != null; ref = collected.poll()) {
            @SuppressWarnings("unchecked")
            Entry<V> dead = (Entry<V>) ref;
            V value = stripe(dead.hash).unlinkCollected(dead);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * The object {@code value} was attached to was collected: nothing can reach it any more. Called
     * on a thread that was putting a tag, with no lock held; must not throw.
     */
    protected void collected(V value) {
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
        while (pollCollected() != null) {
            // the values of collected keys are dropped here: size() is for tests and diagnostics
        }
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
        private final ReferenceQueue<Object> collected;
        @SuppressWarnings("unchecked")
        private Entry<V>[] table = new Entry[16];
        private int count;

        Stripe(ReferenceQueue<Object> collected) {
            this.collected = collected;
        }

        synchronized void put(Object key, int hash, V value) {
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

        /** Unlinks {@code dead}, whose object was collected, and returns its value (null if already gone). */
        synchronized V unlinkCollected(Entry<V> dead) {
            int i = dead.hash & (table.length - 1);
            Entry<V> prev = null;
            for (Entry<V> e = table[i]; e != null; prev = e, e = e.next) {
                if (e == dead) {
                    V value = e.value;
                    unlink(i, prev, e);
                    return value;
                }
            }
            return null;
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
