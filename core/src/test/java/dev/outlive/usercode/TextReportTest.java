package dev.outlive.usercode;

import dev.outlive.ScopeKind;
import dev.outlive.core.TestRuntime;
import dev.outlive.core.leak.TrackerSettings;
import dev.outlive.core.report.AgentView;
import dev.outlive.core.report.JvmView;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.Summary;
import dev.outlive.core.report.TextReport;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.StackSnapshot;
import dev.outlive.core.task.TaskKind;
import dev.outlive.core.task.TaskRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TextReportTest {
    private final TestRuntime rt = new TestRuntime(TrackerSettings.defaults().withGraceMillis(1_000));

    @AfterEach
    void tearDown() {
        rt.close();
    }

    @Test
    void aLeakReadsLikeAThreadDumpWithEverySection() {
        ScopeNode pool = ScopeNode.child(rt.runtime.root(), ScopeKind.EXECUTOR, "pool-1");
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "com.acme.Worker", pool, StackSnapshot.capture());
        t.begin(Thread.currentThread());
        pool.cancel("shutdownNow()");
        rt.time.advanceMillis(1_520); // the check runs when grace ends, at 1000 ms
        String text = TextReport.render(rt.leaks.get(0), "LEAK");
        String thread = Thread.currentThread().getName();
        assertTrue(text.startsWith("LEAK IGNORED_CANCELLATION task " + t.id() + " \"" + thread
                + "\" ran 1000 ms past cancellation of scope jvm/pool-1\n"), text);
        assertTrue(text.contains("  cancelled by: shutdownNow() at "), text);
        assertTrue(text.contains("\tat dev.outlive.usercode.TextReportTest.aLeakReadsLikeAThreadDumpWithEverySection(TextReportTest.java:"), text);
        assertTrue(text.contains("  stuck at:\n\tat "), text);
        assertTrue(text.contains("  spawned at:\n\tat "), text);
        assertTrue(text.contains("  hint: the task never checks for cancellation"), text);
    }

    @Test
    void aWholeReportCountsAndListsBySeverity() {
        ScopeNode s = ScopeNode.child(rt.runtime.root(), ScopeKind.EXPLICIT, "job");
        TaskRecord t = TaskRecord.spawn(TaskKind.EXECUTOR_TASK, "w", s, StackSnapshot.capture());
        t.begin(Thread.currentThread());
        s.cancel("closed");
        rt.time.advanceMillis(1_000);
        Report r = new Report(Report.SCHEMA, "2026-11-22T00:00:00Z", "exit", JvmView.current(),
                new AgentView("0.1.0", Map.of()), new Summary(1, 0, 0, 1, 1), rt.tracker.leaks(), List.of(), List.of(), List.of());
        String text = TextReport.render(r);
        assertTrue(text.startsWith("outlive: 1 leak(s), 0 warning(s), 0 known leak(s); 1 live task(s)\nLEAK IGNORED_CANCELLATION"), text);
    }
}
