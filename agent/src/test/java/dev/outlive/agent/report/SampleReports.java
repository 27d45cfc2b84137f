package dev.outlive.agent.report;

import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.report.AgentView;
import dev.outlive.core.report.AncestorView;
import dev.outlive.core.report.BlockingCallView;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.JvmView;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.ScopeView;
import dev.outlive.core.report.Summary;
import dev.outlive.core.report.TaskView;
import dev.outlive.core.report.ThreadView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports built from the core model by hand, shaped like DESIGN §4's example. */
final class SampleReports {
    private SampleReports() {
    }

    /** DESIGN §4's leak: a running pool thread, cancelled by shutdownNow(), no blocking call. */
    static Finding ignoredCancellation(String id, String signature) {
        return new Finding(id, LeakKind.IGNORED_CANCELLATION, signature,
                new TaskView(42, "EXECUTOR_TASK", "com.acme.Worker$$Lambda/0x1234", "RUNNING",
                        new ThreadView("pool-1-thread-1", 31, false, false, "RUNNABLE")),
                new ScopeView(7, "pool-1", "EXECUTOR", List.of("jvm", "main", "pool-1"),
                        "2026-11-22T01:02:01.000Z", "shutdownNow()", List.of("com.acme.Main.stop(Main.java:30)")),
                1520,
                List.of("java.base/java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1355)",
                        "com.acme.Main.start(Main.java:21)"),
                false,
                List.of(new AncestorView(12, "THREAD", "nioEventLoopGroup-2-1",
                        List.of("com.acme.Main.startServer(Main.java:18)"))),
                List.of("com.acme.Worker.spin(Worker.java:12)"),
                null,
                LeakKind.IGNORED_CANCELLATION.defaultHint());
    }

    /** A queued task (no thread) with no scope, blocked, with a representative spawn stack. */
    static Finding queuedBlocked(String id, String signature) {
        return new Finding(id, LeakKind.BLOCKED_UNINTERRUPTIBLE, signature,
                new TaskView(43, "SCHEDULED_TASK", "com.acme.Poller@1f", "QUEUED", null),
                null, 250,
                List.of("com.acme.Poller.schedule(Poller.java:9)"), true, List.of(), List.of(),
                new BlockingCallView("java.net.SocketInputStream.read", "2026-11-22T01:02:02.000Z", 900, false,
                        "java.util.concurrent.locks.ReentrantLock$NonfairSync@6d06d69c"),
                "set a socket timeout");
    }

    static Report report(List<Finding> leaks, List<Finding> warnings, List<Finding> known, List<TaskView> tasks) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("grace", "2s");
        options.put("stacks", "full");
        return new Report(Report.SCHEMA, "2026-11-22T01:02:03.456Z", Report.Trigger.EXIT.json(),
                new JvmView(4242, "25.0.1", "OpenJDK 64-Bit Server VM", "com.acme.Main"),
                new AgentView("0.1.0", options),
                new Summary(leaks.size(), warnings.size(), known.size(), 12, 4),
                leaks, warnings, known, tasks);
    }

    static Report clean() {
        return report(List.of(), List.of(), List.of(), List.of());
    }
}
