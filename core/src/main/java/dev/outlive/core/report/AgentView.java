package dev.outlive.core.report;

import java.util.Map;

/** The agent that wrote the report and the options in force: JSON {@code agent}. */
public record AgentView(String version, Map<String, String> options) {
}
