package dev.outlive.core;

import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskRecord;

/**
 * What the scope tree tells the rest of Outlive. The leak tracker implements it; without a tracker
 * (the API used without the agent) the {@link #QUIET} observer only reports failures of
 * {@code onCancel} actions. Implementations are called on the thread that caused the event, so they
 * must be quick and must not block, log through application logging, or throw.
 */
public interface ScopeObserver {
    /** {@code node} was cancelled directly (not reached through an ancestor), or a task joined a cancelled scope. */
    void scopeCancelled(ScopeNode node, Cancellation cancellation);

    /** A task that was already reported as a leak has ended. */
    void reportedTaskFinished(TaskRecord task);

    /** A task ended while scopes it created (executors) are still linked under it: they may now be unclosed. */
    void taskEndedWithLinkedScopes(TaskRecord task);

    /** A task entered a blocking call while its current scope was already cancelled. */
    void lateBlockingCall(TaskRecord task, ScopeNode scope, StackSnapshot stack);

    /** {@code Scope.root(..)} was called while {@code current} was a scope a cancellation could reach. */
    void detachedRoot(ScopeNode root, ScopeNode current, StackSnapshot stack);

    /** An {@code onCancel} action threw. */
    void actionFailed(ScopeNode node, Throwable failure);

    /** Outlive itself failed; implementations log the first failure of each kind and carry on. */
    void internalError(String where, Throwable failure);

    /** Does nothing but print action failures and internal errors to stderr. */
    ScopeObserver QUIET = new ScopeObserver() {
        @Override
        public void scopeCancelled(ScopeNode node, Cancellation cancellation) {
        }

        @Override
        public void reportedTaskFinished(TaskRecord task) {
        }

        @Override
        public void taskEndedWithLinkedScopes(TaskRecord task) {
        }

        @Override
        public void lateBlockingCall(TaskRecord task, ScopeNode scope, StackSnapshot stack) {
        }

        @Override
        public void detachedRoot(ScopeNode root, ScopeNode current, StackSnapshot stack) {
        }

        @Override
        public void actionFailed(ScopeNode node, Throwable failure) {
            System.err.println("outlive: an onCancel action of scope " + node + " threw " + failure);
        }

        @Override
        public void internalError(String where, Throwable failure) {
            System.err.println("outlive: internal error in " + where + ": " + failure);
        }
    };
}
