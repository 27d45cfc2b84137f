package dev.outlive.sample.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlive.sample.Case;
import dev.outlive.sample.Cases;
import dev.outlive.sample.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the whole tour from the fat jar under the agent in a child JVM, on every JDK 17+ the build
 * finds, and checks the agent's final JSON report: each leaky case is reported (with its expected
 * kind) and spawned from {@code dev.outlive.sample}; no
 * fixed case is reported at all.
 */
class TourIT {
    static final Path AGENT = Path.of(System.getProperty("outlive.agent.jar", "../agent/target/outlive-agent.jar")).toAbsolutePath();
    static final Path SAMPLE = Path.of(System.getProperty("outlive.sample.jar", "target/outlive-sample-app.jar")).toAbsolutePath();
    static final long TIMEOUT_SECONDS = 240;

    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void tourReportsEveryLeakyCaseAndNoFixedOne(Jdk jdk) throws Exception {
        Path dir = Files.createTempDirectory("outlive-sample-it");
        Path report = dir.resolve("report.json");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        List<String> command = List.of(jdk.java().toString(),
                "-javaagent:" + AGENT + "=grace=1s,stacks=full,report=" + report + ",log=" + dir.resolve("outlive.log"),
                "-jar", SAMPLE.toString(), "tour");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OUTLIVE_"));
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail("tour did not end within " + TIMEOUT_SECONDS + " s\n" + read(out) + read(err));
        }
        String stdout = read(out);
        String describe = "--- stdout ---\n" + stdout + "\n--- stderr ---\n" + read(err);
        assertEquals(0, p.exitValue(), describe);
        assertTrue(Files.exists(report), "no report\n" + describe);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        List<Finding> findings = Finding.allOf(json);
        describe += "\n--- report ---\n" + json.toPrettyString();

        for (Case c : Cases.all()) {
            if (jdk.feature() < c.minJdk()) {
                assertTrue(stdout.contains("needs JDK " + c.minJdk()), "skipped cases say so: " + c.name());
                continue;
            }
            assertTrue(stdout.lines().anyMatch(l -> l.startsWith(c.name() + " ")), "table row for " + c.name());
            List<Finding> fixed = findings.stream().filter(f -> f.belongsTo(c, "fixed")).collect(Collectors.toList());
            assertEquals(List.of(), fixed, "fixed:" + c.name() + " must not be reported\n" + describe);

            List<Finding> leaky = findings.stream().filter(f -> f.belongsTo(c, "leaky")).collect(Collectors.toList());
            assertTrue(leaky.stream().anyMatch(f -> f.kind().equals(c.expectedKind()) && f.spawnedInSample()),
                    "leaky:" + c.name() + " reported as " + c.expectedKind() + " spawned in dev.outlive.sample, got "
                            + leaky + "\n" + describe);
        }
        assertTrue(stdout.contains("as expected"), "summary line\n" + describe);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** A JDK to run the tour on. */
    record Jdk(int feature, Path home) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }

        @Override
        public String toString() {
            return "JDK " + feature;
        }

        /** The JDKs in {@code outlive.it.jdks} (';'-separated homes), else the running one and those under /usr/lib/jvm. */
        static List<Jdk> all() {
            List<Path> homes = new ArrayList<>();
            String listed = System.getProperty("outlive.it.jdks", "").trim();
            if (!listed.isEmpty()) {
                for (String h : listed.split(";")) {
                    if (!h.isBlank()) {
                        homes.add(Path.of(h.trim()));
                    }
                }
            } else {
                homes.add(Path.of(System.getProperty("java.home")));
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
                    dirs.forEach(homes::add);
                } catch (IOException e) {
                    // only the running JDK then
                }
            }
            Map<Integer, Jdk> byFeature = new TreeMap<>();
            for (Path h : homes) {
                int f = featureOf(h);
                if (f >= 17 && Files.isExecutable(h.resolve("bin").resolve("java"))) {
                    byFeature.putIfAbsent(f, new Jdk(f, h));
                }
            }
            return new ArrayList<>(byFeature.values());
        }

        /** The feature release from the JDK's {@code release} file; 0 if unknown. */
        private static int featureOf(Path home) {
            try {
                for (String line : Files.readAllLines(home.resolve("release"))) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                        String major = v.split("[.+-]")[0];
                        return Integer.parseInt(major.equals("1") ? v.split("\\.")[1] : major);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }
}
