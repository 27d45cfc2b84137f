package dev.outlive.agent;

import dev.outlive.agent.reporting.Reporter;
import dev.outlive.core.ScopeObserver;
import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskRecord;

/** Scope events go to the tracker; failures of Outlive and of {@code onCancel} actions go to the log. */
final class AgentObserver implements ScopeObserver {
    private final LeakTracker tracker;
    private final Reporter reporter;

    AgentObserver(LeakTracker tracker, Reporter reporter) {
        this.tracker = tracker;
        this.reporter = reporter;
    }

    @Override
    public void scopeCancelled(ScopeNode node, Cancellation cancellation) {
        tracker.scopeCancelled(node, cancellation);
    }

    @Override
    public void reportedTaskFinished(TaskRecord task) {
        tracker.reportedTaskFinished(task);
    }

    @Override
    public void detachedRoot(ScopeNode root, ScopeNode current, StackSnapshot stack) {
        tracker.detachedRoot(root, current, stack);
    }

    @Override
    public void actionFailed(ScopeNode node, Throwable failure) {
        reporter.internalError("an onCancel action of scope " + node, failure);
    }

    @Override
    public void internalError(String where, Throwable failure) {
        reporter.internalError(where, failure);
    }
}
