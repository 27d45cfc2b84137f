package dev.outlive.core.task;

/**
 * Task records attached to application objects (a {@code FutureTask}, a {@code ForkJoinTask}, a
 * {@code CompletableFuture}) by identity, without keeping them alive: see {@link WeakIdentityTags}.
 * A task whose object was collected before it ran was dropped on some path no hook saw: nothing can
 * run it any more, so its record ends (the backstop behind every explicit drop path).
 */
public final class TaskTags extends WeakIdentityTags<TaskRecord> {
    @Override
    protected void collected(TaskRecord record) {
        record.drop();
    }
}
