package dev.outlive.agent.reporting;

import dev.outlive.core.LiveTasks;
import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.report.AgentView;
import dev.outlive.core.report.JvmView;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.Summary;
import dev.outlive.core.report.TaskView;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;

import java.time.Instant;
import java.util.ArrayList;
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

    /** A report without the {@code tasks} array: exit and leak reports (DESIGN §4). */
    public Report build(Report.Trigger trigger) {
        return build(trigger, List.of());
    }

    /**
     * A full dump: the report with {@code tasks} listing every live task Outlive can see
     * ({@link LiveTasks#snapshot()}). Costs a walk of the live tasks; for on-demand use (JMX, CLI).
     */
    public Report buildWithTasks(Report.Trigger trigger) {
        List<TaskRecord> live = LiveTasks.snapshot();
        List<TaskView> tasks = new ArrayList<>(live.size());
        for (TaskRecord t : live) {
            tasks.add(tracker.factory().taskView(t));
        }
        return build(trigger, tasks);
    }

    private Report build(Report.Trigger trigger, List<TaskView> tasks) {
        var leaks = tracker.leaks();
        var warnings = tracker.warnings();
        var known = tracker.knownLeaks();
        Summary summary = new Summary(leaks.size(), warnings.size(), known.size(), TaskRecord.liveCount(), ScopeNode.openCount());
        return new Report(Report.SCHEMA, Instant.now().toString(), trigger.json(), jvm, agent, summary,
                leaks, warnings, known, tasks);
    }
}
