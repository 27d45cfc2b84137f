package dev.outlive.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Executor paths the agent instruments, with work so small that what is left is the cost of handing a
 * task over: submit+run on a fixed pool, {@code CompletableFuture} async stages and a fork/join fan-out.
 *
 * <p>Plain JDK code with no reference to the agent: {@link OverheadRunner} runs it in forked JVMs with
 * and without {@code -javaagent} and divides the two. The tasks are lambdas on purpose, because most
 * real submissions are, and the agent has to wrap them (hidden classes cannot be retransformed).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class ExecutorOverheadBenchmark {
    /** Tasks per batch: enough that the latch and the wake-up of the caller are spread thin. */
    static final int BATCH = 64;
    /** Leaves of the fork/join tree (a power of two, so the tree is balanced). */
    static final int LEAVES = 64;

    private static final Runnable NOOP = () -> { };
    private static final Supplier<Integer> ONE = () -> 1;
    private static final Function<Integer, Integer> INC = x -> x + 1;

    private ExecutorService pool;
    private ForkJoinPool forkJoin;
    private volatile Integer last;
    // A field, not a lambda per call: the stage body should cost the same with and without the agent.
    private final Consumer<Integer> sink = v -> last = v;

    /** One pool for the whole trial, so thread creation never lands in a measurement. */
    @Setup(Level.Trial)
    public void start() {
        pool = Executors.newFixedThreadPool(2);
        forkJoin = new ForkJoinPool(2);
    }

    /** Shuts the pools down, so an agent run ends without unclosed-executor findings from us. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pool.shutdown();
        forkJoin.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        forkJoin.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** One no-op task, submitted and waited for: the latency of a single hand-off and its wake-up. */
    @Benchmark
    public Object submitAndWait() throws InterruptedException, ExecutionException {
        return pool.submit(NOOP).get();
    }

    /**
     * {@value #BATCH} no-op tasks through {@code execute}, then one wait: the per-task throughput cost
     * (the figure the overhead goal of 1.3x is about). Reported per task.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void executeBatch() throws InterruptedException {
        runBatch();
    }

    /**
     * The same batch submitted inside an explicit {@code Scope}: with the agent each task is recorded
     * against a cancellable owner, which is the expensive case (the scope is linked for leak checks).
     * Opening and closing the scope is amortised over the batch. Reported per task.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void executeBatchInScope() throws InterruptedException {
        try (dev.outlive.Scope ignored = dev.outlive.Scope.open("bench-batch")) {
            runBatch();
        }
    }

    private void runBatch() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        // One Runnable submitted BATCH times: the agent must still keep one record per submission.
        Runnable task = done::countDown;
        for (int i = 0; i < BATCH; i++) {
            pool.execute(task);
        }
        done.await();
    }

    /** Three async stages on the fixed pool, joined: three hand-offs and the stage plumbing. */
    @Benchmark
    public Integer asyncChainOnPool() {
        CompletableFuture.supplyAsync(ONE, pool).thenApplyAsync(INC, pool).thenAcceptAsync(sink, pool).join();
        return last;
    }

    /**
     * The same chain on {@code CompletableFuture}'s default executor: the common pool, or, when its
     * parallelism is below 2 (two CPUs or fewer), a new thread per stage. Which one ran is machine
     * dependent, so compare the ratio, not the absolute figure, across machines.
     */
    @Benchmark
    public Integer asyncChainDefaultExecutor() {
        CompletableFuture.supplyAsync(ONE).thenApplyAsync(INC).thenAcceptAsync(sink).join();
        return last;
    }

    /** A {@link RecursiveTask} split into {@value #LEAVES} leaves (63 forks) on a dedicated pool of 2. */
    @Benchmark
    public Integer forkJoinFanOut() {
        return forkJoin.invoke(new Leaves(0, LEAVES));
    }

    /** Sums its range by halving it down to single elements: all forks, almost no work per leaf. */
    static final class Leaves extends RecursiveTask<Integer> {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;

        Leaves(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Integer compute() {
            if (to - from == 1) {
                return from;
            }
            int mid = (from + to) >>> 1;
            Leaves left = new Leaves(from, mid);
            left.fork();
            int right = new Leaves(mid, to).compute();
            return left.join() + right;
        }
    }
}
