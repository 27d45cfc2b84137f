package dev.outlive.core.task;

/** The kinds of work Outlive tracks (JSON {@code task.kind}). */
public enum TaskKind {
    THREAD, VIRTUAL_THREAD, EXECUTOR_TASK, SCHEDULED_TASK, FORK_JOIN_TASK, ASYNC_STAGE, TIMER_TASK;

    /** True for kinds that are threads of their own rather than work run on some pool's thread. */
    public boolean isThread() {
        return this == THREAD || this == VIRTUAL_THREAD;
    }
}
