package dev.outlive.core.task;

import dev.outlive.ScopeKind;
import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * One unit of work: a started thread, a submitted task, an async stage. The record is also the
 * task's own {@code TASK} scope (one object per task, not two), a child of its owner scope, so work
 * the task spawns belongs to it and a cancellation of the owner reaches it.
 *
 * <p>Memory: about 100 bytes per live task plus the interned spawn stack. The application's objects
 * (the runnable, the future) are never referenced; the running thread only while it runs the task.
 * Once done, the record is unlinked and collectable unless it was reported.
 */
public final class TaskRecord extends ScopeNode {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final VarHandle STATE;
    private static final VarHandle THREAD;
    private static final VarHandle BLOCKING_CALL;
    private static final VarHandle ATTACHMENT;
    private static final LongAdder LIVE = new LongAdder();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(TaskRecord.class, "state", int.class);
            THREAD = lookup.findVarHandle(TaskRecord.class, "thread", Thread.class);
            BLOCKING_CALL = lookup.findVarHandle(TaskRecord.class, "blockingCall", BlockingCall.class);
            ATTACHMENT = lookup.findVarHandle(TaskRecord.class, "attachment", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TaskKind taskKind;
    private final String description;
    private final StackSnapshot spawnStack;
    private final long spawnNanos;
    private final boolean tracked;
    private volatile int state;
    private volatile Thread thread;
    private volatile BlockingCall blockingCall;
    private volatile Object report;
    /** What was current on the runner before this task ran: restored when the run ends. */
    private ScopeNode resumeScope;
    private TaskRecord resumeTask;
    /** An application object tied to this task while it lives (an async body's future); dropped when done. */
    private volatile Object attachment;
    private volatile boolean lateBlockingReported;

    private TaskRecord(TaskKind taskKind, String description, ScopeNode owner, StackSnapshot spawnStack, long spawnNanos) {
        super(ScopeKind.TASK, null, owner);
        this.taskKind = taskKind;
        this.description = description;
        this.spawnStack = spawnStack;
        this.spawnNanos = spawnNanos;
        // Tasks directly under the JVM or MAIN scope are not linked for liveness: neither scope is ever
        // cancelled in a way that reports (DESIGN §1), and linking every such task would make the two
        // busiest scopes of the program a shared hot spot on every submit.
        this.tracked = owner.kind() != ScopeKind.JVM && owner.kind() != ScopeKind.MAIN;
    }

    /**
     * Records a new task owned by {@code owner}, in state {@code QUEUED}. If the owner is already
     * cancelled the task is announced at once, so it is checked after its own grace period.
     */
    public static TaskRecord spawn(TaskKind kind, String description, ScopeNode owner, StackSnapshot spawnStack) {
        TaskRecord t = new TaskRecord(kind, description, owner, spawnStack, OutliveRuntime.get().clock().nanoTime());
        LIVE.increment();
        if (t.tracked) {
            t.pin();
        }
        return t;
    }

    @Override
    protected boolean countsAsOpen() {
        return !isDone();
    }

    @Override
    protected boolean lateJoiner() {
        return true;
    }

    /** Task scopes are named after the task. */
    @Override
    public String name() {
        return "task-" + id();
    }

    public TaskKind taskKind() {
        return taskKind;
    }

    /** The runnable's class or the thread's name, as the spawner saw it ({@code thread #id} if it had none). */
    public String description() {
        String d = description;
        if (d != null) {
            return d;
        }
        // An unnamed thread: built when a report asks, not kept per thread (about 60 bytes each).
        Thread t = thread;
        String what = taskKind == TaskKind.VIRTUAL_THREAD ? "virtual thread" : "thread";
        return t == null ? what : what + " #" + threadId(t);
    }

    @SuppressWarnings("deprecation") // Thread.threadId() arrived in 19
    private static long threadId(Thread t) {
        return t.getId();
    }

    public StackSnapshot spawnStack() {
        return spawnStack;
    }

    public long spawnNanos() {
        return spawnNanos;
    }

    /** The scope that was current where the task was spawned. */
    public ScopeNode owner() {
        return parent();
    }

    /** The nearest task that spawned this one (directly, or through explicit scopes it opened), or null. */
    public TaskRecord spawningTask() {
        for (ScopeNode n = parent(); n != null; n = n.parent()) {
            if (n instanceof TaskRecord) {
                return (TaskRecord) n;
            }
        }
        return null;
    }

    /** Claims the one {@code LATE_BLOCKING_CALL} warning this task may get; false after the first. */
    public boolean claimLateBlockingWarning() {
        if (lateBlockingReported) {
            return false;
        }
        lateBlockingReported = true;
        return true;
    }

    public void attach(Object object) {
        attachment = object;
    }

    public Object attachment() {
        return attachment;
    }

    /** Remembers what the runner had current before this run, to restore it afterwards. */
    public void saveResume(ScopeNode scope, TaskRecord task) {
        resumeScope = scope;
        resumeTask = task;
    }

    public ScopeNode resumeScope() {
        return resumeScope;
    }

    public TaskRecord resumeTask() {
        return resumeTask;
    }

    /** Marks the task running on {@code runner}. */
    public void begin(Thread runner) {
        THREAD.setRelease(this, runner); // published by the state write that follows
        state = RUNNING;
    }

    /** Ends one run of a periodic task: back to queued, the task lives on. */
    public void endRun() {
        if (state == RUNNING) {
            thread = null;
            blockingCall = null;
            state = QUEUED;
        }
    }

    /** Marks the task done, once; unlinks it and tells the tracker if it had been reported. */
    public void finish() {
        int s = state;
        if (s == DONE || !STATE.compareAndSet(this, s, DONE)) {
            return;
        }
        // Once DONE is set (the CAS fences), clearing the references needs no fence of its own:
        // they only let the runner and the task's objects be collected. On every task's path.
        THREAD.setRelease(this, (Thread) null);
        BLOCKING_CALL.setRelease(this, (BlockingCall) null);
        ATTACHMENT.setRelease(this, (Object) null);
        resumeScope = null;
        resumeTask = null;
        LIVE.decrement();
        if (ownCancellation() == null) {
            closedOne();
        }
        if (tracked) {
            unpin();
        }
        if (isPinned()) {
            OutliveRuntime.get().observer().taskEndedWithLinkedScopes(this);
        }
        if (report != null) {
            OutliveRuntime.get().observer().reportedTaskFinished(this);
        }
    }

    public TaskState state() {
        switch (state) {
            case RUNNING:
                return blockingCall != null ? TaskState.BLOCKED : TaskState.RUNNING;
            case DONE:
                return TaskState.DONE;
            default:
                return TaskState.QUEUED;
        }
    }

    public boolean isDone() {
        return state == DONE;
    }

    /** The thread running the task, or null while queued or done. */
    public Thread thread() {
        return thread;
    }

    public BlockingCall blockingCall() {
        return blockingCall;
    }

    /** Sets the blocking call the running task entered (null when it leaves it). */
    public void blocking(BlockingCall call) {
        blockingCall = call;
    }

    /** The tracker's finding for this task, or null if it was never reported. */
    public Object report() {
        return report;
    }

    /** Claims the task for reporting; false if it was reported already. */
    public boolean markReported(Object finding) {
        synchronized (this) {
            if (report != null) {
                return false;
            }
            report = finding;
            return true;
        }
    }

    /** Number of tasks spawned and not yet done, across the JVM. */
    public static long liveCount() {
        return LIVE.sum();
    }
}
