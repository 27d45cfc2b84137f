package dev.outlive.core.task;

/**
 * Task records attached to application objects (a {@code FutureTask}, a {@code ForkJoinTask}, a
 * {@code CompletableFuture}) by identity, without keeping them alive: see {@link WeakIdentityTags}.
 */
public final class TaskTags extends WeakIdentityTags<TaskRecord> {
}
