package dev.outlive.core.scope;

import dev.outlive.core.stack.StackSnapshot;

/**
 * Why, when and from where a scope was cancelled. Immutable and shared by every descendant
 * the cancellation reached, so "the first reason wins" is a matter of which record a scope holds.
 */
public final class Cancellation {
    private final String reason;
    private final long epochMillis;
    private final long nanoTime;
    private final StackSnapshot stack;
    private final ScopeNode origin;

    public Cancellation(String reason, long epochMillis, long nanoTime, StackSnapshot stack, ScopeNode origin) {
        this.reason = reason;
        this.epochMillis = epochMillis;
        this.nanoTime = nanoTime;
        this.stack = stack;
        this.origin = origin;
    }

    /** The reason text, e.g. {@code shutdownNow()} or {@code deadline exceeded}. */
    public String reason() {
        return reason;
    }

    /** Wall-clock time of the cancellation, for reports. */
    public long epochMillis() {
        return epochMillis;
    }

    /** Monotonic time of the cancellation, for grace arithmetic. */
    public long nanoTime() {
        return nanoTime;
    }

    /** The stack of the code that cancelled, or {@link StackSnapshot#EMPTY}. */
    public StackSnapshot stack() {
        return stack;
    }

    /** The scope {@code cancel} was called on (an ancestor, when this record was propagated). */
    public ScopeNode origin() {
        return origin;
    }
}
