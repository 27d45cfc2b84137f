package dev.outlive.bench;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Heap held per live task: starts N tasks that stay alive (parked on a latch, or queued behind busy
 * workers), then N more, and divides the growth of live objects between the two (as the JVM's class
 * histogram counts them after a full GC) by N.
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
 * The runner passes {@code -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0}: the same collector and object
 * layout for both runs, and full GCs that compact everything.
 */
public final class LiveTaskFootprint {
    /** Time for the tasks to get from the latch count-down into the park, where the agent records the wait. */
    private static final long SETTLE_MILLIS = 300;
    /** Two live-heap counts this close are the same heap (the histogram's own leftovers differ by a few KB). */
    private static final long STABLE_BYTES = 16 * 1024;

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

    /**
     * One round: a first batch of live tasks, then a second on top of it, and the growth of live
     * objects between the two, divided by the batch size. Measuring on top of a live batch rather
     * than from an empty start leaves out what ended threads still hold: the JVM lets go of an ended
     * thread's {@code Thread} object some time after {@code join()} returns (seen: a whole previous
     * round still reachable when the next began, then gone once new threads started), which made a
     * before/after pair read anything from 0 to 290 bytes per platform thread for the same code.
     */
    private static double measure(Spawner spawner, int tasks) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Batch first = spawner.spawn(tasks, release);
        Thread.sleep(SETTLE_MILLIS);
        long before = liveBytesAfterGc();
        Batch second = spawner.spawn(tasks, release);
        Thread.sleep(SETTLE_MILLIS);
        long after = liveBytesAfterGc();
        release.countDown();
        first.awaitEnd();
        second.awaitEnd();
        return (after - before) / (double) tasks;
    }

    /**
     * Bytes of live objects, as the JVM's class histogram counts them right after the full GC it
     * runs, once two such counts in a row agree, leaving out the filler arrays the JVM writes over
     * dead space it did not compact away (the histogram lists them like objects). Not "used heap
     * after GC": that counts such dead space too, which made rounds of the same code read anywhere
     * from 175 to 290 bytes per platform thread. Run with {@code -XX:MarkSweepDeadRatio=0} so that a
     * full GC leaves no dead space at all (JDK 17 fills it with {@code int[]}s, which cannot be told
     * from the application's).
     */
    private static long liveBytesAfterGc() {
        long previous = liveBytes();
        for (int i = 0; i < 8; i++) {
            long now = liveBytes();
            if (Math.abs(now - previous) <= STABLE_BYTES) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("the live heap did not settle over 9 full GCs");
    }

    private static long liveBytes() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            long bytes = 0;
            for (String line : histogram.split("\\R")) {
                // "   1:   12345   678900  java.lang.String (java.base@25)"
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 4 && cols[0].endsWith(":") && !cols[3].startsWith("jdk.internal.vm.Filler")
                        && !cols[3].startsWith("[Ljdk.internal.vm.Filler")) {
                    bytes += Long.parseLong(cols[2]);
                }
            }
            return bytes;
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram from the DiagnosticCommand MBean", e);
        }
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
