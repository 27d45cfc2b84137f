package dev.outlive.agent.config;

import dev.outlive.core.leak.IgnoreFilter;
import dev.outlive.core.stack.StackMode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads the agent's options (DESIGN §3) from its four sources and validates them.
 *
 * <p>Sources, strongest first: the agent argument string ({@code -javaagent:outlive-agent.jar=k=v,k=v}),
 * system properties ({@code -Doutlive.k=v}), environment variables ({@code OUTLIVE_K=v}, with the key in
 * upper case either run together or in snake form), and the {@code .properties} file named by the
 * {@code config} option, which itself may come from any of the first three.
 *
 * <p>Anything wrong is an {@link OptionsException} carrying one line for the user. Every value given is
 * checked for syntax, including values a stronger source overrides, because a typo is a mistake wherever
 * it is; only file existence ({@code baseline}) is checked on the effective value alone, since a file
 * that is overridden is never read.
 */
public final class OptionsParser {
    /** The largest {@code stackDepth}: deeper stacks cost memory per task and add nothing to a report. */
    public static final int MAX_STACK_DEPTH = 1024;

    /** Every option, in the order of DESIGN §3; also the order of error listings and of the report. */
    static final List<String> KEYS = List.of("grace", "report", "log", "failOnLeak", "leakExitCode",
            "stacks", "stackDepth", "blocking", "ignore", "baseline", "exitCheck", "jmx", "enforce", "config");

    private static final String PROPERTY_PREFIX = "outlive.";
    private static final String ENV_PREFIX = "OUTLIVE_";

    /** Environment variable name to option key: both {@code OUTLIVE_FAILONLEAK} and {@code OUTLIVE_FAIL_ON_LEAK}. */
    private static final Map<String, String> ENV_NAMES = envNames();

    private OptionsParser() {
    }

    /** One value as given, with where it came from so that errors can say so. */
    private static final class Raw {
        final String key;
        final String value;
        /** Null for the agent arguments, which are the default place users look; else e.g. "-Doutlive.grace". */
        final String origin;

        Raw(String key, String value, String origin) {
            this.key = key;
            this.value = value;
            this.origin = origin;
        }

        String from() {
            return fromSuffix(origin);
        }
    }

    /**
     * Reads the options of the running JVM: its system properties and environment.
     *
     * @param agentArgs the agent argument string as passed to the premain; null or blank means none
     * @return the effective options
     * @throws OptionsException when an option is unknown or a value is bad
     */
    public static AgentOptions fromEnvironment(String agentArgs) {
        Properties props = System.getProperties();
        Map<String, String> properties = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            // Only our own prefix matters; copying just those avoids racing other threads' setProperty.
            if (name.startsWith(PROPERTY_PREFIX)) {
                String value = props.getProperty(name);
                if (value != null) {
                    properties.put(name, value);
                }
            }
        }
        return parse(agentArgs, properties, System.getenv());
    }

    /**
     * Parses and validates the options. Pure: the sources are parameters so that tests need no global
     * state; only the {@code config} and {@code baseline} files are read from disk.
     *
     * @param agentArgs the agent argument string, {@code key=value} pairs separated by {@code ,}; a value
     *     may contain {@code =}; null or blank means none
     * @param systemProperties the system properties; only names starting with {@code outlive.} are read
     * @param environment the environment; only names starting with {@code OUTLIVE_} are read
     * @return the effective options
     * @throws OptionsException when an option is unknown, a value is bad, or a file cannot be read
     */
    public static AgentOptions parse(String agentArgs, Map<String, String> systemProperties,
            Map<String, String> environment) {
        Map<String, Raw> args = fromAgentArgs(agentArgs);
        Map<String, Raw> props = fromProperties(systemProperties);
        Map<String, Raw> env = fromEnv(environment);
        checkValues(args);
        checkValues(props);
        checkValues(env);

        Raw configRaw = strongest("config", args, props, env);
        Map<String, Raw> file = configRaw == null ? Map.of() : fromConfigFile(configRaw);
        checkValues(file);

        // Weakest first, so that each stronger source overwrites.
        Map<String, Raw> effective = new HashMap<>();
        effective.putAll(file);
        effective.putAll(env);
        effective.putAll(props);
        effective.putAll(args);
        return build(effective);
    }

    private static AgentOptions build(Map<String, Raw> effective) {
        AgentOptions d = AgentOptions.defaults();
        Raw r;
        long grace = (r = effective.get("grace")) == null ? d.graceMillis() : duration(r);
        Path report = (r = effective.get("report")) == null ? null : path(r);
        String log = (r = effective.get("log")) == null ? d.log() : log(r);
        boolean failOnLeak = (r = effective.get("failOnLeak")) == null ? d.failOnLeak() : bool(r);
        int leakExitCode = (r = effective.get("leakExitCode")) == null ? d.leakExitCode() : integer(r, 1, 255);
        StackMode stacks = (r = effective.get("stacks")) == null ? d.stacks() : choice(r, StackMode.class);
        int stackDepth = (r = effective.get("stackDepth")) == null
                ? d.stackDepth() : integer(r, 1, MAX_STACK_DEPTH);
        boolean blocking = (r = effective.get("blocking")) == null ? d.blocking() : bool(r);
        IgnoreFilter ignore = (r = effective.get("ignore")) == null ? d.ignore() : ignore(r);
        Path baseline = (r = effective.get("baseline")) == null ? null : readableFile(r);
        // DESIGN §3: failOnLeak=true makes the default `leak`, since a build that fails on leaks means the
        // program must end; an exitCheck given anywhere, even `warn`, still wins.
        ExitCheck exitCheck = (r = effective.get("exitCheck")) == null
                ? (failOnLeak ? ExitCheck.LEAK : ExitCheck.WARN) : choice(r, ExitCheck.class);
        boolean jmx = (r = effective.get("jmx")) == null ? d.jmx() : bool(r);
        boolean enforce = (r = effective.get("enforce")) == null ? d.enforce() : bool(r);
        Path config = (r = effective.get("config")) == null ? null : path(r);
        return new AgentOptions(grace, report, log, failOnLeak, leakExitCode, stacks, stackDepth, blocking,
                ignore, baseline, exitCheck, jmx, enforce, config);
    }

    // ---- sources -------------------------------------------------------------------------------------

    private static Map<String, Raw> fromAgentArgs(String agentArgs) {
        Map<String, Raw> out = new LinkedHashMap<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return out;
        }
        for (String pair : agentArgs.split(",", -1)) {
            if (pair.isBlank()) {
                continue; // tolerate "a=1,,b=2" and a trailing comma
            }
            // Split on the first '=' only: values such as paths may contain '='.
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            requireKnown(key, key, null);
            if (eq < 0) {
                throw new OptionsException("outlive: missing value for option '" + show(key)
                        + "' (expected " + key + "=value)");
            }
            add(out, new Raw(key, pair.substring(eq + 1).trim(), null));
        }
        return out;
    }

    private static Map<String, Raw> fromProperties(Map<String, String> properties) {
        Map<String, Raw> out = new LinkedHashMap<>();
        // Sorted so that, with several bad properties, the one reported does not depend on hash order.
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PROPERTY_PREFIX) || e.getValue() == null) {
                continue;
            }
            String key = name.substring(PROPERTY_PREFIX.length());
            String origin = "-D" + name;
            requireKnown(key, key, origin);
            add(out, new Raw(key, e.getValue().trim(), origin));
        }
        return out;
    }

    private static Map<String, Raw> fromEnv(Map<String, String> environment) {
        Map<String, Raw> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX) || e.getValue() == null) {
                continue;
            }
            String key = ENV_NAMES.get(name);
            if (key == null) {
                // Compared without underscores, so OUTLIVE_FAIL_ON_LAEK still suggests failOnLeak.
                String written = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                throw unknown(written, written.replace("_", ""), name);
            }
            add(out, new Raw(key, e.getValue().trim(), name));
        }
        return out;
    }

    private static Map<String, Raw> fromConfigFile(Raw configRaw) {
        Path file = readableFile(configRaw);
        Properties p = new Properties();
        // UTF-8 rather than Properties' ISO-8859-1 default: config files hold paths, typed in editors.
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape, or bytes that are not UTF-8.
            throw new OptionsException("outlive: cannot read config file '" + show(configRaw.value) + "' ("
                    + show(String.valueOf(e.getMessage())) + ")" + configRaw.from());
        }
        String origin = "config file " + configRaw.value;
        Map<String, Raw> out = new LinkedHashMap<>();
        for (String key : new TreeMap<>(toMap(p)).keySet()) {
            String k = key.trim();
            requireKnown(k, k, origin);
            if (k.equals("config")) {
                // One level only: nesting would need cycle detection and its own precedence rules.
                throw new OptionsException("outlive: option 'config' cannot be set inside a config file"
                        + fromSuffix(origin));
            }
            add(out, new Raw(k, p.getProperty(key).trim(), origin));
        }
        return out;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            m.put(name, p.getProperty(name));
        }
        return m;
    }

    /** Adds a value; the same option twice in one source is only an error if the values disagree. */
    private static void add(Map<String, Raw> out, Raw raw) {
        Raw before = out.putIfAbsent(raw.key, raw);
        if (before != null && !before.value.equals(raw.value)) {
            String where = raw.origin == null ? ""
                    : " (from " + before.origin + (before.origin.equals(raw.origin) ? "" : " and " + raw.origin) + ")";
            throw new OptionsException("outlive: option '" + raw.key + "' is given twice with different values ('"
                    + show(before.value) + "' and '" + show(raw.value) + "')" + where);
        }
    }

    @SafeVarargs
    private static Raw strongest(String key, Map<String, Raw>... sources) {
        for (Map<String, Raw> s : sources) {
            Raw r = s.get(key);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static Map<String, String> envNames() {
        Map<String, String> m = new HashMap<>();
        for (String key : KEYS) {
            m.put(ENV_PREFIX + key.toUpperCase(Locale.ROOT), key);
            m.put(ENV_PREFIX + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), key);
        }
        return m;
    }

    // ---- unknown options -----------------------------------------------------------------------------

    /**
     * Fails unless {@code key} is an option.
     *
     * @param key the name as the user wrote it, for the message
     * @param comparable the name to compare with the options for a suggestion
     * @param origin where the name came from, or null for the agent arguments
     */
    private static void requireKnown(String key, String comparable, String origin) {
        if (!KEYS.contains(key)) {
            throw unknown(key, comparable, origin);
        }
    }

    private static OptionsException unknown(String key, String comparable, String origin) {
        String suggestion = closest(comparable);
        String hint = suggestion != null ? "(did you mean '" + suggestion + "'?)"
                : "(valid options: " + String.join(", ", KEYS) + ")";
        return new OptionsException("outlive: unknown option '" + show(key) + "' " + hint + fromSuffix(origin));
    }

    /**
     * The option closest to {@code name}, ignoring case, when it is within an edit distance of 2 (a
     * transposition counts as one edit). Short names need a closer match, at most one edit per three
     * letters: otherwise every three-letter word would be "close" to {@code jmx} or {@code log}.
     */
    static String closest(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int allowed = Math.min(2, Math.max(1, n.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : KEYS) {
            int d = editDistance(n, key.toLowerCase(Locale.ROOT));
            if (d < bestDistance) { // strict: on a tie the earlier option in DESIGN order wins
                bestDistance = d;
                best = key;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    // ---- values --------------------------------------------------------------------------------------

    /** Checks the syntax of every value of one source, in the order the user wrote or sorted. */
    private static void checkValues(Map<String, Raw> source) {
        for (Raw r : source.values()) {
            switch (r.key) {
                case "grace":
                    duration(r);
                    break;
                case "report":
                case "baseline":
                case "config":
                    path(r); // existence of baseline and config is checked when they are used
                    break;
                case "log":
                    log(r);
                    break;
                case "failOnLeak":
                case "blocking":
                case "jmx":
                case "enforce":
                    bool(r);
                    break;
                case "leakExitCode":
                    integer(r, 1, 255);
                    break;
                case "stackDepth":
                    integer(r, 1, MAX_STACK_DEPTH);
                    break;
                case "stacks":
                    choice(r, StackMode.class);
                    break;
                case "exitCheck":
                    choice(r, ExitCheck.class);
                    break;
                case "ignore":
                    ignore(r);
                    break;
                default:
                    throw new AssertionError("unhandled option " + r.key); // KEYS and this switch disagree
            }
        }
    }

    private static long duration(Raw r) {
        try {
            return Durations.parseMillis(r.value);
        } catch (IllegalArgumentException e) {
            throw bad(r, "expected a duration such as 500ms, 2s or 1m");
        }
    }

    private static boolean bool(Raw r) {
        // Not Boolean.parseBoolean: it reads "yes" or "ture" as false without a word.
        if (r.value.equalsIgnoreCase("true")) {
            return true;
        }
        if (r.value.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(r, "expected true or false");
    }

    private static int integer(Raw r, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(r.value);
        } catch (NumberFormatException e) {
            v = min - 1;
        }
        if (v < min || v > max || r.value.startsWith("+")) {
            throw bad(r, "expected an integer from " + min + " to " + max);
        }
        return v;
    }

    private static <E extends Enum<E>> E choice(Raw r, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT);
            if (name.equalsIgnoreCase(r.value)) {
                return e;
            }
            names.add(name);
        }
        throw bad(r, "expected one of " + String.join(", ", names));
    }

    private static String log(Raw r) {
        // "stderr" and "off" in any case: a file literally named "OFF" is far less likely than caps lock.
        if (r.value.equalsIgnoreCase(AgentOptions.LOG_STDERR)) {
            return AgentOptions.LOG_STDERR;
        }
        if (r.value.equalsIgnoreCase(AgentOptions.LOG_OFF)) {
            return AgentOptions.LOG_OFF;
        }
        if (r.value.isEmpty()) {
            throw bad(r, "expected stderr, off or a file path");
        }
        return path(r).toString();
    }

    private static Path path(Raw r) {
        if (r.value.isEmpty()) {
            throw bad(r, "expected a file path");
        }
        try {
            return Path.of(r.value);
        } catch (InvalidPathException e) {
            throw bad(r, "expected a file path; " + e.getReason());
        }
    }

    private static Path readableFile(Raw r) {
        Path p = path(r);
        if (!Files.exists(p)) {
            throw bad(r, "file not found");
        }
        if (!Files.isRegularFile(p)) {
            throw bad(r, "not a regular file");
        }
        if (!Files.isReadable(p)) {
            throw bad(r, "file not readable");
        }
        return p;
    }

    private static IgnoreFilter ignore(Raw r) {
        for (String part : r.value.split(";")) {
            String pattern = part.trim();
            if (pattern.isEmpty()) {
                continue; // "a;;b" and a trailing ';' are harmless, as IgnoreFilter.parse skips blanks
            }
            String problem = IgnoreFilter.problemWith(pattern);
            if (problem != null) {
                throw bad(r, "pattern '" + pattern + "': " + problem);
            }
        }
        return IgnoreFilter.parse(r.value);
    }

    // ---- messages ------------------------------------------------------------------------------------

    private static OptionsException bad(Raw r, String expected) {
        return new OptionsException("outlive: bad value '" + show(r.value) + "' for option '" + r.key + "' ("
                + show(expected) + ")" + r.from());
    }

    private static String fromSuffix(String origin) {
        return origin == null ? "" : " (from " + show(origin) + ")";
    }

    /**
     * Makes user text safe inside the one-line message: line breaks and other control characters from an
     * environment variable or a file would otherwise split it.
     */
    static String show(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
