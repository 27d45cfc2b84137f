package dev.outlive.core.report;

/** A task in a report: JSON {@code task}. {@code thread} is null while it is queued. */
public record TaskView(long id, String kind, String description, String state, ThreadView thread) {
}
