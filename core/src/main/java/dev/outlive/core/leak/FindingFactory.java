package dev.outlive.core.leak;

import dev.outlive.core.report.AncestorView;
import dev.outlive.core.report.BlockingCallView;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.ScopeView;
import dev.outlive.core.report.TaskView;
import dev.outlive.core.report.ThreadView;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.BlockingCall;
import dev.outlive.core.task.ExecutorRecord;
import dev.outlive.core.task.TaskRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns live records into report views: the one place that decodes stacks for a report. */
public final class FindingFactory {
    static final int MAX_ANCESTRY = 8;

    private final int stackDepth;

    public FindingFactory(int stackDepth) {
        this.stackDepth = stackDepth;
    }

    /** A finding about {@code task}, overdue after {@code cancellation}: classified from what it does now. */
    public Finding forTask(String id, TaskRecord task, Cancellation cancellation, long nowNanos, long nowMillis) {
        Thread runner = task.thread();
        StackTraceElement[] raw = runner == null ? new StackTraceElement[0] : runner.getStackTrace();
        BlockingCall call = BlockingPoints.effective(task, runner, raw);
        LeakKind kind = Classifier.classify(task, runner, cancellation, call);
        List<String> current = lines(StackSnapshot.of(raw));
        List<String> spawn = lines(task.spawnStack());
        long overdue = cancellation == null ? 0 : Math.max(0, (nowNanos - Math.max(cancellation.nanoTime(), task.spawnNanos())) / 1_000_000L);
        return new Finding(id, kind, Signatures.of(kind, spawn, task.description()), taskView(task, call), scopeView(cancellation),
                overdue, spawn, task.spawnStack().isRepresentative(), ancestry(task), current,
                blockingView(call, nowNanos, nowMillis), Hints.hintFor(kind, call, cancellation == null ? null : cancellation.reason()));
    }

    /**
     * A finding about a live thread with no cancellation behind it (the exit check): its record if
     * Outlive saw it start, else what the thread itself shows.
     */
    public Finding forLiveThread(String id, LeakKind kind, Thread thread, TaskRecord record, long sinceNanos, long nowNanos) {
        List<String> current = lines(StackSnapshot.of(thread.getStackTrace()));
        List<String> spawn = record == null ? List.of() : lines(record.spawnStack());
        TaskView task = record != null ? taskView(record)
                : new TaskView(0, "THREAD", thread.getName(), "RUNNING", ThreadView.of(thread));
        String description = record != null ? record.description() : thread.getName();
        return new Finding(id, kind, Signatures.of(kind, spawn, description), task, null,
                Math.max(0, (nowNanos - sinceNanos) / 1_000_000L), spawn,
                record != null && record.spawnStack().isRepresentative(),
                record == null ? List.of() : ancestry(record), current, null, Hints.hintFor(kind, null));
    }

    /**
     * One finding for the live worker threads of one executor (the exit check reports a pool once, not
     * thread by thread): described by the executor, spawned where the executor was created.
     */
    public Finding forExecutorWorkers(String id, LeakKind kind, String executor, StackSnapshot createdAt,
                                      List<Thread> workers, long sinceNanos, long nowNanos) {
        Thread first = workers.get(0);
        StringBuilder names = new StringBuilder();
        for (Thread w : workers) {
            names.append(names.length() == 0 ? "" : ", ").append(w.getName());
        }
        String description = executor + " (" + workers.size() + " live worker thread(s): " + names + ")";
        List<String> spawn = lines(createdAt);
        TaskView task = new TaskView(0, "THREAD", description, "RUNNING", ThreadView.of(first));
        return new Finding(id, kind, Signatures.of(kind, spawn, executor), task, null,
                Math.max(0, (nowNanos - sinceNanos) / 1_000_000L), spawn, false, List.of(),
                lines(StackSnapshot.of(first.getStackTrace())), null, Hints.hintFor(kind, null));
    }

    /** An executor nobody shut down after its creator's scope ended. */
    public Finding forExecutor(String id, LeakKind kind, ExecutorRecord executor, int workers, long nowNanos) {
        Cancellation c = executor.parent().cancellation();
        List<String> spawn = lines(executor.createdAt());
        String description = executor.name() + " (" + workers + " live worker thread(s))";
        long since = c != null ? c.nanoTime() : nowNanos;
        ScopeNode owner = executor.parent();
        ScopeView scope = c != null ? scopeView(c) : scopeView(owner);
        return new Finding(id, kind, Signatures.of(kind, spawn, executor.name()),
                new TaskView(executor.id(), "EXECUTOR", description, "RUNNING", null), scope,
                Math.max(0, (nowNanos - since) / 1_000_000L), spawn, false,
                owner instanceof TaskRecord ? ancestryFrom((TaskRecord) owner) : List.of(), List.of(), null,
                Hints.hintFor(kind, null));
    }

    /** {@code task} and the tasks that spawned it, nearest first. */
    List<AncestorView> ancestryFrom(TaskRecord task) {
        ArrayList<AncestorView> out = new ArrayList<>();
        out.add(new AncestorView(task.id(), task.taskKind().name(), task.description(), lines(task.spawnStack())));
        out.addAll(ancestry(task));
        return out.size() > MAX_ANCESTRY ? out.subList(0, MAX_ANCESTRY) : out;
    }

    /** A finding about a call site with no task of its own (a detached root, a late blocking call). */
    public Finding forCallSite(String id, LeakKind kind, TaskRecord runningTask, ScopeNode scope, StackSnapshot site) {
        List<String> spawn = runningTask == null ? List.of() : lines(runningTask.spawnStack());
        List<String> where = lines(site);
        String description = runningTask == null ? Thread.currentThread().getName() : runningTask.description();
        TaskView task = runningTask != null ? taskView(runningTask)
                : new TaskView(0, "THREAD", description, "RUNNING", ThreadView.of(Thread.currentThread()));
        return new Finding(id, kind, Signatures.of(kind, where, description), task, scopeView(scope), 0, spawn,
                runningTask != null && runningTask.spawnStack().isRepresentative(),
                runningTask == null ? List.of() : ancestry(runningTask), where, null, Hints.hintFor(kind, null));
    }

    public TaskView taskView(TaskRecord task) {
        return taskView(task, task.blockingCall());
    }

    /** The task's view; {@code BLOCKED} also when the blocking call was read off its stack. */
    TaskView taskView(TaskRecord task, BlockingCall call) {
        Thread runner = task.thread();
        String state = task.state().name();
        if (call != null && "RUNNING".equals(state)) {
            state = "BLOCKED";
        }
        return new TaskView(task.id(), task.taskKind().name(), task.description(), state,
                runner == null ? null : ThreadView.of(runner));
    }

    ScopeView scopeView(Cancellation c) {
        if (c == null) {
            return null;
        }
        ScopeNode s = c.origin();
        return new ScopeView(s.id(), s.name(), s.kind().name(), s.path(), Instant.ofEpochMilli(c.epochMillis()).toString(),
                c.reason(), lines(c.stack()));
    }

    ScopeView scopeView(ScopeNode s) {
        Cancellation c = s.cancellation();
        return new ScopeView(s.id(), s.name(), s.kind().name(), s.path(),
                c == null ? null : Instant.ofEpochMilli(c.epochMillis()).toString(),
                c == null ? null : c.reason(), c == null ? List.of() : lines(c.stack()));
    }

    List<AncestorView> ancestry(TaskRecord task) {
        ArrayList<AncestorView> out = new ArrayList<>();
        for (TaskRecord a = task.spawningTask(); a != null && out.size() < MAX_ANCESTRY; a = a.spawningTask()) {
            out.add(new AncestorView(a.id(), a.taskKind().name(), a.description(), lines(a.spawnStack())));
        }
        return out;
    }

    static BlockingCallView blockingView(BlockingCall call, long nowNanos, long nowMillis) {
        if (call == null) {
            return null;
        }
        if (!call.sinceKnown()) {
            return new BlockingCallView(call.method(), null, -1, call.interruptible(), call.parkBlocker());
        }
        long blockedMillis = Math.max(0, (nowNanos - call.sinceNanos()) / 1_000_000L);
        return new BlockingCallView(call.method(), Instant.ofEpochMilli(nowMillis - blockedMillis).toString(),
                blockedMillis, call.interruptible(), call.parkBlocker());
    }

    List<String> lines(StackSnapshot s) {
        return s.lines(stackDepth);
    }
}
