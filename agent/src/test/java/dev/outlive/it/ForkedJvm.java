package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fixture program in a child JVM with the agent and collects what a CI pipeline would see:
 * the exit status, stderr, and the JSON report. The child gets none of the test JVM's
 * {@code -Doutlive.*} properties (the agent would reject unknown ones).
 */
final class ForkedJvm {
    static final Path AGENT = Path.of(System.getProperty("outlive.agent.jar", "target/outlive-agent.jar")).toAbsolutePath();
    static final String FIXTURES = System.getProperty("outlive.fixtures.classes", "target/test-classes");
    private static final long TIMEOUT_SECONDS = 90;

    private ForkedJvm() {
    }

    record Result(int exitCode, String stdout, String stderr, JsonNode report, Path reportFile) {
        /** Leaks in the final report. */
        JsonNode leaks() {
            return report.path("leaks");
        }

        JsonNode warnings() {
            return report.path("warnings");
        }

        /** Leaks other than the sentinel of a correct twin. */
        List<JsonNode> leaksExceptSentinel() {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode l : leaks()) {
                if (!l.path("task").path("description").asText().equals(dev.outlive.fixtures.Fixture.SENTINEL)) {
                    out.add(l);
                }
            }
            return out;
        }

        /**
         * Asserts a clean run (exit status 0, no agent trouble) with exactly one leak, of {@code kind},
         * and returns it.
         */
        JsonNode theOnlyLeak(String kind) {
            org.junit.jupiter.api.Assertions.assertEquals(0, exitCode, describe());
            AgentHealth.assertHealthy(this);
            org.junit.jupiter.api.Assertions.assertEquals(1, leaks().size(), describe());
            JsonNode leak = leaks().get(0);
            org.junit.jupiter.api.Assertions.assertEquals(kind, leak.path("kind").asText(), describe());
            return leak;
        }

        /** Asserts a clean run whose only leak is the sentinel a correct twin files to prove the checks ran. */
        void assertOnlyTheSentinel() {
            org.junit.jupiter.api.Assertions.assertEquals(0, exitCode, describe());
            AgentHealth.assertHealthy(this);
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), leaksExceptSentinel(), describe());
            org.junit.jupiter.api.Assertions.assertEquals(1, leaks().size(),
                    "the sentinel proves the checks ran: " + describe());
        }

        String describe() {
            return "exit " + exitCode + "\n--- stderr ---\n" + stderr + "\n--- stdout ---\n" + stdout
                    + "\n--- report ---\n" + (report == null ? "(none)" : report.toPrettyString());
        }
    }

    /** Runs {@code mainClass} with {@code args} under the agent with {@code agentOptions} (a report option is added). */
    static Result run(Jdks.Jdk jdk, String agentOptions, String mainClass, String... args) throws IOException, InterruptedException {
        return run(jdk, AGENT, List.of(), agentOptions, mainClass, args);
    }

    /** The same with another agent jar and extra JVM options before {@code -javaagent}. */
    static Result run(Jdks.Jdk jdk, Path agentJar, List<String> jvmOptions, String agentOptions, String mainClass,
                      String... args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("outlive-it");
        Path report = dir.resolve("report.json");
        String options = "report=" + report + (agentOptions.isEmpty() ? "" : "," + agentOptions);
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        command.add("-javaagent:" + agentJar + "=" + options);
        command.add("-cp");
        command.add(FIXTURES + File.pathSeparator + libraryClassPath());
        command.add(mainClass);
        command.add(report.toString());
        for (String a : args) {
            command.add(a);
        }
        return exec(command, dir, report);
    }

    /** Runs a command as is (bad-configuration tests). */
    static Result exec(List<String> command, Path dir, Path report) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OUTLIVE_"));
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child JVM did not end within " + TIMEOUT_SECONDS + " s: " + command
                    + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        JsonNode json = report != null && Files.exists(report) ? new ObjectMapper().readTree(report.toFile()) : null;
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), json, report);
    }

    /**
     * The application's own Jackson (fixtures may use it: the agent's copy must not interfere), and
     * the H2 driver the JDBC fixture blocks in.
     */
    private static String libraryClassPath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class, org.h2.Driver.class,
                // the application's own copies of what the agent relocates (UsesOwnLibraries)
                org.objectweb.asm.ClassReader.class, net.bytebuddy.ByteBuddy.class, org.slf4j.Logger.class,
                ch.qos.logback.classic.Logger.class, ch.qos.logback.core.Appender.class}) {
            parts.add(c.getProtectionDomain().getCodeSource().getLocation().getPath());
        }
        return String.join(File.pathSeparator, parts);
    }
}
