package dev.outlive.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.outlive.ScopeCancelled}: a scope was cancelled. Committed on the cancelling
 * thread, so the event's stack trace is where the cancellation came from.
 */
@Name("dev.outlive.ScopeCancelled")
@Label("Outlive Scope Cancelled")
@Category("Outlive")
@Description("A scope (executor, future, structured scope, thread) was cancelled")
final class ScopeCancelledEvent extends Event {
    @Label("Scope Path")
    String scopePath;

    @Label("Scope Kind")
    String scopeKind;

    @Label("Reason")
    String reason;
}
