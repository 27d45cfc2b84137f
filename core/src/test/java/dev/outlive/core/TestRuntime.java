package dev.outlive.core;

import dev.outlive.core.leak.FindingListener;
import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.leak.TrackerSettings;
import dev.outlive.core.report.Finding;
import dev.outlive.core.time.ManualScheduler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A runtime driven by a hand-moved clock, installed for one test and removed after it, with a
 * tracker whose findings are collected in lists.
 */
public final class TestRuntime implements AutoCloseable, FindingListener {
    public final ManualScheduler time = new ManualScheduler(1_700_000_000_000L);
    public final OutliveRuntime runtime = OutliveRuntime.create(time, time);
    public final List<Finding> leaks = new CopyOnWriteArrayList<>();
    public final List<Finding> warnings = new CopyOnWriteArrayList<>();
    public final List<Finding> known = new CopyOnWriteArrayList<>();
    public final List<Finding> late = new CopyOnWriteArrayList<>();
    public final List<Throwable> actionFailures = new CopyOnWriteArrayList<>();
    public final LeakTracker tracker;
    private final OutliveRuntime previous;

    public TestRuntime() {
        this(TrackerSettings.defaults());
    }

    public TestRuntime(TrackerSettings settings) {
        tracker = new LeakTracker(runtime, settings, this);
        runtime.observe(new ForwardingObserver(tracker) {
            @Override
            public void actionFailed(dev.outlive.core.scope.ScopeNode node, Throwable failure) {
                actionFailures.add(failure);
            }
        });
        previous = OutliveRuntime.install(runtime);
        ThreadContext.get().restore(null);
    }

    @Override
    public void close() {
        ThreadContext.get().restore(null);
        ThreadContext.get().runTask(null);
        OutliveRuntime.install(previous);
    }

    @Override
    public void leakFound(Finding leak) {
        leaks.add(leak);
    }

    @Override
    public void warningFound(Finding warning) {
        warnings.add(warning);
    }

    @Override
    public void knownLeakFound(Finding leak) {
        known.add(leak);
    }

    @Override
    public void lateFinish(Finding leak) {
        late.add(leak);
    }
}
