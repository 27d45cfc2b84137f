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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocking calls, which the agent hooks (with {@code blocking=true}, the default) to record what a task
 * is waiting on: a queue hand-off between two threads, a park/unpark ping-pong, and the shortest
 * {@code sleep} and {@code parkNanos}. Every operation here blocks or wakes a thread, so the hooks run
 * on both sides of each hand-off.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class BlockingOverheadBenchmark {
    private static final Integer TOKEN = 42;

    /**
     * A round trip through two {@code ArrayBlockingQueue(1)}s: put to an echo thread, take its answer.
     * Both threads block in {@code take} (a condition wait, so a park) once per trip.
     */
    @Benchmark
    public Integer queueRoundTrip(Echo echo) throws InterruptedException {
        echo.requests.put(TOKEN);
        return echo.replies.take();
    }

    /**
     * Wakes a parked thread with {@code unpark} and parks until it answers the same way: the sleeper
     * woken from outside, without the queue's lock in the way.
     */
    @Benchmark
    public void unparkRoundTrip(Sleeper sleeper) {
        sleeper.pingAndWait();
    }

    /** {@code Thread.sleep(0)}: no wait at all, so only the call and its hook are left. */
    @Benchmark
    public void sleepZero() throws InterruptedException {
        Thread.sleep(0);
    }

    /**
     * {@code LockSupport.parkNanos(1)}: the shortest timed park. On Linux the kernel's timer slack makes
     * it last tens of microseconds, so this shows the hook against a realistic timed wait.
     */
    @Benchmark
    public void parkNanos() {
        LockSupport.parkNanos(1);
    }

    /** The echo thread for {@link #queueRoundTrip}: takes a request, puts it back as the reply. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Echo {
        final BlockingQueue<Integer> requests = new ArrayBlockingQueue<>(1);
        final BlockingQueue<Integer> replies = new ArrayBlockingQueue<>(1);
        private Thread thread;

        /** Starts the echo thread once per trial, so thread start never lands in a measurement. */
        @Setup(Level.Trial)
        public void start() {
            thread = new Thread(() -> {
                try {
                    while (true) {
                        replies.put(requests.take());
                    }
                } catch (InterruptedException e) {
                    // The teardown's interrupt is how this thread is told to end.
                }
            }, "bench-echo");
            thread.setDaemon(true);
            thread.start();
        }

        /** Interrupts and joins the echo thread: an agent run must not see it linger. */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    /**
     * The parked partner for {@link #unparkRoundTrip}. {@code turn} says whose move it is; both sides
     * re-check it in a loop around {@code park}, since park may return spuriously or on a stale permit.
     */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Sleeper {
        private static final int CALLER = 0;
        private static final int SLEEPER = 1;
        private volatile int turn = CALLER;
        private volatile boolean stopped;
        // Written before the volatile write of turn, so the sleeper sees the current caller.
        private Thread caller;
        private Thread thread;

        /** Starts the sleeper once per trial. */
        @Setup(Level.Trial)
        public void start() {
            stopped = false;
            thread = new Thread(this::loop, "bench-sleeper");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (!stopped) {
                if (turn == SLEEPER) {
                    Thread wake = caller;
                    turn = CALLER;
                    LockSupport.unpark(wake);
                } else {
                    LockSupport.park(this);
                }
            }
        }

        void pingAndWait() {
            // The caller is taken each time: JMH does not promise the same benchmark thread every iteration.
            caller = Thread.currentThread();
            turn = SLEEPER;
            LockSupport.unpark(thread);
            while (turn != CALLER) {
                LockSupport.park(this);
            }
        }

        /** Stops and joins the sleeper. */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            stopped = true;
            LockSupport.unpark(thread);
            thread.join(10_000);
        }
    }
}
