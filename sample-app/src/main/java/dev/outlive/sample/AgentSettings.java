package dev.outlive.sample;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The two agent options the tour needs ({@code report}, {@code grace}), found the way the agent
 * finds them: {@code -javaagent} arguments, then {@code -Doutlive.*} properties, then
 * {@code OUTLIVE_*} environment variables. Reading them back saves the user from repeating them.
 */
public final class AgentSettings {
    private final Map<String, String> agentArgs;

    private AgentSettings(Map<String, String> agentArgs) {
        this.agentArgs = agentArgs;
    }

    /** The settings of this JVM. */
    public static AgentSettings ofThisJvm() {
        Map<String, String> args = new HashMap<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-javaagent:") && a.contains("outlive")) {
                int eq = a.indexOf('=');
                if (eq > 0) {
                    for (String kv : a.substring(eq + 1).split(",")) {
                        int k = kv.indexOf('=');
                        if (k > 0) {
                            args.put(kv.substring(0, k).trim(), kv.substring(k + 1).trim());
                        }
                    }
                }
            }
        }
        return new AgentSettings(args);
    }

    /** True if this JVM was started with an Outlive {@code -javaagent}. */
    public static boolean agentPresent() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("outlive"));
    }

    Optional<String> option(String key) {
        String v = agentArgs.get(key);
        if (v == null) {
            v = System.getProperty("outlive." + key);
        }
        if (v == null) {
            v = System.getenv("OUTLIVE_" + key.toUpperCase(java.util.Locale.ROOT));
        }
        return Optional.ofNullable(v).filter(s -> !s.isBlank());
    }

    public Optional<Path> report() {
        return option("report").map(Path::of);
    }

    /** The agent's grace; its default is 2 s. */
    public Duration grace() {
        return option("grace").map(AgentSettings::parseDuration).orElse(Duration.ofSeconds(2));
    }

    /** Parses {@code 500ms}, {@code 2s}, {@code 1m} (the agent's duration syntax). */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofMillis(Long.parseLong(t));
    }
}
