package dev.outlive.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlive.Scope;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs cases in their own request scopes, waits for the agent to judge them, and prints what was
 * expected next to what Outlive reported. The tour's exit status never depends on leaks: a mismatch
 * is shown, not hidden, and not turned into a failure.
 */
public final class Tour {
    /** The name of the deliberate leak that proves the agent's checks have run (see {@link #awaitJudgement}). */
    public static final String SENTINEL = "outlive-sample-sentinel";

    /** One case and variant to run. */
    public record Run(Case c, String variant) {
    }

    private final Env env;
    private final Path report;
    private final Duration grace;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();

    public Tour(Env env, Path report, Duration grace, PrintStream out) {
        this.env = env;
        this.report = report;
        this.grace = grace;
        this.out = out;
    }

    /** The request scope's name for a case and variant: reports carry it in the scope path. */
    public static String scopeName(Case c, String variant) {
        return variant + ":" + c.name();
    }

    /** Every leaky variant, then every fixed one, of the cases this JDK can run. */
    public static List<Run> everything() {
        List<Run> runs = new ArrayList<>();
        for (String variant : List.of("leaky", "fixed")) {
            for (Case c : Cases.all()) {
                runs.add(new Run(c, variant));
            }
        }
        return runs;
    }

    /** Runs {@code runs}, waits for the agent, and prints the table. */
    public void run(List<Run> runs) {
        List<Run> ran = new ArrayList<>();
        try (Scope tour = Scope.open("tour")) {
            for (Run r : runs) {
                if (Cases.jdkFeature() < r.c().minJdk()) {
                    out.printf("skip  %-6s %-22s needs JDK %d+ (running %d)%n", r.variant(), r.c().name(),
                            r.c().minJdk(), Cases.jdkFeature());
                    continue;
                }
                out.printf("run   %-6s %-22s %s%n", r.variant(), r.c().name(),
                        r.variant().equals("leaky") ? r.c().summary() : "the same work, fixed");
                runOne(r);
                ran.add(r);
            }
            List<Finding> findings = report == null ? null : awaitJudgement(ran);
            printTable(ran, findings);
        }
    }

    private void runOne(Run r) {
        // The request: opened, the case starts its work, the request ends (close() cancels it).
        try (Scope request = Scope.open(scopeName(r.c(), r.variant()))) {
            if (r.variant().equals("leaky")) {
                r.c().runLeaky(env);
            } else {
                r.c().runFixed(env);
            }
        } catch (Exception e) {
            failures.add(r.variant() + ":" + r.c().name() + " failed: " + e);
        }
    }

    /**
     * Waits until the agent has judged every case. A deliberate leak (the sentinel) is started after
     * all the cases: the agent checks cancelled scopes in due order, so once the sentinel is reported
     * every case's check has run too. A short settle then lets findings on other cadences arrive.
     * Bounded in every case.
     */
    private List<Finding> awaitJudgement(List<Run> ran) {
        startSentinel();
        long now = System.nanoTime();
        long deadline = now + Math.max(Duration.ofSeconds(30).toNanos(), grace.multipliedBy(10).toNanos());
        long settleAfterSentinel = grace.multipliedBy(2).plusSeconds(1).toNanos();
        long sentinelSeen = -1;
        List<Finding> findings = List.of();
        while (System.nanoTime() < deadline) {
            findings = read();
            if (sentinelSeen < 0 && findings.stream().anyMatch(f -> f.taskName().contains(SENTINEL))) {
                sentinelSeen = System.nanoTime();
            }
            if (sentinelSeen >= 0 && (allLeakyFound(ran, findings) || System.nanoTime() - sentinelSeen > settleAfterSentinel)) {
                return findings;
            }
            pause();
        }
        out.println("(timed out waiting for the agent's report " + report + "; showing what it holds)");
        return findings;
    }

    private void startSentinel() {
        try (Scope sentinel = Scope.open("sentinel")) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (!env.stopping()) {
                    x = Env.busyWork(x);
                }
            }, SENTINEL);
            t.setDaemon(true);
            t.start();
        }
    }

    private static boolean allLeakyFound(List<Run> ran, List<Finding> findings) {
        for (Run r : ran) {
            if (r.variant().equals("leaky") && findings.stream().noneMatch(f -> f.belongsTo(r.c(), "leaky"))) {
                return false;
            }
        }
        return true;
    }

    private List<Finding> read() {
        try {
            if (!Files.exists(report)) {
                return List.of();
            }
            return Finding.allOf(new ObjectMapper().readTree(report.toFile()));
        } catch (IOException e) {
            return List.of(); // caught between writes: the agent renames atomically, so retry
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printTable(List<Run> ran, List<Finding> findings) {
        out.println();
        if (findings == null) {
            out.println("No report to read: run under the agent with report=<file>, e.g.");
            out.println("  java -javaagent:agent/target/outlive-agent.jar=grace=1s,report=target/outlive-report.json -jar sample-app/target/outlive-sample-app.jar tour");
        }
        String fmt = "%-22s %-7s %-24s %-46s %s%n";
        out.printf(fmt, "case", "variant", "expected", "Outlive reported", "");
        out.printf(fmt, "-".repeat(22), "-".repeat(7), "-".repeat(24), "-".repeat(46), "-".repeat(8));
        int ok = 0;
        for (Run r : ran) {
            boolean leaky = r.variant().equals("leaky");
            String expected = leaky ? r.c().expectedKind() : "nothing";
            String reported;
            String verdict;
            if (findings == null) {
                reported = "(no report)";
                verdict = "";
            } else {
                List<String> kinds = findings.stream().filter(f -> f.belongsTo(r.c(), r.variant()))
                        .map(f -> f.kind() + (f.warning() ? "(warning)" : "")).distinct().collect(Collectors.toList());
                reported = kinds.isEmpty() ? "nothing" : String.join(", ", kinds);
                boolean match = leaky ? kinds.stream().anyMatch(k -> k.startsWith(r.c().expectedKind())) : kinds.isEmpty();
                verdict = match ? "ok" : leaky && kinds.isEmpty() ? "MISSED" : "DIFFERS";
                ok += match ? 1 : 0;
            }
            out.printf(fmt, r.c().name(), r.variant(), expected, reported, verdict);
        }
        if (findings != null) {
            out.printf(Locale.ROOT, "%n%d of %d as expected (expected kinds are the ideal ones of DESIGN §2; "
                    + "DIFFERS/MISSED show where the agent is not there yet).%n", ok, ran.size());
        }
        for (String f : failures) {
            out.println("error: " + f);
        }
    }
}
