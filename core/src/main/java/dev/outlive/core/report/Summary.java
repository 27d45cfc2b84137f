package dev.outlive.core.report;

/** Counts at the time of the report: JSON {@code summary}. */
public record Summary(int leaks, int warnings, int knownLeaks, long liveTasks, long openScopes) {
}
