package dev.outlive.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the agent's overhead as ratios: runs the same work in forked JVMs without and with
 * {@code -javaagent} and prints Markdown tables of both figures and their ratio.
 *
 * <ol>
 *   <li>the JMH benchmarks matching the regex argument (default: every {@code *OverheadBenchmark}),
 *       once plain and once with the agent appended to the forks' JVM arguments;</li>
 *   <li>heap per live task ({@link LiveTaskFootprint}) in child JVMs, each way;</li>
 *   <li>start-up time of {@link HelloWorld}, the median of several launches each way.</li>
 * </ol>
 *
 * <p>The runner itself never loads the agent; only the JVMs it starts do. Settings are system
 * properties, described in {@code docs/benchmarks.md} and by {@code --help}. Exit status: 0 when the
 * runs completed (whatever the ratios), 2 on a usage error or a missing agent jar or JVM.
 */
public final class OverheadRunner {
    /** What runs when no regex is given: the overhead benchmarks, not {@code CoreBenchmark}. */
    static final String DEFAULT_INCLUDE = "dev\\.outlive\\.bench\\..*OverheadBenchmark\\.";

    /** Ratio goals from docs/benchmarks.md, by benchmark method, shown next to the measured ratio. */
    private static final Map<String, Double> RATIO_GOALS = Map.of(
            "submitAndWait", 1.3,
            "executeBatch", 1.3,
            "executeBatchInScope", 1.3,
            "queueRoundTrip", 1.2,
            "unparkRoundTrip", 1.2,
            "sleepZero", 1.2,
            "parkNanos", 1.2);
    private static final double STARTUP_GOAL_MS = 300;
    private static final double FOOTPRINT_GOAL_BYTES = 200;
    private static final Pattern FOOTPRINT_LINE =
            Pattern.compile("^FOOTPRINT mode=(\\S+) tasks=(\\d+) (?:bytesPerTask=(\\S+)|skipped=(.*))$", Pattern.MULTILINE);
    private static final Pattern SPEC_VERSION = Pattern.compile("java\\.specification\\.version = (\\d+)(?:\\.(\\d+))?");

    private final String include;
    private final String java;
    private final String classPath;
    private final boolean withAgent;
    private final String agentArgument;
    private final List<String> baseJvmArgs;
    private final StringBuilder report = new StringBuilder();
    private int javaFeature;

    private OverheadRunner(String include, String java, String classPath, String agentArgument, List<String> baseJvmArgs) {
        this.include = include;
        this.java = java;
        this.classPath = classPath;
        this.agentArgument = agentArgument;
        this.withAgent = agentArgument != null;
        this.baseJvmArgs = baseJvmArgs;
    }

    /**
     * Runs the selected measurements and prints the ratio tables.
     *
     * @param args an optional JMH include regex, or {@code --help}
     * @throws Exception if a child JVM cannot be started or waited for
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.out.println(usage());
            return args.length > 1 ? 2 : 0;
        }
        String include = args.length == 1 ? args[0] : DEFAULT_INCLUDE;

        String java = System.getProperty("bench.jvm",
                Paths.get(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString());
        if (!Files.isExecutable(Paths.get(java))) {
            System.err.println("outlive bench: no java executable at " + java + " (set -Dbench.jvm=/path/to/bin/java)");
            return 2;
        }

        String agentArgument = null;
        if (!Boolean.getBoolean("bench.noAgent")) {
            Path jar = Paths.get(System.getProperty("outlive.agent.jar", "agent/target/outlive-agent.jar")).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                System.err.println("outlive bench: agent jar not found at " + jar + "\n"
                        + "  build it (mvn -B -q -DskipTests package -pl core,agent,bench -am) and run from the project root,\n"
                        + "  or pass -Doutlive.agent.jar=/abs/path/outlive-agent.jar; -Dbench.noAgent=true runs the plain side only");
                return 2;
            }
            String options = System.getProperty("outlive.agent.args", "").trim();
            if (options.startsWith("=")) {
                options = options.substring(1);
            }
            agentArgument = "-javaagent:" + jar + (options.isEmpty() ? "" : "=" + options);
        }

        OverheadRunner runner = new OverheadRunner(include, java, System.getProperty("java.class.path"),
                agentArgument, splitArgs(System.getProperty("bench.jvmArgs", "")));
        return runner.runAll();
    }

    private int runAll() throws Exception {
        javaFeature = probeJavaFeature();
        report.append("\n## Outlive overhead\n\n")
                .append("- JVM: `").append(java).append("` (Java ").append(javaFeature).append(")\n")
                .append("- agent: ").append(withAgent ? "`" + agentArgument + "`" : "none (bench.noAgent=true: plain side only)").append('\n')
                .append("- extra JVM arguments: ").append(baseJvmArgs.isEmpty() ? "none" : "`" + String.join(" ", baseJvmArgs) + "`").append('\n')
                .append("- processors: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        int status = 0;
        if (enabled("bench.jmh")) {
            status = Math.max(status, runJmh());
        }
        if (enabled("bench.footprint")) {
            runFootprint();
        }
        if (enabled("bench.startup")) {
            runStartup();
        }
        System.out.println(report);
        return status;
    }

    // ---------------------------------------------------------------- JMH

    private int runJmh() {
        boolean quick = Boolean.getBoolean("bench.quick");
        int forks = Integer.getInteger("bench.forks", quick ? 1 : 2);
        int warmups = Integer.getInteger("bench.warmup", quick ? 2 : 3);
        int iterations = Integer.getInteger("bench.iterations", quick ? 3 : 5);
        TimeValue time = TimeValue.fromString(System.getProperty("bench.time", "1s"));

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(time)
                .measurementIterations(iterations)
                .measurementTime(time)
                .jvm(java)
                // Set explicitly: by default JMH hands the runner's own JVM arguments to its forks, among
                // them -Doutlive.agent.jar/args, which the agent would read as (unknown) options of its own.
                .jvmArgs(baseJvmArgs.toArray(new String[0]))
                // A benchmark that fails (an agent bug, or virtual threads on an old JVM) must not hide the rest.
                .shouldFailOnError(false);
        if (javaFeature < 21) {
            options.exclude("virtualStartJoin");
            System.out.println("outlive bench: Java " + javaFeature + " has no virtual threads: virtualStartJoin skipped");
        }
        String settings = String.format(Locale.ROOT, "%d fork(s), %d warm-up + %d measurement iterations of %s",
                forks, warmups, iterations, time);

        Map<String, Result<?>> plain;
        Map<String, Result<?>> agent = Map.of();
        try {
            System.out.println("outlive bench: JMH without the agent (" + settings + ")");
            plain = scores(new Runner(options.build()).run());
            if (withAgent) {
                System.out.println("outlive bench: JMH with " + agentArgument);
                options.jvmArgsAppend(agentArgument);
                agent = scores(new Runner(options.build()).run());
            }
        } catch (RunnerException e) {
            System.err.println("outlive bench: JMH failed: " + e.getMessage());
            return 2;
        }

        report.append("\n### JMH: average time per operation (").append(settings).append(")\n\n")
                .append("| benchmark | without agent (ns/op) | with agent (ns/op) | ratio | goal |\n")
                .append("|---|---:|---:|---:|---:|\n");
        List<String> names = new ArrayList<>(plain.keySet());
        for (String name : agent.keySet()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            Result<?> without = plain.get(name);
            Result<?> with = agent.get(name);
            Double goal = RATIO_GOALS.get(name.substring(name.lastIndexOf('.') + 1));
            report.append("| ").append(name)
                    .append(" | ").append(format(without))
                    .append(" | ").append(withAgent ? format(with) : "-")
                    .append(" | ").append(without != null && with != null ? ratio(with.getScore() / without.getScore(), goal) : "-")
                    .append(" | ").append(goal == null ? "" : String.format(Locale.ROOT, "<= %.1fx", goal))
                    .append(" |\n");
        }
        report.append("\n`failed` means JMH reported an error for that benchmark on that side: see its output above.\n");
        return 0;
    }

    /** Results by short name ({@code Class.method}), in JMH's order. */
    private static Map<String, Result<?>> scores(Collection<RunResult> results) {
        Map<String, Result<?>> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            String shortName = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
            byName.put(shortName, r.getPrimaryResult());
        }
        return byName;
    }

    private static String format(Result<?> r) {
        if (r == null) {
            return "failed";
        }
        double error = r.getScoreError();
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%.1f", r.getScore())
                : String.format(Locale.ROOT, "%.1f ± %.1f", r.getScore(), error);
    }

    private static String ratio(double ratio, Double goal) {
        String text = String.format(Locale.ROOT, "%.2fx", ratio);
        return goal != null && ratio > goal ? "**" + text + "**" : text;
    }

    // ---------------------------------------------------------------- heap per live task

    private void runFootprint() throws IOException, InterruptedException {
        int tasks = Integer.getInteger("bench.footprint.tasks", 10_000);
        int threads = Integer.getInteger("bench.footprint.threads", 2_000);
        int rounds = Integer.getInteger("bench.footprint.rounds", 5);
        List<String> gcArgs = splitArgs(System.getProperty("bench.footprint.jvmArgs", "-XX:+UseSerialGC -XX:MarkSweepDeadRatio=0"));
        List<String> modes = Arrays.asList(System.getProperty("bench.footprint.modes", "thread,pool,queued,virtual").split(","));

        report.append("\n### Heap per live task (median of ").append(rounds).append(" rounds, ")
                .append(String.join(" ", gcArgs)).append(")\n\n")
                .append("| mode | tasks | without agent (B/task) | with agent (B/task) | ratio | difference (B/task) | goal |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String rawMode : modes) {
            String mode = rawMode.trim();
            if (mode.equals("virtual") && javaFeature < 21) {
                report.append("| virtual | - | skipped: Java ").append(javaFeature).append(" has no virtual threads | | | | |\n");
                continue;
            }
            int n = mode.equals("thread") || mode.equals("pool") ? threads : tasks;
            List<String> tail = new ArrayList<>(gcArgs);
            tail.addAll(List.of("-cp", classPath, LiveTaskFootprint.class.getName(), mode, Integer.toString(n), Integer.toString(rounds)));
            String without = footprint(mode, false, tail);
            String with = withAgent ? footprint(mode, true, tail) : null;
            report.append("| ").append(mode).append(" | ").append(n)
                    .append(" | ").append(without)
                    .append(" | ").append(with == null ? "-" : with);
            if (isNumber(without) && isNumber(with)) {
                double a = Double.parseDouble(without);
                double b = Double.parseDouble(with);
                double diff = b - a;
                String diffText = String.format(Locale.ROOT, "%+.1f", diff);
                report.append(" | ").append(String.format(Locale.ROOT, "%.2fx", b / a))
                        .append(" | ").append(diff > FOOTPRINT_GOAL_BYTES ? "**" + diffText + "**" : diffText);
            } else {
                report.append(" | - | -");
            }
            report.append(" | <= +").append((int) FOOTPRINT_GOAL_BYTES).append(" |\n");
        }
    }

    /** One child run; returns bytes per task as text, or why there is no figure. */
    private String footprint(String mode, boolean agent, List<String> tail) throws IOException, InterruptedException {
        Child child = launch(command(agent, tail), 600);
        String side = agent ? "with agent" : "without agent";
        Matcher m = FOOTPRINT_LINE.matcher(child.output);
        if (child.exitCode != 0 || !m.find()) {
            System.out.println("outlive bench: footprint " + mode + " " + side + " failed (exit " + child.exitCode + "):\n" + child.output);
            return "failed";
        }
        if (m.group(4) != null) {
            return "skipped";
        }
        System.out.println("outlive bench: footprint " + mode + " " + side + ": " + m.group(3) + " B/task");
        return m.group(3);
    }

    // ---------------------------------------------------------------- start-up

    private void runStartup() throws IOException, InterruptedException {
        int runs = Integer.getInteger("bench.startup.runs", 7);
        List<String> tail = List.of("-cp", classPath, HelloWorld.class.getName());
        // One launch each way first, not counted: it warms the file cache and the CDS archive mapping.
        if (!startup(false, tail, null) || (withAgent && !startup(true, tail, null))) {
            report.append("\n### Start-up\n\nfailed: see the output above.\n");
            return;
        }
        double[] plain = new double[runs];
        double[] agent = new double[runs];
        // Interleaved, so a slow spell of the machine hits both sides alike.
        for (int i = 0; i < runs; i++) {
            double[] one = new double[1];
            if (!startup(false, tail, one)) {
                return;
            }
            plain[i] = one[0];
            if (withAgent) {
                if (!startup(true, tail, one)) {
                    return;
                }
                agent[i] = one[0];
            }
        }
        double without = median(plain);
        report.append("\n### Start-up: `HelloWorld`, median wall-clock of ").append(runs).append(" launches\n\n")
                .append("| | without agent | with agent | difference | ratio | goal |\n")
                .append("|---|---:|---:|---:|---:|---:|\n")
                .append(String.format(Locale.ROOT, "| ms | %.0f", without));
        if (withAgent) {
            double with = median(agent);
            double diff = with - without;
            String diffText = String.format(Locale.ROOT, "%+.0f", diff);
            report.append(String.format(Locale.ROOT, " | %.0f | %s | %.2fx", with,
                    diff > STARTUP_GOAL_MS ? "**" + diffText + "**" : diffText, with / without));
        } else {
            report.append(" | - | - | -");
        }
        report.append(" | <= +").append((int) STARTUP_GOAL_MS).append(" ms |\n");
    }

    private boolean startup(boolean agent, List<String> tail, double[] millis) throws IOException, InterruptedException {
        Child child = launch(command(agent, tail), 120);
        if (child.exitCode != 0) {
            System.out.println("outlive bench: HelloWorld " + (agent ? "with" : "without") + " agent failed (exit "
                    + child.exitCode + "):\n" + child.output);
            return false;
        }
        if (millis != null) {
            millis[0] = child.nanos / 1e6;
        }
        return true;
    }

    // ---------------------------------------------------------------- child JVMs

    private List<String> command(boolean agent, List<String> tail) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(baseJvmArgs);
        if (agent) {
            cmd.add(agentArgument);
        }
        cmd.addAll(tail);
        return cmd;
    }

    /** Exit code, combined output and wall-clock time of one child JVM. */
    private static final class Child {
        final int exitCode;
        final String output;
        final long nanos;

        Child(int exitCode, String output, long nanos) {
            this.exitCode = exitCode;
            this.output = output;
            this.nanos = nanos;
        }
    }

    private static Child launch(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        // Output goes to a file, not a pipe: reading a pipe would put this JVM's scheduling into the timing.
        File out = File.createTempFile("outlive-bench", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                return new Child(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(out.toPath(), StandardCharsets.UTF_8), 0);
            }
            long nanos = System.nanoTime() - start;
            return new Child(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8), nanos);
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    /** The forked JVM's feature version, which may differ from this one's when bench.jvm is set. */
    private int probeJavaFeature() throws IOException, InterruptedException {
        Child child = launch(List.of(java, "-XshowSettings:properties", "-version"), 60);
        Matcher m = SPEC_VERSION.matcher(child.output);
        if (!m.find()) {
            System.out.println("outlive bench: could not read the Java version of " + java + "; assuming 17");
            return 17;
        }
        // "1.8" style versions have the feature number after the dot.
        return m.group(1).equals("1") && m.group(2) != null ? Integer.parseInt(m.group(2)) : Integer.parseInt(m.group(1));
    }

    // ---------------------------------------------------------------- helpers

    private static boolean enabled(String property) {
        return !"false".equalsIgnoreCase(System.getProperty(property, "true"));
    }

    private static boolean isNumber(String s) {
        if (s == null) {
            return false;
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static List<String> splitArgs(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static String usage() {
        return String.join("\n",
                "usage: java [-Dprop=value ...] -cp bench/target/benchmarks.jar dev.outlive.bench.OverheadRunner [regex]",
                "  regex                     JMH include pattern (default " + DEFAULT_INCLUDE + ")",
                "  -Doutlive.agent.jar=PATH  agent jar (default agent/target/outlive-agent.jar, from the working directory)",
                "  -Doutlive.agent.args=OPTS agent options, e.g. stacks=full,blocking=false (default none)",
                "  -Dbench.jvm=PATH          java for every forked JVM (default: the runner's own)",
                "  -Dbench.jvmArgs='ARGS'    extra JVM arguments for every forked JVM, both sides",
                "  -Dbench.quick=true        1 fork, 2 warm-up + 3 measurement iterations (default 2 forks, 3 + 5)",
                "  -Dbench.forks/.warmup/.iterations=N, -Dbench.time=1s   override the JMH settings",
                "  -Dbench.noAgent=true      plain side only (smoke test without an agent jar)",
                "  -Dbench.jmh=false, -Dbench.footprint=false, -Dbench.startup=false   skip a part",
                "  -Dbench.footprint.tasks=10000 (queued, virtual), .threads=2000 (thread, pool), .rounds=5,",
                "  -Dbench.footprint.modes=thread,pool,queued,virtual, .jvmArgs=\"-XX:+UseSerialGC -XX:MarkSweepDeadRatio=0\"",
                "  -Dbench.startup.runs=7");
    }
}
