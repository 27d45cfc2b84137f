package dev.outlive.core.leak;

import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.ScopeObserver;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.LateFinish;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.ExecutorRecord;
import dev.outlive.core.task.TaskRecord;
import dev.outlive.core.time.Clock;
import dev.outlive.core.time.Scheduler;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Finds work that outlives its scope. When a scope is cancelled, one check is scheduled for
 * cancel + grace; the check walks only that scope's linked subtree, so its cost is proportional to
 * the tasks of cancelled scopes, never to every live task. Each leaked task is reported once; if it
 * ends later, its finding gets a {@code lateFinish}.
 *
 * <p>The observer methods run on application threads and only schedule; all the work (stack
 * decoding, filtering, notifying listeners) happens on the scheduler's thread.
 */
public final class LeakTracker implements ScopeObserver {
    /** A task still queued at a check is looked at again this many times before it is let go. */
    static final int QUEUED_RECHECKS = 8;

    private final Clock clock;
    private final Scheduler scheduler;
    private final TrackerSettings settings;
    private final FindingListener listener;
    private final FindingFactory factory;
    private final FairChance fairChance;
    private final ScopeObserver fallback;
    private final Object lock = new Object();
    private final List<Finding> leaks = new ArrayList<>();
    private final List<Finding> warnings = new ArrayList<>();
    private final List<Finding> knownLeaks = new ArrayList<>();
    private final AtomicInteger ignored = new AtomicInteger();
    private final AtomicInteger leakIds = new AtomicInteger();
    private final AtomicInteger warningIds = new AtomicInteger();
    private final AtomicInteger knownIds = new AtomicInteger();

    /** A tracker that checks on the runtime's own scheduler and judges every overdue task at once (tests). */
    public LeakTracker(OutliveRuntime runtime, TrackerSettings settings, FindingListener listener) {
        this(runtime, runtime.scheduler(), settings, listener, false);
    }

    /**
     * @param checks        where the checks run: a scheduler of their own, so that deadlines and the
     *                      {@code onCancel} actions they run never wait behind a check, nor checks behind them
     * @param measureCpu    whether a busy overdue task must have had CPU time to notice its cancellation
     *                      before it is reported (see {@link FairChance})
     */
    public LeakTracker(OutliveRuntime runtime, Scheduler checks, TrackerSettings settings, FindingListener listener,
                       boolean measureCpu) {
        this.clock = runtime.clock();
        this.scheduler = checks;
        this.settings = settings;
        this.listener = listener;
        this.factory = new FindingFactory(settings.stackDepth());
        this.fairChance = new FairChance(measureCpu ? FairChance.CpuTime.jvm() : FairChance.CpuTime.NONE,
                settings.graceNanos());
        this.fallback = ScopeObserver.QUIET;
    }

    public TrackerSettings settings() {
        return settings;
    }

    public FindingFactory factory() {
        return factory;
    }

    @Override
    public void scopeCancelled(ScopeNode node, Cancellation cancellation) {
        if (cancellation.origin().kind() == dev.outlive.ScopeKind.JVM) {
            return; // work cut short by the exit itself is not reported (DESIGN §1)
        }
        long due = Math.max(cancellation.nanoTime(), clock.nanoTime()) + settings.graceNanos();
        scheduler.schedule(due, new SubtreeCheck(node));
    }

    @Override
    public void reportedTaskFinished(TaskRecord task) {
        Object report = task.takeReport();
        if (!(report instanceof Finding)) {
            return;
        }
        Finding f = (Finding) report;
        Cancellation c = task.cancellation();
        long after = c == null ? 0 : (clock.nanoTime() - c.nanoTime()) / 1_000_000L;
        f.lateFinish(new LateFinish(Instant.ofEpochMilli(clock.epochMillis()).toString(), after));
        listener.lateFinish(f);
    }

    @Override
    public void detachedRoot(ScopeNode root, ScopeNode current, StackSnapshot stack) {
        ThreadContext context = ThreadContext.peek();
        TaskRecord running = context == null ? null : context.task();
        addWarning(factory.forCallSite(nextWarningId(), LeakKind.DETACHED_SCOPE, running, current, stack));
    }

    @Override
    public void actionFailed(ScopeNode node, Throwable failure) {
        fallback.actionFailed(node, failure);
    }

    @Override
    public void internalError(String where, Throwable failure) {
        fallback.internalError(where, failure);
    }

    /** Checks {@code root}'s subtree now; tasks not yet overdue get checks of their own. */
    void checkSubtree(ScopeNode root) {
        ArrayDeque<ScopeNode> pending = new ArrayDeque<>();
        pending.add(root);
        Consumer<ScopeNode> enqueue = new Consumer<ScopeNode>() {
            @Override
            public void accept(ScopeNode child) {
                pending.add(child);
            }
        };
        while (!pending.isEmpty()) {
            ScopeNode n = pending.poll();
            if (n instanceof TaskRecord) {
                checkTask((TaskRecord) n, 0);
            } else if (n instanceof ExecutorRecord) {
                checkExecutor((ExecutorRecord) n);
            }
            n.forEachLinkedChild(enqueue);
        }
    }

    /** An executor whose creator's scope is over, never shut down, with live workers: reported once. */
    void checkExecutor(ExecutorRecord executor) {
        if (!executor.ownerEnded()) {
            return;
        }
        int workers = executor.liveWorkers();
        if (workers == 0) {
            if (executor.executor() == null) {
                executor.shutDown(); // collected: nothing to watch any more
            }
            return;
        }
        if (executor.markReported()) {
            addLeak(factory.forExecutor(nextLeakId(), LeakKind.UNCLOSED_EXECUTOR, executor, workers, clock.nanoTime()));
        }
    }

    @Override
    public void taskEndedWithLinkedScopes(TaskRecord task) {
        scheduler.schedule(clock.nanoTime() + settings.graceNanos(), new SubtreeCheck(task));
    }

    /**
     * Called on the blocking thread right after it entered the call. The warning is about a call that
     * blocks: one that returns within a fraction of grace (an interrupted thread's wait throws at once,
     * a pool thread's poll ends when its pool stops) was harmless, so the warning waits that long and
     * is dropped if the task has left the call or ended meanwhile.
     */
    @Override
    public void lateBlockingCall(TaskRecord task, ScopeNode scope, StackSnapshot stack) {
        int stamp = task.blockingStamp();
        scheduler.schedule(clock.nanoTime() + settings.graceNanos() / 2, new Runnable() {
            @Override
            public void run() {
                // still in that call, and not an idle timer waiting for work
                if (!task.isDone() && task.blockingStamp() == stamp && !IdleTimers.isIdle(task)) {
                    addWarning(factory.forCallSite(nextWarningId(), LeakKind.LATE_BLOCKING_CALL, task, scope, stack));
                }
            }
        });
    }

    void checkTask(TaskRecord task, int queuedChecks) {
        if (task.isDone() || task.isReported()) {
            fairChance.forget(task);
            return;
        }
        Cancellation c = task.cancellation();
        if (c == null) {
            return;
        }
        long now = clock.nanoTime();
        long due = Math.max(c.nanoTime(), task.spawnNanos()) + settings.graceNanos();
        if (due - now > 0) {
            scheduler.schedule(due, new TaskCheck(task, queuedChecks));
            return;
        }
        Thread runner = task.thread();
        if (runner != null && task.taskKind().isThread() && !runner.isAlive()) {
            task.finish(); // its exit was not seen (a hook missing on this JDK): it is over all the same
            return;
        }
        if ((runner == null || IdleTimers.isIdle(task)) && !task.keepsRunningAfterCancel()) {
            // Still queued, or a daemon timer with nothing to run: no thread does its work, so it is no
            // leak (a task dropped unrun ends on its own). It may yet start: look again a few times.
            if (queuedChecks < QUEUED_RECHECKS) {
                scheduler.schedule(now + Math.max(settings.graceNanos(), 1_000_000L), new TaskCheck(task, queuedChecks + 1));
            }
            return;
        }
        if (runner != null && !fairChance.judgeNow(task, runner, now)) {
            scheduler.schedule(now + fairChance.windowNanos(), new TaskCheck(task, queuedChecks));
            return;
        }
        report(task, c, now);
    }

    private void report(TaskRecord task, Cancellation c, long now) {
        Finding draft = factory.forTask("", task, c, now, clock.epochMillis());
        if (settings.ignore().silences(draft)) {
            if (task.markReported(null)) { // claimed, with no finding to hand over later
                ignored.incrementAndGet();
            }
            return;
        }
        boolean known = settings.knownSignatures().contains(draft.signature());
        Finding f = draft.withId(known ? "K" + knownIds.incrementAndGet() : nextLeakId());
        if (!task.markReported(f)) {
            return;
        }
        publish(f, known);
        if (task.isDone()) {
            reportedTaskFinished(task); // it ended while we were writing the report
        }
    }

    /** Adds a finding made elsewhere (the exit check, executors) as a leak or, if known from the baseline, as known. */
    public Finding addLeak(Finding f) {
        if (settings.ignore().silences(f)) {
            ignored.incrementAndGet();
            return null;
        }
        publish(f, settings.knownSignatures().contains(f.signature()));
        return f;
    }

    /** Files a leak under leaks or known leaks and tells the listener. */
    private void publish(Finding f, boolean known) {
        synchronized (lock) {
            (known ? knownLeaks : leaks).add(f);
        }
        if (known) {
            listener.knownLeakFound(f);
        } else {
            listener.leakFound(f);
        }
    }

    /** Adds a warning; ignore patterns apply to warnings too. */
    public Finding addWarning(Finding f) {
        if (settings.ignore().silences(f)) {
            ignored.incrementAndGet();
            return null;
        }
        synchronized (lock) {
            warnings.add(f);
        }
        listener.warningFound(f);
        return f;
    }

    public String nextLeakId() {
        return "L" + leakIds.incrementAndGet();
    }

    public String nextWarningId() {
        return "W" + warningIds.incrementAndGet();
    }

    public List<Finding> leaks() {
        synchronized (lock) {
            return List.copyOf(leaks);
        }
    }

    public List<Finding> warnings() {
        synchronized (lock) {
            return List.copyOf(warnings);
        }
    }

    public List<Finding> knownLeaks() {
        synchronized (lock) {
            return List.copyOf(knownLeaks);
        }
    }

    /** Findings dropped by the {@code ignore} patterns. */
    public int ignoredCount() {
        return ignored.get();
    }

    private final class SubtreeCheck implements Runnable {
        private final ScopeNode root;

        SubtreeCheck(ScopeNode root) {
            this.root = root;
        }

        @Override
        public void run() {
            checkSubtree(root);
        }
    }

    private final class TaskCheck implements Runnable {
        private final TaskRecord task;
        private final int queuedChecks;

        TaskCheck(TaskRecord task, int queuedChecks) {
            this.task = task;
            this.queuedChecks = queuedChecks;
        }

        @Override
        public void run() {
            checkTask(task, queuedChecks);
        }
    }
}
