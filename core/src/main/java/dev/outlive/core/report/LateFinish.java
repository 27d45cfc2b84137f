package dev.outlive.core.report;

/** A reported task that ended later: JSON {@code lateFinish}. */
public record LateFinish(String finishedAt, long millisAfterCancel) {
}
