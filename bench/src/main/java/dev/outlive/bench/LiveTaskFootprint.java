package dev.outlive.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Heap held per live task: starts N tasks that stay alive (parked on a latch, or queued behind busy
 * workers), and divides the growth of the used heap, measured right after full GCs, by N.
 *
 * <p>Not a JMH benchmark: JMH measures time, and this is a size. {@link OverheadRunner} runs it in child
 * JVMs with and without the agent; the difference between the two figures is what the agent keeps per
 * live task (records, side-table entries, wrappers). The identical spawn sites mean the agent's interned
 * spawn stacks are shared, and a warm-up round has already interned them before anything is measured,
 * so the figure excludes them, as the footprint goal does.
 *
 * <p>Usage: {@code LiveTaskFootprint <mode> [tasks] [rounds]}; the last line of output is
 * {@code FOOTPRINT mode=<mode> tasks=<n> bytesPerTask=<median>} (or {@code ... skipped=<reason>}).
 * Modes:
 * <ul>
 *   <li>{@code thread}: N platform threads, each parked on the latch;</li>
 *   <li>{@code pool}: N tasks on a cached pool, so N workers, each task parked on the latch;</li>
 *   <li>{@code queued}: N tasks queued behind the two busy workers of a fixed pool of 2;</li>
 *   <li>{@code virtual}: N virtual threads parked on the latch (JDK 21+, otherwise skipped).</li>
 * </ul>
 * Run it with a stop-the-world collector ({@code -XX:+UseSerialGC}, which the runner passes), so that
 * "used after GC" is exact rather than a region-granular estimate.
 */
public final class LiveTaskFootprint {
    /** Time for the tasks to get from the latch count-down into the park, where the agent records the wait. */
    private static final long SETTLE_MILLIS = 300;

    private LiveTaskFootprint() {
    }

    /**
     * Measures one mode and prints the median bytes per live task over the rounds.
     *
     * @param args mode, optional task count (default 10000), optional rounds (default 5)
     * @throws Exception if a wait is interrupted or a task fails to start
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: LiveTaskFootprint thread|pool|queued|virtual [tasks] [rounds]");
            System.exit(2);
        }
        String mode = args[0];
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (mode.equals("virtual") && !VirtualThreads.AVAILABLE) {
            System.out.println("FOOTPRINT mode=virtual skipped=" + VirtualThreads.UNAVAILABLE_REASON);
            return;
        }
        Spawner spawner = spawner(mode);

        // Class loading, JIT, the agent's interned stacks and lazily created helpers all happen here,
        // so they do not count as per-task cost in the measured rounds. It uses the full count because
        // some JDK tables only ever grow (a first round of 10,000 virtual threads measured ~1,890 B/task
        // against ~1,410 B/task for the rounds after it on JDK 25): a smaller warm-up leaves that growth
        // in the first measured round.
        measure(spawner, tasks);

        double[] perTask = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            perTask[r] = measure(spawner, tasks);
            System.out.printf(Locale.ROOT, "round %d: %.1f bytes/task%n", r + 1, perTask[r]);
        }
        Arrays.sort(perTask);
        double median = rounds % 2 == 1 ? perTask[rounds / 2] : (perTask[rounds / 2 - 1] + perTask[rounds / 2]) / 2;
        System.out.printf(Locale.ROOT, "FOOTPRINT mode=%s tasks=%d bytesPerTask=%.1f%n", mode, tasks, median);
    }

    private static double measure(Spawner spawner, int tasks) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        long before = usedHeapAfterGc();
        Batch batch = spawner.spawn(tasks, release);
        Thread.sleep(SETTLE_MILLIS);
        long after = usedHeapAfterGc();
        release.countDown();
        batch.awaitEnd();
        return (after - before) / (double) tasks;
    }

    /** The lowest used-heap reading over several full GCs: one GC may leave work for the next. */
    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(20);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    private static Spawner spawner(String mode) {
        switch (mode) {
            case "thread":
                return (n, release) -> startThreads(n, release, false);
            case "virtual":
                return (n, release) -> startThreads(n, release, true);
            case "pool":
                return LiveTaskFootprint::parkOnPool;
            case "queued":
                return LiveTaskFootprint::queueOnPool;
            default:
                throw new IllegalArgumentException("unknown mode '" + mode + "': use thread, pool, queued or virtual");
        }
    }

    private static Batch startThreads(int n, CountDownLatch release, boolean virtual) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(n);
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            // A fresh task object per thread, as real code has: the baseline pays for it too.
            Runnable task = () -> parkUntilReleased(started, release);
            threads[i] = virtual ? VirtualThreads.start(task) : new Thread(task);
            if (!virtual) {
                threads[i].start();
            }
        }
        started.await();
        return () -> {
            for (Thread t : threads) {
                t.join();
            }
        };
    }

    private static Batch parkOnPool(int n, CountDownLatch release) throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool();
        CountDownLatch started = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            pool.execute(() -> parkUntilReleased(started, release));
        }
        started.await();
        return () -> shutDown(pool);
    }

    private static Batch queueOnPool(int n, CountDownLatch release) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch busy = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> parkUntilReleased(busy, release));
        }
        busy.await();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            // Capturing, so each submission is its own object, as it would be in an application.
            pool.execute(() -> done.countDown());
        }
        return () -> {
            done.await();
            shutDown(pool);
        };
    }

    private static void shutDown(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pool did not terminate");
        }
    }

    private static void parkUntilReleased(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts {@code n} live tasks and returns once all of them are running (or queued). */
    private interface Spawner {
        Batch spawn(int n, CountDownLatch release) throws InterruptedException;
    }

    /** Waits for a released batch to end, so rounds never overlap. */
    private interface Batch {
        void awaitEnd() throws InterruptedException;
    }
}
