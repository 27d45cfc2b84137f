package dev.outlive.agent.jmx;

import dev.outlive.core.report.Report;
import dev.outlive.core.report.TextReport;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.task.TaskRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of a full dump (JMX {@code dump}, CLI {@code dump}): the live tasks grouped by the
 * path of the scope that owns them, in the style of a thread dump, then the findings as
 * {@link TextReport} renders them.
 */
public final class TaskDump {
    private TaskDump() {
    }

    /**
     * @param tasks the live tasks ({@code LiveTasks.snapshot()})
     * @param report the report whose findings close the dump
     * @param stackDepth how many spawn frames to show per task
     * @return the dump text
     */
    public static String render(List<TaskRecord> tasks, Report report, int stackDepth) {
        // Sorted by path so two dumps of the same program line up in a diff.
        Map<String, List<TaskRecord>> byScope = new TreeMap<>();
        for (TaskRecord t : tasks) {
            ScopeNode owner = t.owner();
            String path = owner == null ? "?" : String.join("/", owner.path());
            byScope.computeIfAbsent(path, k -> new ArrayList<>()).add(t);
        }
        StringBuilder out = new StringBuilder();
        out.append("outlive dump at ").append(report.generatedAt()).append(": ").append(tasks.size())
                .append(" live task(s) in ").append(byScope.size()).append(" scope(s)\n");
        for (Map.Entry<String, List<TaskRecord>> e : byScope.entrySet()) {
            out.append('\n').append("scope ").append(e.getKey()).append('\n');
            for (TaskRecord t : e.getValue()) {
                task(out, t, stackDepth);
            }
        }
        out.append('\n').append(TextReport.render(report));
        return out.toString();
    }

    private static void task(StringBuilder out, TaskRecord t, int stackDepth) {
        out.append("  task ").append(t.id()).append(' ').append(t.taskKind().name()).append(" \"")
                .append(t.description()).append("\" ").append(t.state().name());
        Thread runner = t.thread();
        if (runner != null) {
            out.append(" on thread \"").append(runner.getName()).append("\" (").append(runner.getState()).append(')');
        }
        if (t.isCancelled()) {
            out.append(" cancelled: ").append(t.cancellation().reason());
        }
        out.append('\n');
        List<String> spawn = t.spawnStack().lines(stackDepth);
        if (spawn.isEmpty()) {
            out.append("    spawned at: (no stack recorded)\n");
        } else {
            out.append(t.spawnStack().isRepresentative()
                    ? "    spawned at (stack of an earlier spawn of the same task class):\n" : "    spawned at:\n");
            for (String f : spawn) {
                out.append("\tat ").append(f).append('\n');
            }
        }
    }
}
