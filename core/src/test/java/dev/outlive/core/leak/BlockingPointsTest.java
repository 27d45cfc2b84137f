package dev.outlive.core.leak;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which parks an interrupt cannot end, read off real stacks of threads parked in the JDK's synchronizers. */
class BlockingPointsTest {
    interface Wait {
        void run() throws InterruptedException;
    }

    @Test
    void lockIgnoresInterruptsAndIsNamedByTheCallTheApplicationMade() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            assertEquals("java.util.concurrent.locks.ReentrantLock.lock", acquireSeenWhileParked(lock::lock));
            assertNull(acquireSeenWhileParked(lock::lockInterruptibly));
            assertNull(acquireSeenWhileParked(() -> lock.tryLock(1, TimeUnit.MINUTES)));
        } finally {
            lock.unlock();
        }
    }

    @Test
    void readLocksSemaphoresAndConditionsToo() throws Exception {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        rw.writeLock().lock();
        try {
            assertEquals("java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock.lock",
                    acquireSeenWhileParked(() -> rw.readLock().lock()));
        } finally {
            rw.writeLock().unlock();
        }
        Semaphore none = new Semaphore(0);
        assertEquals("java.util.concurrent.Semaphore.acquireUninterruptibly", acquireSeenWhileParked(none::acquireUninterruptibly));
        assertNull(acquireSeenWhileParked(none::acquire));
        ReentrantLock lock = new ReentrantLock();
        Condition never = lock.newCondition();
        String await = acquireSeenWhileParked(() -> {
            lock.lock();
            try {
                never.awaitUninterruptibly();
            } finally {
                lock.unlock();
            }
        });
        assertTrue(await != null && await.endsWith("awaitUninterruptibly"), await);
        assertNull(acquireSeenWhileParked(() -> new CountDownLatch(1).await()));
    }

    /** Runs {@code wait} on a thread until it parks, reads its stack, then lets it go. */
    private static String acquireSeenWhileParked(Wait wait) throws Exception {
        Thread t = new Thread(() -> {
            try {
                wait.run();
            } catch (InterruptedException e) {
                // released
            }
        });
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!parked(t)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread never parked: " + t.getState());
            }
            Thread.onSpinWait();
        }
        String seen = BlockingPoints.uninterruptibleAcquire(t.getStackTrace());
        t.interrupt(); // ends the interruptible waits; the others stay parked on a daemon thread
        return seen;
    }

    private static boolean parked(Thread t) {
        Thread.State s = t.getState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("java.util.concurrent.locks.AbstractQueued")) {
                return true;
            }
        }
        return false;
    }
}
