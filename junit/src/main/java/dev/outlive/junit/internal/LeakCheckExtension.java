package dev.outlive.junit.internal;

import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.leak.FindingFactory;
import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.report.Finding;
import dev.outlive.core.scope.Cancellation;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.ExecutorRecord;
import dev.outlive.core.task.TaskRecord;
import dev.outlive.core.time.Clock;
import dev.outlive.junit.LeakCheck;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The extension behind {@link LeakCheck}; internal, not an API. Public only because JUnit's
 * extension auto-detection loads it through {@link java.util.ServiceLoader}.
 *
 * <p>Callbacks rather than an invocation interceptor: {@code beforeEach} runs before the test's
 * {@code @BeforeEach} methods and {@code afterEach} after its {@code @AfterEach} methods, so work a
 * test's set-up starts belongs to the test, and work its tear-down stops is not reported. JUnit adds an
 * exception thrown by {@code afterEach} to a test that already failed as a suppressed exception, which
 * is exactly how a leak in a failed test should be reported.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final Namespace NAMESPACE = Namespace.create(LeakCheckExtension.class);
    private static final String CLASS_KEY = "class";
    private static final String TEST_KEY = "test";
    private static final int STACK_DEPTH = 64;

    private final FindingFactory findings = new FindingFactory(STACK_DEPTH);

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Run existing = store.get(CLASS_KEY, Run.class);
        if (existing != null && existing.owner.equals(context.getUniqueId())) {
            return; // registered twice (annotation and auto-detection): the first registration does the work
        }
        String name = context.getRequiredTestClass().getSimpleName();
        // A @Nested class shares its enclosing class's record of blamed threads: blamed once, at the innermost level.
        store.put(CLASS_KEY, Run.start(context, parentScope(existing), name,
                existing != null ? existing.reportedThreads : new ConcurrentHashMap<Thread, Boolean>()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Run run = context.getStore(NAMESPACE).get(CLASS_KEY, Run.class);
        if (run == null || !run.owner.equals(context.getUniqueId())) {
            return;
        }
        context.getStore(NAMESPACE).remove(CLASS_KEY);
        check(run, "test class \"" + context.getDisplayName() + "\"");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Run existing = store.get(TEST_KEY, Run.class);
        if (existing != null && existing.owner.equals(context.getUniqueId())) {
            return;
        }
        Run classRun = store.get(CLASS_KEY, Run.class); // the stores of enclosing contexts are searched too
        store.put(TEST_KEY, Run.start(context, parentScope(classRun), context.getDisplayName(),
                classRun != null ? classRun.reportedThreads : new ConcurrentHashMap<Thread, Boolean>()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Run run = context.getStore(NAMESPACE).get(TEST_KEY, Run.class);
        if (run == null || !run.owner.equals(context.getUniqueId())) {
            return;
        }
        context.getStore(NAMESPACE).remove(TEST_KEY);
        check(run, "test \"" + context.getDisplayName() + "\"");
    }

    /** The enclosing class's scope, or the root: test scopes read {@code jvm/Class/test()}. */
    private static ScopeNode parentScope(Run enclosing) {
        return enclosing != null ? enclosing.scope.node() : OutliveRuntime.get().root();
    }

    /** Ends the run's scope and throws the leak failure if work outlived the grace period. */
    private void check(Run run, String subject) {
        Settings settings = run.settings;
        long endedNanos = System.nanoTime();
        run.scope.cancel();
        run.scope.exit();
        if (run.threads == null) {
            List<Finding> leaks = agentFindings(run.scope.awaitWork(settings.graceMillis()), settings);
            if (!leaks.isEmpty()) {
                throw LeakFailures.forTasks(subject, run.scope.node().toString(), settings, leaks);
            }
        } else {
            List<Finding> leaks = threadFindings(run, settings, endedNanos);
            if (!leaks.isEmpty()) {
                throw LeakFailures.forThreads(subject, settings, leaks);
            }
        }
    }

    private List<Finding> agentFindings(TestScope.Leftovers left, Settings settings) {
        Clock clock = OutliveRuntime.get().clock();
        List<Finding> out = new ArrayList<>();
        for (TaskRecord task : left.tasks()) {
            Cancellation cancellation = task.cancellation();
            keep(out, findings.forTask("L" + (out.size() + 1), task, cancellation, clock.nanoTime(), clock.epochMillis()),
                    settings);
        }
        for (ExecutorRecord executor : left.executors()) {
            int workers = executor.liveWorkers();
            if (workers > 0) {
                keep(out, findings.forExecutor("L" + (out.size() + 1), LeakKind.UNCLOSED_EXECUTOR, executor, workers,
                        clock.nanoTime()), settings);
            }
        }
        return out;
    }

    /** Adds {@code f} unless an ignore pattern or the list of application-lifetime singletons covers it. */
    private static void keep(List<Finding> out, Finding f, Settings settings) {
        // matched against the whole stacks, before trimming
        if (!settings.ignore().silences(f)) {
            out.add(EngineFrames.trim(f));
        }
    }

    private List<Finding> threadFindings(Run run, Settings settings, long endedNanos) {
        Set<Thread> skip = run.reportedThreads.keySet();
        List<Finding> out = new ArrayList<>();
        for (Thread t : run.threads.awaitNewThreads(settings.graceMillis(), skip)) {
            Finding f = findings.forLiveThread("L" + (out.size() + 1), LeakKind.LINGERING_THREAD, t, null,
                    endedNanos, System.nanoTime());
            if (!settings.ignore().silences(f)) {
                out.add(EngineFrames.trim(f));
                run.reportedThreads.put(t, Boolean.TRUE); // blamed on this test: not on its class again
            }
        }
        return out;
    }

    /**
     * One checked run (a test class or a test): its scope and, without the agent, the threads alive
     * when it began. Stored as a closeable resource so that the scope is left and cancelled even if
     * JUnit never reaches the after-callback.
     */
    static final class Run implements ExtensionContext.Store.CloseableResource {
        final String owner;
        /** Read when the run starts, so a bad {@code @LeakCheck} fails before the test body runs. */
        final Settings settings;
        final TestScope scope;
        /** Null when the agent records spawns. */
        final ThreadDiff threads;
        /** Threads the fallback already blamed on a test of this class (shared by the class and its tests). */
        final ConcurrentHashMap<Thread, Boolean> reportedThreads;

        private Run(String owner, Settings settings, TestScope scope, ThreadDiff threads,
                    ConcurrentHashMap<Thread, Boolean> reported) {
            this.owner = owner;
            this.settings = settings;
            this.scope = scope;
            this.threads = threads;
            this.reportedThreads = reported;
        }

        static Run start(ExtensionContext context, ScopeNode parent, String name, ConcurrentHashMap<Thread, Boolean> reported) {
            Settings settings = Settings.of(context);
            ThreadDiff threads = AgentPresence.active() ? null : ThreadDiff.snapshot();
            return new Run(context.getUniqueId(), settings, TestScope.enter(parent, name), threads, reported);
        }

        @Override
        public void close() {
            scope.close();
        }
    }
}
