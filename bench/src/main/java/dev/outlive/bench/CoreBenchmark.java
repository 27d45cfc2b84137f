package dev.outlive.bench;

import dev.outlive.Scope;
import dev.outlive.ScopeKind;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.SpawnStacks;
import dev.outlive.core.stack.StackMode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The core's own costs, with no agent: what a task record, a scope and a spawn stack cost on the
 * paths the agent's hooks take. The agent's overhead ratios come from the {@code *OverheadBenchmark}
 * classes, run with and without the agent by {@link OverheadRunner}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class CoreBenchmark {
    private final ScopeNode request = ScopeNode.child(ScopeNode.root(ScopeKind.JVM, "jvm"), ScopeKind.EXPLICIT, "request");
    private final ScopeNode main = ScopeNode.child(ScopeNode.root(ScopeKind.JVM, "jvm"), ScopeKind.MAIN, "main");
    private final SpawnStacks auto = new SpawnStacks(StackMode.AUTO);

    /** A task spawned into a cancellable scope: linked for the tracker, then unlinked. */
    @Benchmark
    public TaskRecord taskInExplicitScope() {
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "bench", request, StackSnapshot.EMPTY);
        t.begin(Thread.currentThread());
        t.finish();
        return t;
    }

    /** A task of the main scope: never linked. */
    @Benchmark
    public TaskRecord taskInMainScope() {
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "bench", main, StackSnapshot.EMPTY);
        t.begin(Thread.currentThread());
        t.finish();
        return t;
    }

    /** The default stack policy after warm-up: a representative stack per task class. */
    @Benchmark
    public StackSnapshot autoSpawnStack() {
        return auto.forSpawn(CoreBenchmark.class, false);
    }

    /** A raw capture, as {@code stacks=full} makes for every spawn. */
    @Benchmark
    public StackSnapshot fullSpawnStack() {
        return StackSnapshot.capture();
    }

    /** Opening and closing an explicit scope. */
    @Benchmark
    public Scope openAndClose() {
        Scope s = Scope.open("bench");
        s.close();
        return s;
    }
}
