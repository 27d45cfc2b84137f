package dev.outlive.core.task;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class WeakIdentityTagsTest {
    @Test
    void removeReturnsWhatWasAttachedAndForgetsIt() {
        WeakIdentityTags<String> tags = new WeakIdentityTags<>();
        Object key = new Object();
        String value = "value";
        tags.put(key, value);
        assertSame(value, tags.get(key));
        assertSame(value, tags.remove(key), "callers end the record they get back (shutdownNow, rejected submits)");
        assertNull(tags.get(key));
        assertNull(tags.remove(key));
        assertEquals(0, tags.size());
    }

    @Test
    void keysAreIdentitiesNotEquals() {
        WeakIdentityTags<Integer> tags = new WeakIdentityTags<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String k = new String("same");
            keys.add(k);
            tags.put(k, i);
        }
        assertEquals(1000, tags.size());
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i, tags.remove(keys.get(i)));
        }
        assertEquals(0, tags.size());
    }

    @Test
    void aValueWhoseObjectWasCollectedIsHandedBackOnce() throws InterruptedException {
        List<String> orphans = new java.util.concurrent.CopyOnWriteArrayList<>();
        WeakIdentityTags<String> tags = new WeakIdentityTags<String>() {
            @Override
            protected void collected(String value) {
                orphans.add(value);
            }
        };
        tags.put(new Object(), "dropped-unrun"); // nothing else holds the key
        Object kept = new Object();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (orphans.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            // a put drains what the collector found, on the putting thread, with no lock held
            tags.put(kept, "kept");
            Thread.sleep(5);
        }
        assertEquals(List.of("dropped-unrun"), orphans);
        assertSame("kept", tags.get(kept));
        assertEquals(1, tags.size());
    }
}
