package dev.outlive.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextTableTest {
    private final ContextTable table = new ContextTable();

    /** Unstarted threads: keys with real identity hashes, nothing to clean up. */
    private static List<Thread> threads(int n) {
        List<Thread> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Thread(() -> { }));
        }
        return out;
    }

    private static ThreadContext contextOf(Thread t) {
        return new ThreadContext(t, null);
    }

    @Test
    void findsWhatWasPutUntilItIsRemoved() {
        List<Thread> keys = threads(5_000); // many resizes in every segment
        List<ThreadContext> contexts = new ArrayList<>();
        for (Thread t : keys) {
            ThreadContext c = contextOf(t);
            contexts.add(c);
            assertTrue(table.putIfAbsent(c));
        }
        for (int i = 0; i < keys.size(); i++) {
            assertSame(contexts.get(i), table.get(keys.get(i)));
        }
        assertFalse(table.putIfAbsent(contextOf(keys.get(7))), "one context per thread");
        assertSame(contexts.get(7), table.get(keys.get(7)), "the first context stays");
        assertNull(table.get(new Thread(() -> { })));

        for (int i = 0; i < keys.size(); i += 2) {
            assertSame(contexts.get(i), table.remove(keys.get(i)));
        }
        assertNull(table.remove(keys.get(0)), "removed once");
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i % 2 == 0 ? null : contexts.get(i), table.get(keys.get(i)));
        }
        assertEquals(keys.size() / 2, table.values().size());
    }

    @Test
    void churnThroughTombstonesKeepsEveryLiveEntryReachable() {
        List<Thread> resident = threads(100);
        resident.forEach(t -> table.putIfAbsent(contextOf(t)));
        // Far more inserts and removals than any table size: tombstones must be reused or purged.
        for (int round = 0; round < 200; round++) {
            List<Thread> batch = threads(50);
            batch.forEach(t -> assertTrue(table.putIfAbsent(contextOf(t))));
            batch.forEach(t -> assertTrue(table.remove(t) != null));
        }
        for (Thread t : resident) {
            assertSame(t, table.get(t).thread());
        }
        assertEquals(100, table.values().size());
    }

    /**
     * Lock-free readers race writers that add and remove their own keys (resizing and leaving
     * tombstones all along): an entry that was there before and stays must be found on every read.
     */
    @Test
    void readersAlwaysFindResidentEntriesWhileWritersChurn() throws Exception {
        List<Thread> resident = threads(2_000);
        resident.forEach(t -> table.putIfAbsent(contextOf(t)));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(6);
        for (int w = 0; w < 3; w++) {
            workers.add(new Thread(() -> {
                ready.countDown();
                while (!stop.get()) {
                    List<Thread> mine = threads(500);
                    mine.forEach(t -> table.putIfAbsent(contextOf(t)));
                    for (Thread t : mine) {
                        if (table.get(t) == null) {
                            failure.compareAndSet(null, "a writer lost its own entry");
                        }
                        table.remove(t);
                    }
                }
            }));
        }
        for (int r = 0; r < 3; r++) {
            workers.add(new Thread(() -> {
                ready.countDown();
                while (!stop.get()) {
                    for (Thread t : resident) {
                        ThreadContext c = table.get(t);
                        if (c == null || c.thread() != t) {
                            failure.compareAndSet(null, "a reader missed a resident entry");
                        }
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        ready.await(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        while (System.nanoTime() - until < 0 && failure.get() == null) {
            Thread.onSpinWait();
        }
        stop.set(true);
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertNull(failure.get());
        Set<Thread> left = new HashSet<>();
        table.values().forEach(c -> left.add(c.thread()));
        assertEquals(new HashSet<>(resident), left, "only the residents remain");
    }
}
