package dev.outlive.bench;

import dev.outlive.Scope;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Correct code, churned for a while: does the agent give back everything it records? Each round is a
 * request scope that starts and joins threads, builds a pool and shuts it down after its tasks (some
 * cancelled cooperatively), and schedules then cancels 20 tasks on a shared {@code removeOnCancel}
 * scheduler (HikariCP's and Commons Pool's shutdown). Nothing leaks, so live task records and open
 * scopes must come back to where they started, and so must the heap after a full GC.
 *
 * <p>Usage: {@code CorrectChurn [seconds]}; prints one {@code CHURN} line with the rounds, the agent's
 * {@code LiveTasks} and {@code OpenScopes} (from its MBean, {@code n/a} without the agent) and the used heap
 * after GC, at the start and at the end. Run it with and without {@code -javaagent} (docs/benchmarks.md).
 */
public final class CorrectChurn {
    private CorrectChurn() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        round(scheduler); // warm-up: classes loaded, stacks interned
        String start = state();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long rounds = 0;
        while (System.nanoTime() < end) {
            round(scheduler);
            rounds++;
        }
        // The agent's leak checks of the last rounds are due one grace period (2 s) after each
        // cancellation and hold those scopes until then: let them run before counting.
        Thread.sleep(3_000);
        System.out.println("CHURN rounds=" + rounds + " start[" + start + "] end[" + state() + "]");
        scheduler.shutdown();
    }

    static void round(ScheduledThreadPoolExecutor scheduler) throws Exception {
        try (Scope request = Scope.open("request")) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(CorrectChurn::work);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(CorrectChurn::cooperative));
            }
            for (Future<?> f : futures) {
                if (ThreadLocalRandom.current().nextInt(4) == 0) {
                    f.cancel(true);
                }
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            List<ScheduledFuture<?>> later = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                later.add(scheduler.scheduleWithFixedDelay(CorrectChurn::work, 1, 1, TimeUnit.HOURS));
            }
            for (ScheduledFuture<?> f : later) {
                f.cancel(false);
            }
        }
    }

    private static void work() {
        Blackhole.consume(ThreadLocalRandom.current().nextLong());
    }

    /** A short task that stops when interrupted. */
    private static void cooperative() {
        for (int i = 0; i < 1_000 && !Thread.currentThread().isInterrupted(); i++) {
            Blackhole.consume(i);
        }
    }

    private static String state() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = memory.getHeapMemoryUsage().getUsed();
        return "liveTasks=" + attribute("LiveTasks") + " openScopes=" + attribute("OpenScopes")
                + " heapAfterGcKB=" + heap / 1024;
    }

    private static String attribute(String name) {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("dev.outlive:type=LeakTracker"), name));
        } catch (JMException e) {
            return "n/a";
        }
    }

    /** Keeps the JIT from removing the busy work. */
    static final class Blackhole {
        static volatile long sink;

        static void consume(long v) {
            sink = v;
        }
    }
}
