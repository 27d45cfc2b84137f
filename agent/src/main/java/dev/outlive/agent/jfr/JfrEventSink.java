package dev.outlive.agent.jfr;

import dev.outlive.core.report.Finding;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

import java.util.List;

/** The JFR side of {@link JfrEvents}: the only class that touches {@code jdk.jfr}. */
final class JfrEventSink implements JfrSink {
    private final EventType leakType;
    private final EventType scopeCancelledType;

    JfrEventSink() {
        // Registering up front (rather than on first commit) makes the events known to recordings
        // and to jfr/JMC configuration before anything happens, and yields the EventType whose
        // isEnabled() is a plain field read.
        FlightRecorder.register(LeakEvent.class);
        FlightRecorder.register(ScopeCancelledEvent.class);
        leakType = EventType.getEventType(LeakEvent.class);
        scopeCancelledType = EventType.getEventType(ScopeCancelledEvent.class);
    }

    @Override
    public void leak(Finding leak) {
        if (!leakType.isEnabled()) {
            return;
        }
        LeakEvent e = new LeakEvent();
        if (!e.shouldCommit()) {
            return;
        }
        e.kind = leak.kind().name();
        if (leak.task() != null) {
            e.taskKind = leak.task().kind();
            e.description = leak.task().description();
        }
        if (leak.scope() != null) {
            e.scopePath = String.join("/", leak.scope().path());
            e.cancelReason = leak.scope().cancelReason();
        }
        e.spawnSite = spawnSite(leak.spawnStack());
        e.commit();
    }

    /**
     * The first spawn frame outside the JDK: the innermost frame is nearly always
     * {@code Thread.start} or {@code ThreadPoolExecutor.execute}, which says nothing about which
     * code leaked. Falls back to the innermost frame when every frame is the JDK's.
     */
    static String spawnSite(List<String> frames) {
        for (String f : frames) {
            if (!(f.startsWith("java.") || f.startsWith("javax.") || f.startsWith("jdk.") || f.startsWith("sun.")
                    || f.startsWith("com.sun."))) {
                return f;
            }
        }
        return frames.isEmpty() ? null : frames.get(0);
    }

    @Override
    public void scopeCancelled(ScopeNode node, Cancellation cancellation) {
        // Runs on application threads: when no recording wants the event, this is one field read.
        if (!scopeCancelledType.isEnabled()) {
            return;
        }
        ScopeCancelledEvent e = new ScopeCancelledEvent();
        if (!e.shouldCommit()) {
            return;
        }
        e.scopePath = String.join("/", node.path());
        e.scopeKind = node.kind().name();
        e.reason = cancellation.reason();
        e.commit();
    }
}
