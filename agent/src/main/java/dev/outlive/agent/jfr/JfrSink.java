package dev.outlive.agent.jfr;

import dev.outlive.core.report.Finding;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;

/** What {@link JfrEvents} calls once JFR is known to be there; keeps {@code jdk.jfr} types out of the facade. */
interface JfrSink {
    void leak(Finding leak);

    void scopeCancelled(ScopeNode node, Cancellation cancellation);
}
