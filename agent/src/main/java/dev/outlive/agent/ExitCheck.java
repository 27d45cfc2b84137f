package dev.outlive.agent;

import dev.outlive.agent.config.AgentOptions;
import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.OutliveThread;
import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.report.Finding;
import dev.outlive.core.task.ThreadTasks;

/**
 * Runs when the main thread has ended: after {@code grace}, every non-daemon thread still alive keeps
 * the JVM from exiting, and is reported as {@code KEEPS_JVM_ALIVE} while the JVM still runs (it may
 * never exit). A warning by default, since servers return from {@code main} on purpose; a leak with
 * {@code exitCheck=leak} (or {@code failOnLeak=true} when {@code exitCheck} is not set).
 */
final class ExitCheck implements Runnable {
    private final LeakTracker tracker;
    private final AgentOptions options;
    private final Thread mainThread;
    private volatile boolean shuttingDown;

    ExitCheck(LeakTracker tracker, AgentOptions options, Thread mainThread) {
        this.tracker = tracker;
        this.options = options;
        this.mainThread = mainThread;
    }

    /** Called on the main thread as it exits. */
    @Override
    public void run() {
        if (options.exitCheck() == dev.outlive.agent.config.ExitCheck.OFF) {
            return;
        }
        OutliveRuntime runtime = OutliveRuntime.get();
        long since = runtime.clock().nanoTime();
        runtime.scheduler().schedule(since + options.graceMillis() * 1_000_000L, () -> check(since));
    }

    void jvmShuttingDown() {
        shuttingDown = true;
    }

    private void check(long sinceNanos) {
        if (shuttingDown) {
            return; // the JVM is exiting after all: nothing kept it alive
        }
        boolean asLeak = options.exitCheck() == dev.outlive.agent.config.ExitCheck.LEAK;
        long now = OutliveRuntime.get().clock().nanoTime();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive() || t.isDaemon() || t == mainThread || t instanceof OutliveThread
                    || "DestroyJavaVM".equals(t.getName())) {
                continue;
            }
            String id = asLeak ? tracker.nextLeakId() : tracker.nextWarningId();
            Finding f = tracker.factory().forLiveThread(id, LeakKind.KEEPS_JVM_ALIVE, t, ThreadTasks.forThread(t), sinceNanos, now);
            if (asLeak) {
                tracker.addLeak(f);
            } else {
                tracker.addWarning(f);
            }
        }
    }
}
