package dev.outlive.core.task;

import dev.outlive.ScopeKind;
import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One unit of work: a started thread, a submitted task, an async stage. The record is also the
 * task's own {@code TASK} scope (one object per task, not two), a child of its owner scope, so work
 * the task spawns belongs to it and a cancellation of the owner reaches it.
 *
 * <p>Memory: 104 bytes per live task plus the interned spawn stack, blocked or not: the task's kind
 * and flags share the state word, the blocking call lives in fields of its own (guarded by a sequence
 * word rather than allocated per call), and the description is the scope's name. The application's
 * objects (the runnable, the future) are never referenced; the running thread and a park blocker only
 * while the task runs or blocks. Once done, the record is unlinked and collectable unless it was reported.
 */
public final class TaskRecord extends ScopeNode {
    // The state word: lifecycle in the low two bits, flags above, the task kind's ordinal in bits 8-15.
    private static final int LIFECYCLE = 0b11;
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int TRACKED = 1 << 2;
    private static final int LATE_WARNED = 1 << 3;
    private static final int REPORTED = 1 << 4;
    // Runs of a periodic task that ended after its scope was cancelled, counted up to two (bits 5-6).
    private static final int LATE_RUN = 1 << 5;
    private static final int LATE_RUNS = 3 << 5;
    private static final int KIND_SHIFT = 8;
    private static final TaskKind[] KINDS = TaskKind.values();

    // The blocking word: bit 0 set while the running thread rewrites the call, bit 1 = interruptible,
    // a change count above. Readers on other threads retry until they see one call whole.
    private static final int WRITING = 1;
    private static final int INTERRUPTIBLE = 2;
    private static final int CHANGE = 4;
    private static final int CONSISTENT_READ_ATTEMPTS = 64;

    private static final VarHandle STATE;
    private static final VarHandle THREAD;
    private static final VarHandle BLOCKING;
    private static final VarHandle ATTACHMENT;
    private static final LongAdder LIVE = new LongAdder();
    /** Findings of reported tasks, by task: rare, so kept here rather than in a field of every record. */
    private static final ConcurrentHashMap<TaskRecord, Object> REPORTS = new ConcurrentHashMap<>();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(TaskRecord.class, "state", int.class);
            THREAD = lookup.findVarHandle(TaskRecord.class, "thread", Thread.class);
            BLOCKING = lookup.findVarHandle(TaskRecord.class, "blocking", int.class);
            ATTACHMENT = lookup.findVarHandle(TaskRecord.class, "attachment", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StackSnapshot spawnStack;
    private final long spawnNanos;
    private volatile int state;
    private volatile Thread thread;
    /** What was current on the runner before this run: null, this record's resume task, or a {@link Resume}. */
    private Object resume;
    /** An application object tied to this task while it lives (an async body's future); dropped when done. */
    private volatile Object attachment;
    // The blocking call the task is in, written only by the thread running it (see the blocking word).
    private volatile int blocking;
    private String blockingMethod;
    private Object blockingBlocker;
    private long blockingSince;

    private TaskRecord(TaskKind taskKind, String description, ScopeNode owner, StackSnapshot spawnStack, long spawnNanos) {
        super(ScopeKind.TASK, description, owner);
        this.spawnStack = spawnStack;
        this.spawnNanos = spawnNanos;
        // Tasks directly under the JVM or MAIN scope are not linked for liveness: neither scope is ever
        // cancelled in a way that reports (DESIGN §1), and linking every such task would make the two
        // busiest scopes of the program a shared hot spot on every submit.
        boolean tracked = owner.kind() != ScopeKind.JVM && owner.kind() != ScopeKind.MAIN;
        this.state = QUEUED | (tracked ? TRACKED : 0) | taskKind.ordinal() << KIND_SHIFT;
    }

    /**
     * Records a new task owned by {@code owner}, in state {@code QUEUED}. If the owner is already
     * cancelled the task is announced at once, so it is checked after its own grace period.
     */
    public static TaskRecord spawn(TaskKind kind, String description, ScopeNode owner, StackSnapshot spawnStack) {
        TaskRecord t = new TaskRecord(kind, description, owner, spawnStack, OutliveRuntime.get().clock().nanoTime());
        LIVE.increment();
        if (t.tracked()) {
            t.pin();
        }
        return t;
    }

    private boolean tracked() {
        return (state & TRACKED) != 0;
    }

    /** Sets {@code flag} in the state word; false if it was set already. */
    private boolean setFlag(int flag) {
        for (;;) {
            int s = state;
            if ((s & flag) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | flag)) {
                return true;
            }
        }
    }

    /** Moves the lifecycle from {@code from} to {@code to}, keeping the flags; false if it was not {@code from}. */
    private boolean move(int from, int to) {
        for (;;) {
            int s = state;
            if ((s & LIFECYCLE) != from) {
                return false;
            }
            if (STATE.compareAndSet(this, s, (s & ~LIFECYCLE) | to)) {
                return true;
            }
        }
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
        return KINDS[(state >>> KIND_SHIFT) & 0xff];
    }

    /** The runnable's class or the thread's name, as the spawner saw it ({@code thread #id} if it had none). */
    public String description() {
        String d = givenName();
        if (d != null) {
            return d;
        }
        // An unnamed thread: built when a report asks, not kept per thread (about 60 bytes each).
        Thread t = thread;
        String what = taskKind() == TaskKind.VIRTUAL_THREAD ? "virtual thread" : "thread";
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
        return setFlag(LATE_WARNED);
    }

    public void attach(Object object) {
        attachment = object;
    }

    public Object attachment() {
        return attachment;
    }

    /**
     * Remembers what the runner had current before this run, to restore it afterwards. Nothing, or a
     * task whose own scope was current, needs no object of its own: the common cases allocate nothing.
     */
    public void saveResume(ScopeNode scope, TaskRecord task) {
        resume = scope == task ? task : new Resume(scope, task);
    }

    public ScopeNode resumeScope() {
        Object r = resume;
        return r instanceof Resume ? ((Resume) r).scope : (ScopeNode) r;
    }

    public TaskRecord resumeTask() {
        Object r = resume;
        return r instanceof Resume ? ((Resume) r).task : (TaskRecord) r;
    }

    /** Marks the task running on {@code runner}; a task already done stays done. */
    public void begin(Thread runner) {
        THREAD.setRelease(this, runner); // published by the state write that follows
        if (!move(QUEUED, RUNNING) && isDone()) {
            THREAD.setRelease(this, (Thread) null);
        }
    }

    /**
     * Ends one run of a periodic task: back to queued, the task lives on. A run that ends after the
     * task's scope was cancelled is counted (up to two).
     */
    public void endRun() {
        // Only the run's own thread ends it: a periodic task re-queued inside its run (ForkJoinPool's
        // scheduled tasks) can start its next run on another worker before this one has returned, and
        // that run must stay RUNNING on its thread.
        if ((state & LIFECYCLE) == RUNNING && THREAD.compareAndSet(this, Thread.currentThread(), (Thread) null)) {
            move(RUNNING, QUEUED);
            if (cancellation() != null) {
                countLateRun();
            }
        }
    }

    private void countLateRun() {
        for (;;) {
            int s = state;
            if ((s & LATE_RUNS) == 2 * LATE_RUN || STATE.compareAndSet(this, s, s + LATE_RUN)) {
                return;
            }
        }
    }

    /**
     * Whether a periodic task went on running after its scope was cancelled: two runs ended after it,
     * so one at least started after it. A correct periodic task stops at its first run after (it checks
     * the scope and cancels itself); one that keeps running is work outliving its scope, even if it is
     * queued between two runs whenever someone looks.
     */
    public boolean keepsRunningAfterCancel() {
        return (state & LATE_RUNS) == 2 * LATE_RUN;
    }

    /** The blocking word: it changes with every blocking call entered or left (see {@link #enterBlocking}). */
    public int blockingStamp() {
        return (int) BLOCKING.getAcquire(this);
    }

    /** Marks the task done, once; unlinks it and tells the tracker if it had been reported. */
    public void finish() {
        int s;
        do {
            s = state;
            if ((s & LIFECYCLE) == DONE) {
                return;
            }
        } while (!STATE.compareAndSet(this, s, (s & ~LIFECYCLE) | DONE));
        ended(s);
    }

    /**
     * Ends a task that is not running and never will: cancelled, removed, discarded or returned unrun
     * while queued. Atomic against {@link #begin}: if a thread took the task first, nothing changes and
     * the run ends it. Returns whether this call ended it.
     */
    public boolean drop() {
        int s;
        do {
            s = state;
            if ((s & LIFECYCLE) != QUEUED) {
                return false;
            }
        } while (!STATE.compareAndSet(this, s, (s & ~LIFECYCLE) | DONE));
        ended(s);
        return true;
    }

    /** The bookkeeping of the move to DONE from state word {@code s}; runs once per task. */
    private void ended(int s) {
        // Once DONE is set (the CAS fences), clearing the references needs no fence of its own:
        // they only let the runner and the task's objects be collected. On every task's path.
        THREAD.setRelease(this, (Thread) null);
        ATTACHMENT.setRelease(this, (Object) null);
        resume = null;
        LIVE.decrement();
        if (ownCancellation() == null) {
            closedOne();
        }
        if ((s & TRACKED) != 0) {
            unpin();
        }
        if (isPinned()) {
            OutliveRuntime.get().observer().taskEndedWithLinkedScopes(this);
        }
        if (isReported()) {
            OutliveRuntime.get().observer().reportedTaskFinished(this);
        }
    }

    public TaskState state() {
        switch (state & LIFECYCLE) {
            case RUNNING:
                return blockingMethodSeen() != null ? TaskState.BLOCKED : TaskState.RUNNING;
            case DONE:
                return TaskState.DONE;
            default:
                return TaskState.QUEUED;
        }
    }

    public boolean isDone() {
        return (state & LIFECYCLE) == DONE;
    }

    /** The thread running the task, or null while queued or done. */
    public Thread thread() {
        return thread;
    }

    // ---------------------------------------------------------------- the blocking call

    /**
     * The running thread enters a blocking call (only that thread calls this and {@link #leaveBlocking}).
     * Two plain stores of the sequence word and four field stores: no allocation and no fence on the
     * park, sleep and wait paths. The blocker is held only until the call returns.
     */
    public void enterBlocking(String method, long sinceNanos, boolean interruptible, Object parkBlocker) {
        int b = blocking;
        BLOCKING.setOpaque(this, b | WRITING);
        VarHandle.storeStoreFence();
        blockingMethod = method;
        blockingSince = sinceNanos;
        blockingBlocker = parkBlocker;
        BLOCKING.setRelease(this, ((b & ~(WRITING | INTERRUPTIBLE)) + CHANGE) | (interruptible ? INTERRUPTIBLE : 0));
    }

    /** The running thread left its blocking call (returned or threw). */
    public void leaveBlocking() {
        int b = blocking;
        BLOCKING.setOpaque(this, b | WRITING);
        VarHandle.storeStoreFence();
        blockingMethod = null;
        blockingBlocker = null;
        BLOCKING.setRelease(this, (b & ~(WRITING | INTERRUPTIBLE)) + CHANGE);
    }

    /**
     * Whether a thread is doing this task's work now. Only such a task can be a finding about running
     * or blocked work: a queued task is the executor's business, and one dropped unrun is over.
     */
    public boolean isRunning() {
        return (state & LIFECYCLE) == RUNNING && thread != null;
    }

    /** Whether the task is in a blocking call: exact on the running thread, a hint on others. */
    public boolean isBlocking() {
        return blockingMethodSeen() != null;
    }

    private String blockingMethodSeen() {
        BLOCKING.getAcquire(this);
        return blockingMethod;
    }

    /**
     * The blocking call the task is in, as one consistent snapshot, or null when it is in none (or
     * kept changing calls for every attempt to read it, which only a task that blocks and wakes
     * in a tight loop does: it is then not stuck in any one call).
     */
    public BlockingCall blockingCall() {
        for (int attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt++) {
            int before = (int) BLOCKING.getAcquire(this);
            if ((before & WRITING) != 0) {
                Thread.onSpinWait();
                continue;
            }
            String method = blockingMethod;
            long since = blockingSince;
            Object blocker = blockingBlocker;
            VarHandle.loadLoadFence();
            if ((int) BLOCKING.getOpaque(this) == before) {
                return method == null ? null : new BlockingCall(method, since, (before & INTERRUPTIBLE) != 0, blocker);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- reporting

    public boolean isReported() {
        return (state & REPORTED) != 0;
    }

    /**
     * Claims the task for reporting; false if it was reported already. The finding (null for a task
     * the user's filters ignore: nothing to hand over, nothing kept) is stored before the flag is
     * set, so whoever sees the flag finds the finding.
     */
    public boolean markReported(Object finding) {
        synchronized (this) {
            if (isReported()) {
                return false;
            }
            if (finding != null) {
                REPORTS.put(this, finding);
            }
            setFlag(REPORTED);
            return true;
        }
    }

    /** Takes the finding back once the task has ended and its late finish is told: once, then null. */
    public Object takeReport() {
        return (state & REPORTED) == 0 ? null : REPORTS.remove(this);
    }

    /** Number of tasks spawned and not yet done, across the JVM. */
    public static long liveCount() {
        return LIVE.sum();
    }

    /** What was current before a run when it is neither nothing nor one task's own scope (rare). */
    private static final class Resume {
        final ScopeNode scope;
        final TaskRecord task;

        Resume(ScopeNode scope, TaskRecord task) {
            this.scope = scope;
            this.task = task;
        }
    }
}
