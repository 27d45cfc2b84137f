package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every spawn path and cancellation source, leaky and correct, in a child JVM under the agent, on
 * every JDK the build finds. Assertions are on the JSON report and the exit status.
 */
class SpawnPathsIT {
    static final String MAIN = "dev.outlive.fixtures.Scenarios";
    static final String OPTIONS = "grace=300ms,stacks=auto";

    /** A leaky scenario and what its one leak must say. */
    record Leaky(String scenario, int minJdk, String kind, String taskKind, String reason, String scopeKind,
                 String spawnedIn) {
    }

    static Stream<Arguments> leaky() {
        List<Leaky> cases = List.of(
                new Leaky("thread-scope-leaky", 17, "LINGERING_THREAD", "THREAD", "closed", "EXPLICIT", "threadInScope"),
                new Leaky("thread-interrupt-leaky", 17, "IGNORED_CANCELLATION", "THREAD", "interrupt()", "TASK", "threadInterrupted"),
                new Leaky("thread-subclass-leaky", 17, "LINGERING_THREAD", "THREAD", "closed", "EXPLICIT", "threadSubclass"),
                new Leaky("platform-builder-leaky", 21, "LINGERING_THREAD", "THREAD", "closed", "EXPLICIT", "threadBuilder"),
                new Leaky("virtual-builder-leaky", 21, "LINGERING_THREAD", "VIRTUAL_THREAD", "closed", "EXPLICIT", "threadBuilder"),
                new Leaky("forkjoin-fork-leaky", 17, "IGNORED_CANCELLATION", "FORK_JOIN_TASK", "closed", "EXPLICIT", "forkedSubtask"),
                new Leaky("pool-future-cancel-leaky", 17, "IGNORED_CANCELLATION", "EXECUTOR_TASK", "Future.cancel(true)", "TASK", "poolFutureCancel"),
                new Leaky("pool-shutdownnow-leaky", 17, "IGNORED_CANCELLATION", "EXECUTOR_TASK", "shutdownNow()", "EXECUTOR", "poolShutdownNow"),
                new Leaky("scheduled-cancel-leaky", 17, "IGNORED_CANCELLATION", "SCHEDULED_TASK", "Future.cancel(true)", "TASK", "scheduledCancel"),
                new Leaky("forkjoin-cancel-leaky", 17, "IGNORED_CANCELLATION", "FORK_JOIN_TASK", "ForkJoinTask.cancel(true)", "TASK", "forkJoinCancel"),
                new Leaky("cf-cancel-leaky", 17, "IGNORED_CANCELLATION", "ASYNC_STAGE", "CompletableFuture.cancel(true)", "TASK", "completableCancel"),
                new Leaky("cf-timeout-leaky", 17, "IGNORED_CANCELLATION", "ASYNC_STAGE", "completed by timeout (orTimeout)", "TASK", "completableTimeout"),
                new Leaky("virtual-executor-leaky", 21, "IGNORED_CANCELLATION", "VIRTUAL_THREAD", "Future.cancel(true)", "TASK", "virtualExecutor"),
                new Leaky("virtual-thread-leaky", 21, "IGNORED_CANCELLATION", "VIRTUAL_THREAD", "interrupt()", "TASK", "virtualThread"));
        List<Arguments> args = new ArrayList<>();
        for (Jdks.Jdk jdk : Jdks.all()) {
            for (Leaky c : cases) {
                if (jdk.feature() >= c.minJdk()) {
                    args.add(Arguments.of(jdk, c));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("leaky")
    void leakyTwinIsReportedWithItsSpawnAndCancelSites(Jdks.Jdk jdk, Leaky c) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, c.scenario());
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(1, r.leaks().size(), r.describe());
        JsonNode leak = r.leaks().get(0);
        assertEquals(c.kind(), leak.path("kind").asText(), r.describe());
        assertEquals(c.taskKind(), leak.path("task").path("kind").asText(), r.describe());
        assertEquals(c.reason(), leak.path("scope").path("cancelReason").asText(), r.describe());
        assertEquals(c.scopeKind(), leak.path("scope").path("kind").asText(), r.describe());
        String site = "dev.outlive.fixtures.Scenarios." + c.spawnedIn();
        boolean inAncestry = false;
        for (JsonNode a : leak.path("ancestry")) {
            inAncestry |= anyFrame(a.path("spawnStack"), site);
        }
        assertTrue(anyFrame(leak.path("spawnStack"), site) || inAncestry,
                "the user's spawn site is in the spawn stack or the ancestry: " + r.describe());
        assertTrue(anyFrame(leak.path("scope").path("cancelStack"), "dev.outlive.fixtures.Scenarios.")
                        || c.reason().startsWith("completed by timeout"),
                "cancel site names the fixture: " + leak.path("scope").path("cancelStack"));
        assertFalse(leak.path("currentStack").isEmpty(), r.describe());
        assertFalse(leak.path("hint").asText().isBlank());
        assertEquals(16, leak.path("signature").asText().length());
        assertEquals("exit", r.report().path("trigger").asText());
        assertEquals("outlive.report/v1", r.report().path("schema").asText());
    }

    static Stream<Arguments> correct() {
        List<String> cases = List.of("thread-scope-correct", "thread-interrupt-correct", "pool-future-cancel-correct",
                "pool-shutdownnow-correct", "pool-invokeall-correct", "scheduled-cancel-correct", "forkjoin-cancel-correct",
                "cf-cancel-correct", "virtual-executor-correct", "virtual-thread-correct", "executor-close-correct");
        List<Arguments> args = new ArrayList<>();
        for (Jdks.Jdk jdk : Jdks.all()) {
            for (String c : cases) {
                boolean needs21 = c.startsWith("virtual-") || c.startsWith("executor-close");
                if (!needs21 || jdk.feature() >= 21) {
                    args.add(Arguments.of(jdk, c));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("correct")
    void correctTwinIsNeverReported(Jdks.Jdk jdk, String scenario) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, scenario);
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(List.of(), r.leaksExceptSentinel(), r.describe());
        assertEquals(1, r.leaks().size(), "the sentinel proves the checks ran: " + r.describe());
    }

    private static boolean anyFrame(JsonNode frames, String prefix) {
        for (JsonNode f : frames) {
            if (f.asText().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theBuildFindsJdk17AndANewerOne(Jdks.Jdk jdk) {
        assertNotNull(jdk.home());
        assertTrue(Jdks.all().stream().anyMatch(j -> j.feature() == 17), "JDK 17 is required for the ITs: " + Jdks.all());
    }
}
