package dev.outlive.agent.jfr;

import dev.outlive.core.OutliveThread;
import dev.outlive.core.report.Finding;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;

/**
 * Outlive's JFR events, {@code dev.outlive.Leak} and {@code dev.outlive.ScopeCancelled}, committed
 * only while a recording has them enabled.
 *
 * <p>This facade refers to no {@code jdk.jfr} type, so a runtime without the {@code jdk.jfr}
 * module (a trimmed jlink image) costs nothing and fails nothing: the sink just stays absent. The
 * events are registered on an Outlive thread right after start-up, not in premain, because
 * registration initialises JFR's metadata, which takes a while; cancellations in that first moment
 * are not recorded. Every call here is safe on application threads: with no recording, a call is a
 * volatile read and a field read, allocates nothing and never throws.
 */
public final class JfrEvents {
    private static volatile JfrSink sink;

    private JfrEvents() {
    }

    /** Registers the events on a new Outlive thread; without JFR in the runtime, nothing happens. */
    public static void startLater() {
        new OutliveThread("outlive-jfr", JfrEvents::start).start();
    }

    static void start() {
        try {
            sink = new JfrEventSink();
        } catch (Throwable t) {
            // No jdk.jfr module, or JFR disabled in this VM: the events are simply not there.
        }
    }

    /**
     * Commits {@code dev.outlive.Leak} if a recording wants it.
     *
     * @param leak the new leak
     */
    public static void leak(Finding leak) {
        JfrSink s = sink;
        if (s != null) {
            try {
                s.leak(leak);
            } catch (Throwable t) {
                // never let JFR trouble reach the reporter
            }
        }
    }

    /**
     * Commits {@code dev.outlive.ScopeCancelled} if a recording wants it; called on the cancelling
     * (application) thread.
     *
     * @param node the cancelled scope
     * @param cancellation why
     */
    public static void scopeCancelled(ScopeNode node, Cancellation cancellation) {
        JfrSink s = sink;
        if (s != null) {
            try {
                s.scopeCancelled(node, cancellation);
            } catch (Throwable t) {
                // never let JFR trouble reach the application's thread
            }
        }
    }
}
