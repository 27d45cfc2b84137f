package dev.outlive.junit.internal;

import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.TextReport;
import org.opentest4j.AssertionFailedError;

import java.util.List;

/**
 * Builds the one failure every leak check reports: a summary line naming the test (or class), then
 * one Outlive text report block per leak (DESIGN §5), as the agent would log them.
 */
final class LeakFailures {
    static final String AGENT_NOTE = "spawn stacks and virtual threads need -javaagent:outlive-agent.jar";
    private static final String SEVERITY = "LEAK";

    private LeakFailures() {
    }

    /** Leaks the agent recorded in {@code scopePath}. */
    static AssertionFailedError forTasks(String subject, String scopePath, Settings settings, List<Finding> leaks) {
        StringBuilder out = summary(subject, settings, leaks.size())
                .append(" (scope ").append(scopePath).append("):\n");
        for (Finding f : leaks) {
            out.append(TextReport.render(f, SEVERITY));
        }
        return failure(out);
    }

    /** Threads found by the no-agent fallback; their current stacks are all there is to show. */
    static AssertionFailedError forThreads(String subject, Settings settings, List<Finding> leaks) {
        StringBuilder out = summary(subject, settings, leaks.size())
                .append(" (found by comparing live threads; ").append(AGENT_NOTE).append("):\n");
        for (Finding f : leaks) {
            out.append(SEVERITY).append(' ').append(LeakKind.LINGERING_THREAD.name()).append(" thread \"")
                    .append(f.task().description()).append('"');
            if (f.task().thread() != null) {
                out.append(f.task().thread().daemon() ? " (daemon, " : " (non-daemon, ")
                        .append(f.task().thread().state()).append(')');
            }
            out.append(" still alive ").append(f.overdueMillis()).append(" ms after ").append(subject)
                    .append(" ended\n");
            if (!f.currentStack().isEmpty()) {
                out.append("  stuck at:\n");
                for (String frame : f.currentStack()) {
                    out.append("\tat ").append(frame).append('\n');
                }
            }
            out.append("  hint: ").append(f.hint()).append('\n');
        }
        return failure(out);
    }

    private static StringBuilder summary(String subject, Settings settings, int count) {
        return new StringBuilder("outlive: ").append(count).append(count == 1 ? " leak" : " leaks")
                .append(": work still alive ").append(settings.graceText()).append(" after ").append(subject)
                .append(" ended");
    }

    private static AssertionFailedError failure(StringBuilder message) {
        // The message is the report: a stack trace of the extension's after-callback would only add noise.
        AssertionFailedError error = new AssertionFailedError(message.toString());
        error.setStackTrace(new StackTraceElement[0]);
        return error;
    }
}
