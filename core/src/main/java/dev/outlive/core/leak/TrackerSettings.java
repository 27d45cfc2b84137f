package dev.outlive.core.leak;

import java.util.Set;

/**
 * What the leak tracker needs of the options: the grace period, stack depth, ignore filter and the
 * signatures of known leaks (from a baseline report).
 */
public record TrackerSettings(long graceNanos, int stackDepth, IgnoreFilter ignore, Set<String> knownSignatures) {
    public TrackerSettings {
        if (graceNanos < 0) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        if (stackDepth < 1) {
            throw new IllegalArgumentException("stackDepth must be at least 1");
        }
        knownSignatures = Set.copyOf(knownSignatures);
    }

    /** DESIGN §3 defaults: grace 2s, 64 frames, nothing ignored, no baseline. */
    public static TrackerSettings defaults() {
        return new TrackerSettings(2_000_000_000L, 64, IgnoreFilter.NONE, Set.of());
    }

    public TrackerSettings withGraceMillis(long millis) {
        return new TrackerSettings(millis * 1_000_000L, stackDepth, ignore, knownSignatures);
    }

    public TrackerSettings withIgnore(IgnoreFilter filter) {
        return new TrackerSettings(graceNanos, stackDepth, filter, knownSignatures);
    }

    public TrackerSettings withKnownSignatures(Set<String> signatures) {
        return new TrackerSettings(graceNanos, stackDepth, ignore, signatures);
    }
}
