package dev.outlive.core.time;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonSchedulerTest {
    @Test
    void runsActionsInDueOrderOnOneDaemonThreadAndSkipsWithdrawnOnes() throws InterruptedException {
        DaemonScheduler scheduler = new DaemonScheduler(Clock.SYSTEM, "outlive-test-timer");
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch gateEntered = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        long now = System.nanoTime();
        // Hold the timer thread inside a first action, so that what follows is queued and due before it runs:
        // the withdrawal below then certainly happens before the withdrawn action's turn.
        scheduler.schedule(now, () -> {
            gateEntered.countDown();
            awaitQuietly(gate);
            ran.add("first");
            threads.add(Thread.currentThread());
        });
        assertTrue(gateEntered.await(10, TimeUnit.SECONDS));
        Cancellable withdrawn = scheduler.schedule(now, () -> ran.add("withdrawn"));
        scheduler.schedule(now + 1, () -> {
            ran.add("second");
            threads.add(Thread.currentThread());
            done.countDown();
        });
        withdrawn.cancel();
        gate.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), ran);
        assertEquals(threads.get(0), threads.get(1));
        assertTrue(threads.get(0).isDaemon(), "the timer never keeps the JVM alive");
        assertEquals("outlive-test-timer", threads.get(0).getName());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void manualSchedulerRunsWhatBecameDueInOrder() {
        ManualScheduler m = new ManualScheduler(0);
        List<Long> seen = new CopyOnWriteArrayList<>();
        long t0 = m.nanoTime();
        m.schedule(t0 + 30, () -> seen.add(m.nanoTime() - t0));
        m.schedule(t0 + 10, () -> seen.add(m.nanoTime() - t0));
        m.advance(20);
        assertEquals(List.of(10L), seen);
        m.advance(20);
        assertEquals(List.of(10L, 30L), seen);
        assertEquals(t0 + 40, m.nanoTime());
    }
}
