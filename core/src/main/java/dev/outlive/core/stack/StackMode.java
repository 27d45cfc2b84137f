package dev.outlive.core.stack;

/** How much of a spawn stack to capture: the {@code stacks} option. */
public enum StackMode {
    /** Full stacks while they are cheap; after that a representative stack per task class, refreshed by sampling. */
    AUTO,
    /** Every spawn captured in full (tests and CI). */
    FULL,
    /** Only the first frame outside the JDK. */
    CALLER,
    /** No spawn stacks. */
    OFF
}
