package dev.outlive.core.time;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliverySchedulerTest {
    @Test
    void aBlockedActionDoesNotDelayTheNextDeadline() throws InterruptedException {
        DeliveryScheduler scheduler = new DeliveryScheduler(Clock.SYSTEM, "outlive-test-timer", "outlive-test-cancel");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blockedEntered = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        long now = System.nanoTime();
        scheduler.schedule(now, () -> {
            blockedEntered.countDown();
            awaitQuietly(release); // a cancel action stuck on a database
        });
        assertTrue(blockedEntered.await(30, TimeUnit.SECONDS));
        scheduler.schedule(System.nanoTime(), secondRan::countDown);
        try {
            assertTrue(secondRan.await(30, TimeUnit.SECONDS), "another scope's deadline is delivered meanwhile");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anInterruptedDeliveryThreadKeepsDelivering() throws InterruptedException {
        DeliveryScheduler scheduler = new DeliveryScheduler(Clock.SYSTEM, "outlive-test-timer", "outlive-test-cancel");
        Thread[] worker = new Thread[1];
        CountDownLatch first = new CountDownLatch(1);
        scheduler.schedule(System.nanoTime(), () -> {
            worker[0] = Thread.currentThread();
            first.countDown();
        });
        assertTrue(first.await(30, TimeUnit.SECONDS));
        worker[0].interrupt();
        CountDownLatch second = new CountDownLatch(1);
        scheduler.schedule(System.nanoTime(), second::countDown);
        assertTrue(second.await(30, TimeUnit.SECONDS));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
