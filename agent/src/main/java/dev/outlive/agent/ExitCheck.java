package dev.outlive.agent;

import dev.outlive.agent.config.AgentOptions;
import dev.outlive.bridge.ExecutorScopes;
import dev.outlive.bridge.Hooks;
import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.OutliveThread;
import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.report.Finding;
import dev.outlive.core.task.ThreadTasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        long now = OutliveRuntime.get().clock().nanoTime();
        Map<ExecutorScopes.Executor, List<Thread>> pools = new LinkedHashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive() || t.isDaemon() || t == mainThread || t instanceof OutliveThread
                    || "DestroyJavaVM".equals(t.getName())) {
                continue;
            }
            ExecutorScopes.Executor pool = Hooks.executorOf(t);
            if (pool != null) {
                pools.computeIfAbsent(pool, p -> new ArrayList<>()).add(t);
            } else {
                add(tracker.factory().forLiveThread(nextId(), LeakKind.KEEPS_JVM_ALIVE, t, ThreadTasks.forThread(t), sinceNanos, now));
            }
        }
        for (Map.Entry<ExecutorScopes.Executor, List<Thread>> pool : pools.entrySet()) {
            ExecutorScopes.Executor e = pool.getKey();
            add(tracker.factory().forExecutorWorkers(nextId(), LeakKind.KEEPS_JVM_ALIVE, e.scope().name(), e.createdAt(),
                    pool.getValue(), sinceNanos, now));
        }
    }

    private boolean asLeak() {
        return options.exitCheck() == dev.outlive.agent.config.ExitCheck.LEAK;
    }

    private String nextId() {
        return asLeak() ? tracker.nextLeakId() : tracker.nextWarningId();
    }

    private void add(Finding f) {
        if (asLeak()) {
            tracker.addLeak(f);
        } else {
            tracker.addWarning(f);
        }
    }
}
