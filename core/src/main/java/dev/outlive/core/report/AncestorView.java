package dev.outlive.core.report;

import java.util.List;

/** A task that spawned the reported one, nearest first: an entry of JSON {@code ancestry}. */
public record AncestorView(long taskId, String kind, String description, List<String> spawnStack) {
}
