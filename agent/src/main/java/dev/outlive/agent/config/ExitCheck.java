package dev.outlive.agent.config;

/**
 * The {@code exitCheck} option: how a task that keeps the JVM alive at exit ({@code KEEPS_JVM_ALIVE}) is
 * treated.
 */
public enum ExitCheck {
    /** Reported as a warning; does not count as a leak for {@code failOnLeak}. */
    WARN,
    /** Reported as a leak, for programs that must end (CI, batch jobs, tests). */
    LEAK,
    /** Not checked. */
    OFF
}
