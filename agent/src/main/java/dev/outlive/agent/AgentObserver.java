package dev.outlive.agent;

import dev.outlive.agent.jfr.JfrEvents;
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
    private final boolean enforce;

    AgentObserver(LeakTracker tracker, Reporter reporter, boolean enforce) {
        this.tracker = tracker;
        this.reporter = reporter;
        this.enforce = enforce;
    }

    @Override
    public void scopeCancelled(ScopeNode node, Cancellation cancellation) {
        tracker.scopeCancelled(node, cancellation);
        JfrEvents.scopeCancelled(node, cancellation);
        if (enforce && cancellation.origin().kind() != dev.outlive.ScopeKind.JVM) {
            interruptRunningTasks(node);
        }
    }

    /**
     * {@code enforce=true}: turns cooperative cancellation into propagation by interrupting every
     * task of the cancelled subtree that is running on another thread.
     */
    private static void interruptRunningTasks(ScopeNode root) {
        java.util.ArrayDeque<ScopeNode> pending = new java.util.ArrayDeque<>();
        pending.add(root);
        Thread self = Thread.currentThread();
        for (ScopeNode n = pending.poll(); n != null; n = pending.poll()) {
            if (n instanceof TaskRecord) {
                TaskRecord task = (TaskRecord) n;
                Thread runner = task.thread();
                if (runner != null && runner != self && !task.isDone()) {
                    runner.interrupt();
                }
            }
            n.forEachLinkedChild(pending::add);
        }
    }

    @Override
    public void reportedTaskFinished(TaskRecord task) {
        tracker.reportedTaskFinished(task);
    }

    @Override
    public void taskEndedWithLinkedScopes(TaskRecord task) {
        tracker.taskEndedWithLinkedScopes(task);
    }

    @Override
    public void lateBlockingCall(TaskRecord task, ScopeNode scope, StackSnapshot stack) {
        tracker.lateBlockingCall(task, scope, stack);
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
