package dev.outlive.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Starting and joining a thread that does nothing: the agent records every start (a spawn stack, a
 * task record, a side-table entry) and every exit, so this is the per-thread overhead in its purest form.
 *
 * <p>{@link #virtualStartJoin} needs JDK 21+. The bytecode targets 17, so the virtual thread is started
 * through a method handle ({@link VirtualThreads}); on an older JVM its setup throws "skipped: ..." and
 * JMH reports that benchmark as failed while the others run ({@link OverheadRunner} leaves it out
 * beforehand when it sees the forked JVM is older than 21).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class ThreadOverheadBenchmark {
    private static final Runnable NOOP = () -> { };

    /** {@code new Thread(r).start(); join()} on a platform thread. */
    @Benchmark
    public Thread platformStartJoin() throws InterruptedException {
        Thread t = new Thread(NOOP);
        t.start();
        t.join();
        return t;
    }

    /** {@code Thread.startVirtualThread(r).join()}; JDK 21+ only. */
    @Benchmark
    public Thread virtualStartJoin(VirtualSupport support) throws InterruptedException {
        Thread t = VirtualThreads.start(NOOP);
        t.join();
        return t;
    }

    /** Guards {@link #virtualStartJoin}: its setup fails with the reason when virtual threads are missing. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class VirtualSupport {
        /** Throws "skipped: ..." on a JVM without usable virtual threads. */
        @Setup(Level.Trial)
        public void check() {
            VirtualThreads.require();
        }
    }
}
