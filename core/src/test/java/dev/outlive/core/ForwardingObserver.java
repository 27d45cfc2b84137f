package dev.outlive.core;

import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskRecord;

/** An observer that passes everything on, for tests that override one method. */
public class ForwardingObserver implements ScopeObserver {
    private final ScopeObserver delegate;

    public ForwardingObserver(ScopeObserver delegate) {
        this.delegate = delegate;
    }

    @Override
    public void scopeCancelled(ScopeNode node, Cancellation cancellation) {
        delegate.scopeCancelled(node, cancellation);
    }

    @Override
    public void reportedTaskFinished(TaskRecord task) {
        delegate.reportedTaskFinished(task);
    }

    @Override
    public void taskEndedWithLinkedScopes(TaskRecord task) {
        delegate.taskEndedWithLinkedScopes(task);
    }

    @Override
    public void lateBlockingCall(TaskRecord task, ScopeNode scope, StackSnapshot stack) {
        delegate.lateBlockingCall(task, scope, stack);
    }

    @Override
    public void detachedRoot(ScopeNode root, ScopeNode current, StackSnapshot stack) {
        delegate.detachedRoot(root, current, stack);
    }

    @Override
    public void actionFailed(ScopeNode node, Throwable failure) {
        delegate.actionFailed(node, failure);
    }

    @Override
    public void internalError(String where, Throwable failure) {
        delegate.internalError(where, failure);
    }
}
