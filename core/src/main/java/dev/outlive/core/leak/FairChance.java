package dev.outlive.core.leak;

import dev.outlive.core.report.ThreadView;
import dev.outlive.core.task.TaskRecord;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an overdue task that is busy (runnable, in no blocking call) had a fair chance to notice its
 * cancellation. On a starved machine a correct task that is winding down may simply not have been
 * given the CPU to finish within the grace period: reporting it would be a false alarm about a slow
 * machine. So a busy task is reported only once its thread has used {@link #budgetNanos} of CPU time
 * since it was first seen overdue (a fiftieth of grace, 5 to 50 ms: plenty to notice a flag and unwind,
 * nothing to a task that spins); until then it is looked at again every {@link #windowNanos}, and never
 * for longer than {@link #maxWaitNanos}. Blocked tasks need no CPU to stay stuck and are judged at once,
 * including those blocked in a call no hook sees (a classic socket read is RUNNABLE in native code):
 * their stack tells.
 *
 * <p>Runs on the tracker's thread only; holds a task only while it is being watched.
 */
final class FairChance {
    /** Thread CPU time in nanoseconds, or a negative value where the JVM cannot tell. */
    interface CpuTime {
        long of(Thread thread);

        /** Never measures: every task is judged at once (tests with a hand-driven clock). */
        CpuTime NONE = thread -> -1;

        /** The JVM's thread CPU clock. */
        static CpuTime jvm() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            if (!mx.isThreadCpuTimeSupported()) {
                return NONE;
            }
            return new CpuTime() {
                @Override
                @SuppressWarnings("deprecation") // Thread.getId(): threadId() arrived in 19
                public long of(Thread thread) {
                    try {
                        return mx.isThreadCpuTimeEnabled() ? mx.getThreadCpuTime(thread.getId()) : -1;
                    } catch (UnsupportedOperationException e) {
                        return -1;
                    }
                }
            };
        }
    }

    private final CpuTime cpu;
    private final long budgetNanos;
    private final long windowNanos;
    private final long maxWaitNanos;
    private final ConcurrentHashMap<TaskRecord, long[]> watched = new ConcurrentHashMap<>();

    FairChance(CpuTime cpu, long graceNanos) {
        this.cpu = cpu;
        this.budgetNanos = clamp(graceNanos / 50, 5_000_000L, 50_000_000L);
        this.windowNanos = clamp(graceNanos / 4, 20_000_000L, 250_000_000L);
        this.maxWaitNanos = Math.max(2 * graceNanos, 1_000_000_000L);
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    long windowNanos() {
        return windowNanos;
    }

    /** True when {@code task}, running on {@code runner}, may be judged now; false to look again in a window. */
    boolean judgeNow(TaskRecord task, Thread runner, long nowNanos) {
        if (task.isBlocking() || runner.getState() != Thread.State.RUNNABLE || ThreadView.isVirtual(runner)) {
            forget(task);
            return true;
        }
        long used = cpu.of(runner);
        if (used < 0 || BlockingPoints.effective(task, runner, runner.getStackTrace()) != null) {
            forget(task);
            return true;
        }
        long[] first = watched.putIfAbsent(task, new long[] {used, nowNanos});
        if (first == null) {
            return false; // first look: measure from here
        }
        if (used - first[0] >= budgetNanos || nowNanos - first[1] >= maxWaitNanos) {
            forget(task);
            return true;
        }
        return false;
    }

    void forget(TaskRecord task) {
        watched.remove(task);
    }

    /** Tasks being watched now, for tests. */
    int watching() {
        return watched.size();
    }
}
