package dev.outlive.core.report;

import java.util.List;

/**
 * A whole report (schema {@value #SCHEMA}, DESIGN §4). {@code tasks} is filled only by full dumps.
 */
public record Report(String schema, String generatedAt, String trigger, JvmView jvm, AgentView agent, Summary summary,
                     List<Finding> leaks, List<Finding> warnings, List<Finding> knownLeaks, List<TaskView> tasks) {
    public static final String SCHEMA = "outlive.report/v1";

    /** What made the report: DESIGN §4's {@code trigger}. */
    public enum Trigger {
        EXIT, LEAK, JMX, TEST, INTERVAL;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
