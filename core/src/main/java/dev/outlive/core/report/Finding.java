package dev.outlive.core.report;

import dev.outlive.core.leak.LeakKind;

import java.util.List;

/**
 * One leak or warning as reports show it (DESIGN §4). Immutable but for {@link #lateFinish()},
 * which is set if the task ends after it was reported. Whether it counts as a leak, a warning or a
 * known leak is decided by the list of the report that holds it.
 */
public final class Finding {
    private final String id;
    private final LeakKind kind;
    private final String signature;
    private final TaskView task;
    private final ScopeView scope;
    private final long overdueMillis;
    private final List<String> spawnStack;
    private final boolean spawnStackRepresentative;
    private final List<AncestorView> ancestry;
    private final List<String> currentStack;
    private final BlockingCallView blockingCall;
    private final String hint;
    private volatile LateFinish lateFinish;

    public Finding(String id, LeakKind kind, String signature, TaskView task, ScopeView scope, long overdueMillis,
                   List<String> spawnStack, boolean spawnStackRepresentative, List<AncestorView> ancestry,
                   List<String> currentStack, BlockingCallView blockingCall, String hint) {
        this.id = id;
        this.kind = kind;
        this.signature = signature;
        this.task = task;
        this.scope = scope;
        this.overdueMillis = overdueMillis;
        this.spawnStack = List.copyOf(spawnStack);
        this.spawnStackRepresentative = spawnStackRepresentative;
        this.ancestry = List.copyOf(ancestry);
        this.currentStack = List.copyOf(currentStack);
        this.blockingCall = blockingCall;
        this.hint = hint;
    }

    /** This finding under another id (ids are handed out once a finding is known to be reported). */
    public Finding withId(String newId) {
        Finding f = new Finding(newId, kind, signature, task, scope, overdueMillis, spawnStack, spawnStackRepresentative,
                ancestry, currentStack, blockingCall, hint);
        f.lateFinish = lateFinish;
        return f;
    }

    /** {@code L1}, {@code L2}, ... for leaks; {@code W1}, ... for warnings. */
    public String id() {
        return id;
    }

    public LeakKind kind() {
        return kind;
    }

    /** A stable hash of the kind and the spawn site: the same code gives the same signature on every run. */
    public String signature() {
        return signature;
    }

    public TaskView task() {
        return task;
    }

    /** The scope whose cancellation this is about (null for findings with no cancellation, such as the exit check). */
    public ScopeView scope() {
        return scope;
    }

    /** Milliseconds between the cancellation (or the exit check's start) and the report. */
    public long overdueMillis() {
        return overdueMillis;
    }

    public List<String> spawnStack() {
        return spawnStack;
    }

    /** True when {@link #spawnStack()} was recorded for an earlier spawn of the same task class ({@code stacks=auto}). */
    public boolean spawnStackRepresentative() {
        return spawnStackRepresentative;
    }

    public List<AncestorView> ancestry() {
        return ancestry;
    }

    public List<String> currentStack() {
        return currentStack;
    }

    public BlockingCallView blockingCall() {
        return blockingCall;
    }

    public String hint() {
        return hint;
    }

    public LateFinish lateFinish() {
        return lateFinish;
    }

    public void lateFinish(LateFinish finish) {
        this.lateFinish = finish;
    }
}
