package dev.outlive.core;

import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-thread state, found through one map keyed by thread: the current scope, the task running on
 * this thread, the thread's own task (when Outlive recorded the thread at start) and a re-entrancy
 * guard for the agent's hooks. A map rather than a thread-local: a thread-local gives every bare
 * thread a map of its own (about 136 bytes per thread), and interrupters on other threads need the
 * map by thread anyway.
 */
public final class ThreadContext {
    /** Contexts by thread; entries leave when the thread exits. */
    private static final ConcurrentHashMap<Thread, ThreadContext> BY_THREAD = new ConcurrentHashMap<>();
    private static final VarHandle TASK;

    static {
        try {
            TASK = MethodHandles.lookup().findVarHandle(ThreadContext.class, "task", TaskRecord.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread's own task: set when Outlive recorded the thread at start, else null. */
    private final TaskRecord ownTask;
    private ScopeNode scope;
    /** Written by the owning thread with release semantics, read by interrupters with acquire. */
    private TaskRecord task;
    private int hookDepth;
    private int internalSpawns;
    private Object internalSpawnOwner;
    private Cancellation pendingCancellation;
    private TaskRecord lastSpawned;
    private String pendingReason;

    private ThreadContext(TaskRecord ownTask) {
        this.ownTask = ownTask;
        if (ownTask != null) {
            // the thread starts inside its own task: its scope is current, it is the running task
            this.scope = ownTask;
            this.task = ownTask;
        }
    }

    /** This thread's context, created on first use. */
    public static ThreadContext get() {
        Thread current = Thread.currentThread();
        ThreadContext c = BY_THREAD.get(current);
        if (c == null) {
            c = new ThreadContext(null);
            BY_THREAD.put(current, c); // only this thread adds its own entry once it runs
        }
        return c;
    }

    /** This thread's context, or null if it never had one and was not started under Outlive. */
    public static ThreadContext peek() {
        return BY_THREAD.get(Thread.currentThread());
    }

    /**
     * Gives a thread about to start its context, with {@code ownTask} as its task and current scope
     * (set before {@code start()}, which publishes it to the new thread). False if it has one already.
     */
    public static boolean registerStarting(Thread thread, TaskRecord ownTask) {
        return BY_THREAD.putIfAbsent(thread, new ThreadContext(ownTask)) == null;
    }

    /** The task Outlive recorded for {@code thread} when it started, or null. */
    public TaskRecord ownTask() {
        return ownTask;
    }

    /** The context of another thread, or null. */
    public static ThreadContext of(Thread thread) {
        return BY_THREAD.get(thread);
    }

    /** A weakly consistent view of every registered context (for dumps). */
    public static java.util.Collection<ThreadContext> all() {
        return java.util.Collections.unmodifiableCollection(BY_THREAD.values());
    }

    /** Drops a terminating thread's entry; returns it, or null. */
    public static ThreadContext forget(Thread thread) {
        return BY_THREAD.remove(thread);
    }

    /** The current scope of this thread: the one set here, or the runtime's root. */
    public static ScopeNode currentScope() {
        ThreadContext c = peek();
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

    /** The task running on this thread, or null; safe to call from another thread. */
    public TaskRecord task() {
        return (TaskRecord) TASK.getAcquire(this);
    }

    /** Sets the running task and returns the previous one (tasks can nest: {@code invoke}, {@code join}). */
    public TaskRecord runTask(TaskRecord next) {
        TaskRecord previous = task;
        TASK.setRelease(this, next);
        return previous;
    }

    /**
     * Marks the start of JDK-internal thread creation on this thread (a pool starting a worker):
     * threads started until the matching {@link #endInternalSpawn()} are not tasks of the caller.
     */
    public void beginInternalSpawn(Object owner) {
        internalSpawns++;
        internalSpawnOwner = owner;
    }

    public void endInternalSpawn() {
        if (--internalSpawns <= 0) {
            internalSpawns = 0;
            internalSpawnOwner = null;
        }
    }

    /** What is starting threads for itself on this thread (the agent's record of an executor), or null. */
    public Object internalSpawnOwner() {
        return internalSpawnOwner;
    }

    public boolean inInternalSpawn() {
        return internalSpawns > 0;
    }

    /** A reason for the interrupts this thread is about to send ({@code Future.cancel(true)}), or null. */
    public String pendingReason() {
        return pendingReason;
    }

    public void pendingReason(String reason) {
        pendingReason = reason;
    }

    /** The task this thread spawned last (an async body, so its future can be tied to it). */
    public TaskRecord lastSpawned() {
        return lastSpawned;
    }

    public void lastSpawned(TaskRecord record) {
        lastSpawned = record;
    }

    /**
     * The cancellation this thread is delivering ({@code shutdownNow()}, {@code Future.cancel(true)}),
     * so the interrupts it sends carry that reason rather than a bare {@code interrupt()}.
     */
    public Cancellation pendingCancellation() {
        return pendingCancellation;
    }

    public void pendingCancellation(Cancellation c) {
        pendingCancellation = c;
    }

    /** Enters a hook; false if this thread is already inside one (the hook must then do nothing). */
    public boolean enterHook() {
        return hookDepth++ == 0;
    }

    public void exitHook() {
        hookDepth--;
    }
}
