package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exit check, JVM shutdown, the leak exit status, bad configuration and class-path isolation. */
class ExitAndConfigIT {
    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aNonDaemonThreadAfterMainReturnedIsReportedWhileTheJvmRuns(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=300ms", SpawnPathsIT.MAIN, "keeps-jvm-alive");
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(0, r.leaks().size(), "a warning by default (exitCheck=warn): " + r.describe());
        JsonNode w = find(r.warnings(), "jvm-holder");
        assertEquals("KEEPS_JVM_ALIVE", w.path("kind").asText());
        assertTrue(w.path("spawnStack").toString().contains("dev.outlive.fixtures.Scenarios.keepsJvmAlive"), r.describe());
        assertTrue(r.stderr().contains("WARNING KEEPS_JVM_ALIVE"), r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aPoolNobodyShutDownIsReportedOnceWhereItWasCreated(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=300ms", SpawnPathsIT.MAIN, "keeps-jvm-alive-pool");
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(1, r.warnings().size(), "one finding for the pool, not one per worker: " + r.describe());
        JsonNode w = r.warnings().get(0);
        assertEquals("KEEPS_JVM_ALIVE", w.path("kind").asText());
        assertTrue(w.path("task").path("description").asText().startsWith("ThreadPoolExecutor@"), r.describe());
        assertTrue(w.path("task").path("description").asText().contains("2 live worker thread(s)"), r.describe());
        assertTrue(w.path("spawnStack").toString().contains("dev.outlive.fixtures.Scenarios.keepsJvmAlivePool"), r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void enforceInterruptsTheTasksOfACancelledScope(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result without = ForkedJvm.run(jdk, "grace=300ms", SpawnPathsIT.MAIN, "blocked-thread-in-scope");
        assertEquals(1, without.leaksExceptSentinel().size(), without.describe());
        assertEquals("blocked-worker", without.leaksExceptSentinel().get(0).path("task").path("description").asText());
        ForkedJvm.Result with = ForkedJvm.run(jdk, "grace=300ms,enforce=true", SpawnPathsIT.MAIN, "blocked-thread-in-scope");
        assertEquals(List.of(), with.leaksExceptSentinel(), with.describe());
        AgentHealth.assertHealthy(with);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exitCheckLeakMakesItALeak(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=300ms,exitCheck=leak", SpawnPathsIT.MAIN, "keeps-jvm-alive");
        assertEquals("KEEPS_JVM_ALIVE", find(r.leaks(), "jvm-holder").path("kind").asText(), r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void onlyDaemonWorkLeftAfterMainIsNotReportedAndTheReportIsWrittenAtExit(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=300ms", SpawnPathsIT.MAIN, "main-returns-correct");
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(0, r.leaks().size(), r.describe());
        assertEquals(0, r.warnings().size(), r.describe());
        assertEquals("exit", r.report().path("trigger").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void failOnLeakSetsTheExitStatus(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=300ms,failOnLeak=true,leakExitCode=7", SpawnPathsIT.MAIN,
                "pool-future-cancel-leaky");
        assertEquals(7, r.exitCode(), r.describe());
        assertEquals(1, r.leaks().size(), "the report is written before the status is set: " + r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBaselineMakesKnownLeaksPassTheGate(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result first = ForkedJvm.run(jdk, "grace=300ms", SpawnPathsIT.MAIN, "pool-future-cancel-leaky");
        assertEquals(1, first.leaks().size(), first.describe());
        Path baseline = Files.createTempDirectory("outlive-baseline").resolve("baseline.json");
        Files.copy(first.reportFile(), baseline);
        ForkedJvm.Result again = ForkedJvm.run(jdk, "grace=300ms,failOnLeak=true,baseline=" + baseline, SpawnPathsIT.MAIN,
                "pool-future-cancel-leaky");
        assertEquals(0, again.exitCode(), "a known leak does not fail: " + again.describe());
        assertEquals(0, again.leaks().size(), again.describe());
        assertEquals(1, again.report().path("knownLeaks").size(), again.describe());
        assertEquals(first.leaks().get(0).path("signature").asText(),
                again.report().path("knownLeaks").get(0).path("signature").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void reportFilesAreOwnerOnly(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=300ms", SpawnPathsIT.MAIN, "main-returns-correct");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(r.reportFile())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anUnknownOptionStopsTheJvmWithOneLine(Jdks.Jdk jdk) throws Exception {
        Path dir = Files.createTempDirectory("outlive-it");
        ForkedJvm.Result r = ForkedJvm.exec(List.of(jdk.java().toString(), "-javaagent:" + ForkedJvm.AGENT + "=grce=1s",
                "-cp", ForkedJvm.FIXTURES, SpawnPathsIT.MAIN, dir.resolve("r.json").toString(), "main-returns-correct"), dir, null);
        assertEquals(2, r.exitCode(), r.describe());
        List<String> lines = r.stderr().lines().filter(l -> l.startsWith("outlive:")).toList();
        assertEquals(List.of("outlive: unknown option 'grce' (did you mean 'grace'?)"), lines, r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anApplicationWithItsOwnLibrariesAndLoggingConfigRunsUnchanged(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, ForkedJvm.AGENT, List.of("-Dlogback.configurationFile=fixtures-logback.xml"),
                "", "dev.outlive.fixtures.UsesOwnLibraries");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(List.of(
                "jackson {\"ok\":true} loader=app",
                "asm dev/outlive/fixtures/UsesOwnLibraries loader=app",
                "bytebuddy made by byte buddy loader=app",
                "APP INFO hello from the application",
                "slf4j true loader=app"), r.stdout().lines().toList(), r.describe());
        AgentHealth.assertHealthy(r);
    }

    private static JsonNode find(JsonNode findings, String threadOrDescription) {
        for (JsonNode f : findings) {
            if (f.path("task").path("description").asText().equals(threadOrDescription)
                    || f.path("task").path("thread").path("name").asText().equals(threadOrDescription)) {
                return f;
            }
        }
        throw new AssertionError("no finding for " + threadOrDescription + " in " + findings.toPrettyString());
    }
}
