package dev.outlive.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Threads that fixtures leak on purpose. Each waits, at most 60 s, for {@link #stopAll()}, which the
 * real tests call after every run, so no fixture thread survives its test for long.
 */
final class Leaks {
    private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private Leaks() {
    }

    /** Starts a daemon thread named {@code name} that waits for {@link #stopAll()}. */
    static Thread start(String name) {
        CountDownLatch gate = release;
        Thread t = new Thread(() -> {
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // cancelled: end at once
            }
        }, name);
        t.setDaemon(true);
        STARTED.add(t);
        t.start();
        return t;
    }

    /** Releases every leaked thread and waits (bounded) for each to end. */
    static void stopAll() throws InterruptedException {
        CountDownLatch gate = release;
        release = new CountDownLatch(1);
        gate.countDown();
        for (Thread t : STARTED) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        STARTED.clear();
    }
}
