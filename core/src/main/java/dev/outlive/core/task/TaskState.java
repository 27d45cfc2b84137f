package dev.outlive.core.task;

/** Where a task is in its life (JSON {@code task.state}). */
public enum TaskState {
    QUEUED, RUNNING, BLOCKED, DONE
}
