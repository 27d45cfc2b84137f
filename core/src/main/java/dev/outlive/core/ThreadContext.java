package dev.outlive.core;

import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-thread state, found through one table keyed by thread ({@link ContextTable}): the current
 * scope, the task running on this thread, where the thread came from (its own task when Outlive
 * recorded the thread at start, or the executor that started it as a worker) and a re-entrancy guard
 * for the agent's hooks. A table rather than a thread-local: a thread-local gives every bare thread
 * a map of its own (about 136 bytes per thread), and interrupters on other threads need the contexts
 * by thread anyway.
 *
 * <p>Every live thread the agent sees pays for one of these, so it holds only what every thread
 * needs (40 bytes, its thread included: the context is its own table entry); what a few threads
 * need now and then (starting a pool's workers, delivering a cancellation, spawning an async body)
 * lives in an {@link Occasional} made on first use.
 */
public final class ThreadContext {
    /** Contexts by thread; entries leave when the thread exits. */
    private static final ContextTable BY_THREAD = new ContextTable();
    private static final VarHandle TASK;

    static {
        try {
            TASK = MethodHandles.lookup().findVarHandle(ThreadContext.class, "task", TaskRecord.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    /** The thread's own task (a {@link TaskRecord}), what started it as a worker, or null. */
    private final Object origin;
    private ScopeNode scope;
    /** Written by the owning thread with release semantics, read by interrupters with acquire. */
    private TaskRecord task;
    private int hookDepth;
    private Occasional occasional;

    ThreadContext(Thread thread, Object origin) {
        this.thread = thread;
        this.origin = origin;
        if (origin instanceof TaskRecord) {
            // the thread starts inside its own task: its scope is current, it is the running task
            TaskRecord ownTask = (TaskRecord) origin;
            this.scope = ownTask;
            this.task = ownTask;
        }
    }

    /** This thread's context, created on first use. */
    public static ThreadContext get() {
        Thread current = Thread.currentThread();
        ThreadContext c = BY_THREAD.get(current);
        if (c == null) {
            c = new ThreadContext(current, null);
            if (!BY_THREAD.putIfAbsent(c)) { // only this thread adds its own entry once it runs, so
                c = BY_THREAD.get(current);  // this is for safety: never two contexts for one thread
            }
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
        return BY_THREAD.putIfAbsent(new ThreadContext(thread, ownTask));
    }

    /**
     * Gives a pool's worker, about to start, a context that remembers {@code startedBy} (the agent's
     * record of the executor), so reports about the worker can name the pool and its creator.
     */
    public static boolean registerWorker(Thread worker, Object startedBy) {
        return BY_THREAD.putIfAbsent(new ThreadContext(worker, startedBy));
    }

    /** The thread this context belongs to. */
    public Thread thread() {
        return thread;
    }

    /** The task Outlive recorded for this thread when it started, or null. */
    public TaskRecord ownTask() {
        return origin instanceof TaskRecord ? (TaskRecord) origin : null;
    }

    /** What started this thread as a worker ({@link #registerWorker}), or null. */
    public Object startedBy() {
        return origin instanceof TaskRecord ? null : origin;
    }

    /** The context of another thread, or null. */
    public static ThreadContext of(Thread thread) {
        return BY_THREAD.get(thread);
    }

    /** A weakly consistent snapshot of every registered context (for dumps). */
    public static java.util.Collection<ThreadContext> all() {
        return BY_THREAD.values();
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

    private Occasional occasional() {
        Occasional o = occasional;
        if (o == null) {
            o = new Occasional();
            occasional = o;
        }
        return o;
    }

    /**
     * Marks the start of JDK-internal thread creation on this thread (a pool starting a worker):
     * threads started until the matching {@link #endInternalSpawn()} are not tasks of the caller.
     */
    public void beginInternalSpawn(Object owner) {
        Occasional o = occasional();
        o.internalSpawns++;
        o.internalSpawnOwner = owner;
    }

    public void endInternalSpawn() {
        Occasional o = occasional;
        if (o != null && --o.internalSpawns <= 0) {
            o.internalSpawns = 0;
            o.internalSpawnOwner = null;
        }
    }

    /** What is starting threads for itself on this thread (the agent's record of an executor), or null. */
    public Object internalSpawnOwner() {
        Occasional o = occasional;
        return o == null ? null : o.internalSpawnOwner;
    }

    public boolean inInternalSpawn() {
        Occasional o = occasional;
        return o != null && o.internalSpawns > 0;
    }

    /** A reason for the interrupts this thread is about to send ({@code Future.cancel(true)}), or null. */
    public String pendingReason() {
        Occasional o = occasional;
        return o == null ? null : o.pendingReason;
    }

    public void pendingReason(String reason) {
        if (reason != null || occasional != null) {
            occasional().pendingReason = reason;
        }
    }

    /** The task this thread spawned last (an async body, so its future can be tied to it). */
    public TaskRecord lastSpawned() {
        Occasional o = occasional;
        return o == null ? null : o.lastSpawned;
    }

    public void lastSpawned(TaskRecord record) {
        if (record != null || occasional != null) {
            occasional().lastSpawned = record;
        }
    }

    /**
     * The cancellation this thread is delivering ({@code shutdownNow()}, {@code Future.cancel(true)}),
     * so the interrupts it sends carry that reason rather than a bare {@code interrupt()}.
     */
    public Cancellation pendingCancellation() {
        Occasional o = occasional;
        return o == null ? null : o.pendingCancellation;
    }

    public void pendingCancellation(Cancellation c) {
        if (c != null || occasional != null) {
            occasional().pendingCancellation = c;
        }
    }

    /** Enters a hook; false if this thread is already inside one (the hook must then do nothing). */
    public boolean enterHook() {
        return hookDepth++ == 0;
    }

    public void exitHook() {
        hookDepth--;
    }

    /** What a few threads need now and then: made on first use, kept while the thread lives. */
    private static final class Occasional {
        int internalSpawns;
        Object internalSpawnOwner;
        Cancellation pendingCancellation;
        TaskRecord lastSpawned;
        String pendingReason;
    }
}
