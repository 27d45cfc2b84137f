package dev.outlive;

/**
 * What created a {@link Scope}, and so what cancels it (DESIGN §1, "Scopes Outlive infers").
 */
public enum ScopeKind {
    /** The root: created when the agent starts, cancelled when JVM shutdown begins. */
    JVM,
    /** The main thread's scope: never cancelled; its end starts the exit check instead. */
    MAIN,
    /** An executor or fork/join pool: cancelled by {@code shutdownNow()}. */
    EXECUTOR,
    /** One submitted task or started thread: cancelled by {@code Future.cancel}, {@code interrupt()} and the like. */
    TASK,
    /** One JUnit test class or test method: cancelled when it ends. */
    TEST,
    /** Opened by the application through the {@link Scope} API. */
    EXPLICIT
}
