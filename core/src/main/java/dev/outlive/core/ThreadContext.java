package dev.outlive.core;

import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;

/**
 * Per-thread state in one thread-local, so a hook pays for a single lookup: the current scope, the
 * task running on this thread, and a re-entrancy guard for the agent's hooks.
 */
public final class ThreadContext {
    private static final ThreadLocal<ThreadContext> LOCAL = new ThreadLocal<>();

    private ScopeNode scope;
    private TaskRecord task;
    private int hookDepth;

    private ThreadContext() {
    }

    /** This thread's context, created on first use. */
    public static ThreadContext get() {
        ThreadContext c = LOCAL.get();
        if (c == null) {
            c = new ThreadContext();
            LOCAL.set(c);
        }
        return c;
    }

    /** This thread's context, or null if it never had one (the cheap path for untouched threads). */
    public static ThreadContext peek() {
        return LOCAL.get();
    }

    /** The current scope of this thread: the one set here, or the runtime's root. */
    public static ScopeNode currentScope() {
        ThreadContext c = LOCAL.get();
        ScopeNode s = c == null ? null : c.scope;
        return s != null ? s : OutliveRuntime.get().root();
    }

    /** The scope explicitly set on this thread, or null for the root. */
    public ScopeNode scope() {
        return scope;
    }

    /** Makes {@code next} current (null for the root) and returns the previous value for {@link #restore}. */
    public ScopeNode enter(ScopeNode next) {
        ScopeNode previous = scope;
        scope = next;
        return previous;
    }

    public void restore(ScopeNode previous) {
        scope = previous;
    }

    /** The task running on this thread, or null. */
    public TaskRecord task() {
        return task;
    }

    /** Sets the running task and returns the previous one (tasks can nest: {@code invoke}, {@code join}). */
    public TaskRecord runTask(TaskRecord next) {
        TaskRecord previous = task;
        task = next;
        return previous;
    }

    /** Enters a hook; false if this thread is already inside one (the hook must then do nothing). */
    public boolean enterHook() {
        return hookDepth++ == 0;
    }

    public void exitHook() {
        hookDepth--;
    }
}
