package dev.outlive.core;

import dev.outlive.ScopeKind;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.time.Clock;
import dev.outlive.core.time.DeliveryScheduler;
import dev.outlive.core.time.Scheduler;

/**
 * The process-wide state everything else hangs off: the clock, the timer, the root scope and the
 * observer that hears about cancellations. There is exactly one in force; the agent installs its
 * own at start-up (with the tracker as observer), tests install one with a hand-driven clock.
 * Without the agent a default runtime (system clock, quiet observer) serves the {@code Scope} API.
 */
public final class OutliveRuntime {
    private static volatile OutliveRuntime current = new OutliveRuntime(Clock.SYSTEM, null, null);

    private final Clock clock;
    private final Scheduler scheduler;
    private final ScopeNode root;
    private volatile ScopeObserver observer = ScopeObserver.QUIET;

    private OutliveRuntime(Clock clock, Scheduler scheduler, ScopeNode root) {
        this.clock = clock;
        this.scheduler = scheduler != null ? scheduler : new DeliveryScheduler(clock, "outlive-timer", "outlive-cancel");
        this.root = root != null ? root : ScopeNode.root(ScopeKind.JVM, "jvm");
    }

    /** A new runtime with its own root {@code jvm} scope; not in force until {@link #install}ed. */
    public static OutliveRuntime create(Clock clock, Scheduler scheduler) {
        return new OutliveRuntime(clock, scheduler, null);
    }

    /** The runtime in force. */
    public static OutliveRuntime get() {
        return current;
    }

    /** Puts {@code runtime} in force and returns the one it replaces. */
    public static OutliveRuntime install(OutliveRuntime runtime) {
        OutliveRuntime previous = current;
        current = runtime;
        return previous;
    }

    public Clock clock() {
        return clock;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The root {@code jvm} scope: current on every thread that has no other. */
    public ScopeNode root() {
        return root;
    }

    public ScopeObserver observer() {
        return observer;
    }

    public void observe(ScopeObserver newObserver) {
        this.observer = newObserver != null ? newObserver : ScopeObserver.QUIET;
    }
}
