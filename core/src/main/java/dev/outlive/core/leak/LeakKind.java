package dev.outlive.core.leak;

/** The kinds of finding (JSON {@code kind}); DESIGN §2. */
public enum LeakKind {
    IGNORED_CANCELLATION(false,
            "the task never checks for cancellation: test Thread.interrupted() or Scope.current().checkCancelled() in its loop"),
    BLOCKED_AFTER_CANCEL(false,
            "the task waits in an interruptible call nobody interrupted: cancel with Future.cancel(true) or shutdownNow(), or wait with a timeout and re-check the scope"),
    BLOCKED_UNINTERRUPTIBLE(false,
            "the task is blocked where interruption cannot reach it: set a timeout on the call, or close the resource when the scope is cancelled"),
    DEADLOCKED(false,
            "the task is part of a lock cycle: acquire the locks in one global order, or use tryLock with a timeout"),
    LINGERING_THREAD(false,
            "a thread started inside a scope that has ended is still alive: stop it in the owner's cleanup (interrupt and join it, or make its loop check the scope)"),
    KEEPS_JVM_ALIVE(true,
            "a non-daemon thread keeps the JVM from exiting after main returned: shut the executor down, or make the thread a daemon"),
    UNCLOSED_EXECUTOR(false,
            "an executor created inside a scope that has ended was never shut down: shut it down in the owner's cleanup (try-with-resources on Java 19+)"),
    LATE_BLOCKING_CALL(true,
            "a blocking call was entered after the scope was cancelled: check the scope before blocking"),
    DETACHED_SCOPE(true,
            "a new root scope cuts this work off from its caller's cancellation: derive from Scope.current(), or use Scope.detached(..) if that is intended");

    private final boolean warningByDefault;
    private final String defaultHint;

    LeakKind(boolean warningByDefault, String defaultHint) {
        this.warningByDefault = warningByDefault;
        this.defaultHint = defaultHint;
    }

    /** True for kinds that are warnings unless options make them leaks ({@code KEEPS_JVM_ALIVE} with {@code exitCheck=leak}). */
    public boolean isWarningByDefault() {
        return warningByDefault;
    }

    /** The hint for this kind when nothing more specific is known. */
    public String defaultHint() {
        return defaultHint;
    }
}
