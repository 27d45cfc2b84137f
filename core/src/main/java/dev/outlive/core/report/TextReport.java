package dev.outlive.core.report;

import java.util.List;

/**
 * The human-readable report (DESIGN §5), in the style of a {@code jstack} dump: a headline per
 * finding, then "cancelled by", "stuck at" and "spawned at" stacks and the hint.
 */
public final class TextReport {
    private TextReport() {
    }

    /** One block for one finding, ending with a newline. */
    public static String render(Finding f, String severity) {
        StringBuilder out = new StringBuilder();
        out.append(severity).append(' ').append(f.kind().name()).append(' ').append(headline(f)).append('\n');
        if (f.blockingCall() != null) {
            BlockingCallView b = f.blockingCall();
            out.append("  blocked in ").append(b.method());
            if (b.blockedMillis() >= 0) {
                out.append(" for ").append(b.blockedMillis()).append(" ms");
            }
            out.append(b.interruptible() ? " (interruptible)" : " (not interruptible)");
            if (b.parkBlocker() != null) {
                out.append(", waiting on ").append(b.parkBlocker());
            }
            out.append('\n');
        }
        ScopeView s = f.scope();
        if (s != null && s.cancelReason() != null) {
            out.append("  cancelled by: ").append(s.cancelReason()).append(" at ").append(s.cancelledAt()).append('\n');
            frames(out, s.cancelStack());
        }
        if (!f.currentStack().isEmpty()) {
            out.append(f.kind().name().equals("DETACHED_SCOPE") || f.kind().name().equals("LATE_BLOCKING_CALL")
                    ? "  called at:\n" : "  stuck at:\n");
            frames(out, f.currentStack());
        }
        if (!f.spawnStack().isEmpty()) {
            out.append(f.spawnStackRepresentative()
                    ? "  spawned at (stack recorded for an earlier spawn of the same task class; stacks=full records every one):\n"
                    : "  spawned at:\n");
            frames(out, f.spawnStack());
        }
        for (AncestorView a : f.ancestry()) {
            out.append("  spawned by task ").append(a.taskId()).append(' ').append(a.kind()).append(" \"")
                    .append(a.description()).append("\", itself spawned at:\n");
            frames(out, a.spawnStack());
        }
        if (f.lateFinish() != null) {
            out.append("  finished late, ").append(f.lateFinish().millisAfterCancel()).append(" ms after cancellation\n");
        }
        out.append("  hint: ").append(f.hint()).append('\n');
        return out.toString();
    }

    /** {@code task 42 "pool-1-thread-1" ran 1520 ms past cancellation of scope jvm/main/pool-1}. */
    static String headline(Finding f) {
        TaskView t = f.task();
        boolean named = t.thread() != null && !t.thread().name().isEmpty();
        StringBuilder h = new StringBuilder("task ").append(t.id()).append(" \"")
                .append(named ? t.thread().name() : t.description()).append('"');
        ScopeView s = f.scope();
        switch (f.kind()) {
            case KEEPS_JVM_ALIVE:
                return h.append(" is a non-daemon thread still alive ").append(f.overdueMillis())
                        .append(" ms after the main thread ended").toString();
            case DETACHED_SCOPE:
                return h.append(" opened a new root scope while scope ").append(path(s)).append(" was current").toString();
            case LATE_BLOCKING_CALL:
                return h.append(" entered a blocking call after scope ").append(path(s)).append(" was cancelled").toString();
            case UNCLOSED_EXECUTOR:
                return h.append(" is an executor never shut down; its scope ").append(path(s)).append(" ended ")
                        .append(f.overdueMillis()).append(" ms ago").toString();
            default:
                return h.append(" ran ").append(f.overdueMillis()).append(" ms past cancellation of scope ").append(path(s)).toString();
        }
    }

    private static String path(ScopeView s) {
        return s == null ? "?" : String.join("/", s.path());
    }

    private static void frames(StringBuilder out, List<String> frames) {
        for (String f : frames) {
            out.append("\tat ").append(f).append('\n');
        }
    }

    /** A whole report: its findings by severity, or a one-line all-clear. */
    public static String render(Report r) {
        StringBuilder out = new StringBuilder();
        out.append("outlive: ").append(r.summary().leaks()).append(" leak(s), ").append(r.summary().warnings())
                .append(" warning(s), ").append(r.summary().knownLeaks()).append(" known leak(s); ")
                .append(r.summary().liveTasks()).append(" live task(s)\n");
        for (Finding f : r.leaks()) {
            out.append(render(f, "LEAK"));
        }
        for (Finding f : r.knownLeaks()) {
            out.append(render(f, "KNOWN LEAK"));
        }
        for (Finding f : r.warnings()) {
            out.append(render(f, "WARNING"));
        }
        return out.toString();
    }
}
