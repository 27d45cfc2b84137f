package dev.outlive.agent.config;

import dev.outlive.core.leak.IgnoreFilter;
import dev.outlive.core.stack.StackMode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's effective options (DESIGN §3), already validated and typed.
 *
 * <p>Instances are immutable and come from {@link OptionsParser} or {@link #defaults()}; the agent reads
 * them once at start, so nothing here is cached or lazily computed.
 */
public final class AgentOptions {
    /** The {@code log} value that sends human-readable reports to standard error. */
    public static final String LOG_STDERR = "stderr";
    /** The {@code log} value that turns human-readable reports off. */
    public static final String LOG_OFF = "off";

    private static final AgentOptions DEFAULTS = new AgentOptions(2_000, null, LOG_STDERR, false, 3,
            StackMode.AUTO, 64, true, IgnoreFilter.NONE, null, ExitCheck.WARN, true, false, null);

    private final long graceMillis;
    private final Path report;
    private final String log;
    private final boolean failOnLeak;
    private final int leakExitCode;
    private final StackMode stacks;
    private final int stackDepth;
    private final boolean blocking;
    private final IgnoreFilter ignore;
    private final Path baseline;
    private final ExitCheck exitCheck;
    private final boolean jmx;
    private final boolean enforce;
    private final Path config;

    // Package-private: only the parser, which has validated every value, creates instances.
    AgentOptions(long graceMillis, Path report, String log, boolean failOnLeak, int leakExitCode,
            StackMode stacks, int stackDepth, boolean blocking, IgnoreFilter ignore, Path baseline,
            ExitCheck exitCheck, boolean jmx, boolean enforce, Path config) {
        this.graceMillis = graceMillis;
        this.report = report;
        this.log = Objects.requireNonNull(log, "log");
        this.failOnLeak = failOnLeak;
        this.leakExitCode = leakExitCode;
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.stackDepth = stackDepth;
        this.blocking = blocking;
        this.ignore = Objects.requireNonNull(ignore, "ignore");
        this.baseline = baseline;
        this.exitCheck = Objects.requireNonNull(exitCheck, "exitCheck");
        this.jmx = jmx;
        this.enforce = enforce;
        this.config = config;
    }

    /**
     * The options when nothing is configured.
     *
     * @return the defaults of DESIGN §3
     */
    public static AgentOptions defaults() {
        return DEFAULTS;
    }

    /** @return {@code grace}: how long a task may run after its scope was cancelled, in milliseconds */
    public long graceMillis() {
        return graceMillis;
    }

    /** @return {@code report}: where the JSON report is written, if anywhere */
    public Optional<Path> report() {
        return Optional.ofNullable(report);
    }

    /**
     * @return {@code log}: {@link #LOG_STDERR}, {@link #LOG_OFF}, or the path of the file that receives the
     *     human-readable leak reports
     */
    public String log() {
        return log;
    }

    /** @return {@code failOnLeak}: whether a leak makes the JVM exit with {@link #leakExitCode()} */
    public boolean failOnLeak() {
        return failOnLeak;
    }

    /** @return {@code leakExitCode}: the exit status used by {@code failOnLeak}, 1 to 255 */
    public int leakExitCode() {
        return leakExitCode;
    }

    /** @return {@code stacks}: how much of a spawn stack is captured */
    public StackMode stacks() {
        return stacks;
    }

    /** @return {@code stackDepth}: frames kept per stack, 1 to {@value OptionsParser#MAX_STACK_DEPTH} */
    public int stackDepth() {
        return stackDepth;
    }

    /** @return {@code blocking}: whether blocking calls are tracked */
    public boolean blocking() {
        return blocking;
    }

    /** @return {@code ignore}: the findings not to report; {@link IgnoreFilter#NONE} when not set */
    public IgnoreFilter ignore() {
        return ignore;
    }

    /** @return {@code baseline}: a previous JSON report whose leaks are known, if any */
    public Optional<Path> baseline() {
        return Optional.ofNullable(baseline);
    }

    /**
     * @return {@code exitCheck}: what a task that keeps the JVM alive is; {@link ExitCheck#LEAK} by
     *     default when {@code failOnLeak} is on, else {@link ExitCheck#WARN}
     */
    public ExitCheck exitCheck() {
        return exitCheck;
    }

    /** @return {@code jmx}: whether the MBean is registered */
    public boolean jmx() {
        return jmx;
    }

    /** @return {@code enforce}: whether cancelling a scope interrupts its running tasks */
    public boolean enforce() {
        return enforce;
    }

    /** @return {@code config}: the properties file the options were read from, if any */
    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    /**
     * Every effective option, in the order of DESIGN §3, as the user would write it: durations in their
     * shortest exact form ({@code 2s}), booleans as {@code true}/{@code false}, enums in lower case, ignore
     * patterns joined by {@code ;}. This is what the JSON report records as {@code agent.options}.
     *
     * <p>Options that have no value ({@code report}, {@code ignore}, {@code baseline} and {@code config}
     * when not set) are left out rather than written as a placeholder that could be mistaken for a file
     * name.
     *
     * @return a new, modifiable map owned by the caller
     */
    public LinkedHashMap<String, String> asMap() {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        m.put("grace", Durations.format(graceMillis));
        if (report != null) {
            m.put("report", report.toString());
        }
        m.put("log", log);
        m.put("failOnLeak", Boolean.toString(failOnLeak));
        m.put("leakExitCode", Integer.toString(leakExitCode));
        m.put("stacks", lower(stacks));
        m.put("stackDepth", Integer.toString(stackDepth));
        m.put("blocking", Boolean.toString(blocking));
        if (!ignore.isEmpty()) {
            m.put("ignore", String.join(";", ignore.patterns()));
        }
        if (baseline != null) {
            m.put("baseline", baseline.toString());
        }
        m.put("exitCheck", lower(exitCheck));
        m.put("jmx", Boolean.toString(jmx));
        m.put("enforce", Boolean.toString(enforce));
        if (config != null) {
            m.put("config", config.toString());
        }
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The same text as {@link #asMap()}, for logs and debugging. */
    @Override
    public String toString() {
        return "AgentOptions" + asMap();
    }
}
