package dev.outlive.agent.reporting;

import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.report.AgentView;
import dev.outlive.core.report.JvmView;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.Summary;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds a {@link Report} from the tracker's findings and the agent's options. */
public final class ReportAssembler {
    private final LeakTracker tracker;
    private final AgentView agent;
    private final JvmView jvm = JvmView.current();

    public ReportAssembler(LeakTracker tracker, String version, Map<String, String> options) {
        this.tracker = tracker;
        this.agent = new AgentView(version, options);
    }

    public Report build(Report.Trigger trigger) {
        var leaks = tracker.leaks();
        var warnings = tracker.warnings();
        var known = tracker.knownLeaks();
        Summary summary = new Summary(leaks.size(), warnings.size(), known.size(), TaskRecord.liveCount(), ScopeNode.openCount());
        return new Report(Report.SCHEMA, Instant.now().toString(), trigger.json(), jvm, agent, summary,
                leaks, warnings, known, List.of());
    }
}
