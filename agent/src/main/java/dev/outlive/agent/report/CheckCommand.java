package dev.outlive.agent.report;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code check <report.json> [--baseline FILE]}: the CI gate on a report (DESIGN §7).
 *
 * <p>A leak is <em>new</em> when it is in the report's {@code leaks} and its signature is not
 * accepted by the baseline (see {@link ReportSummary#signatures()}). The report's own
 * {@code knownLeaks} were already matched against a baseline by the agent and are never new.
 * Warnings never fail the check.
 *
 * <p>Exit status: {@value #OK} no new leaks, {@value #NEW_LEAKS} new leaks (one line each on
 * {@code out}, then a summary line), {@value #BAD_INPUT} when an input is missing, unreadable or
 * not an {@code outlive.report/v1} report, or the arguments are wrong (one line on {@code err}).
 */
public final class CheckCommand {
    /** No new leaks. */
    public static final int OK = 0;
    /** Unusable input or arguments. */
    public static final int BAD_INPUT = 2;
    /** New leaks; the same status as the agent's default {@code leakExitCode}. */
    public static final int NEW_LEAKS = 3;

    static final String USAGE = "outlive check: usage: check <report.json> [--baseline FILE]";

    private CheckCommand() {
    }

    /**
     * Runs the check.
     *
     * @param args the arguments after {@code check}
     * @param out where results go
     * @param err where errors and usage go
     * @return the exit status: {@value #OK}, {@value #NEW_LEAKS} or {@value #BAD_INPUT}
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String reportArg = null;
        String baselineArg = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE.replace("outlive check: usage: ", "usage: outlive "));
                return OK;
            } else if (a.equals("--baseline")) {
                if (baselineArg != null || i + 1 >= args.size()) {
                    return usage(err);
                }
                baselineArg = args.get(++i);
            } else if (a.startsWith("--baseline=")) {
                if (baselineArg != null) {
                    return usage(err);
                }
                baselineArg = a.substring("--baseline=".length());
            } else if (a.startsWith("-") && !a.equals("-")) {
                // Unknown options are errors, not file names: a typo such as --basline must not
                // silently run the check without the baseline.
                err.println("outlive check: unknown option '" + a + "'; usage: check <report.json> [--baseline FILE]");
                return BAD_INPUT;
            } else if (reportArg == null) {
                reportArg = a;
            } else {
                return usage(err);
            }
        }
        if (reportArg == null || reportArg.isEmpty() || (baselineArg != null && baselineArg.isEmpty())) {
            return usage(err);
        }

        ReportReader reader = new ReportReader();
        ReportSummary report;
        Set<String> accepted = Set.of();
        try {
            report = reader.read(path(reportArg), "report");
            if (baselineArg != null) {
                accepted = reader.read(path(baselineArg), "baseline").signatures();
            }
        } catch (ReportFormatException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        } catch (InvalidPathException e) {
            err.println("outlive check: invalid path '" + ReportReader.oneLine(e.getInput()) + "'");
            return BAD_INPUT;
        }

        List<ReportSummary.Leak> fresh = new ArrayList<>();
        int known = report.knownLeaks().size();
        for (ReportSummary.Leak leak : report.leaks()) {
            if (leak.signature() != null && accepted.contains(leak.signature())) {
                known++;
            } else {
                fresh.add(leak);
            }
        }
        if (fresh.isEmpty()) {
            out.println("outlive check: no new leaks (" + known + " known)");
            return OK;
        }
        for (ReportSummary.Leak leak : fresh) {
            out.println(leak.oneLine());
        }
        out.println("outlive check: " + fresh.size() + (fresh.size() == 1 ? " new leak" : " new leaks")
                + " (" + known + " known)");
        return NEW_LEAKS;
    }

    private static Path path(String arg) {
        return Path.of(arg);
    }

    private static int usage(PrintStream err) {
        err.println(USAGE);
        return BAD_INPUT;
    }
}
