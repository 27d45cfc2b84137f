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
                new Leaky("forkjoin-submit-cancel-leaky", 17, "IGNORED_CANCELLATION", "FORK_JOIN_TASK", "ForkJoinTask.cancel(true)",
                        "TASK", "forkJoinSubmitCancel"),
                new Leaky("cf-cancel-leaky", 17, "IGNORED_CANCELLATION", "ASYNC_STAGE", "CompletableFuture.cancel(true)", "TASK", "completableCancel"),
                new Leaky("cf-timeout-leaky", 17, "IGNORED_CANCELLATION", "ASYNC_STAGE", "completed by timeout (orTimeout)", "TASK", "completableTimeout"),
                new Leaky("virtual-executor-leaky", 21, "IGNORED_CANCELLATION", "VIRTUAL_THREAD", "Future.cancel(true)", "TASK", "virtualExecutor"),
                new Leaky("virtual-thread-leaky", 21, "IGNORED_CANCELLATION", "VIRTUAL_THREAD", "interrupt()", "TASK", "virtualThread"),
                new Leaky("virtual-second-site-leaky", 21, "IGNORED_CANCELLATION", "VIRTUAL_THREAD", "interrupt()", "TASK",
                        "secondSiteStart"),
                new Leaky("timer-task-cancel-leaky", 17, "IGNORED_CANCELLATION", "TIMER_TASK", "TimerTask.cancel()", "TASK",
                        "TimerScenarios.timerTaskCancel"),
                new Leaky("timer-cancel-leaky", 17, "BLOCKED_AFTER_CANCEL", "TIMER_TASK", "Timer.cancel()", "TASK",
                        "TimerScenarios.timerCancel"),
                new Leaky("timer-scope-leaky", 17, "IGNORED_CANCELLATION", "TIMER_TASK", "closed", "EXPLICIT",
                        "TimerScenarios.timerScope"),
                new Leaky("timer-idle-leaky", 17, "LINGERING_THREAD", "THREAD", "closed", "EXPLICIT",
                        "TimerScenarios.timerIdle"),
                new Leaky("fjp-schedule-cancel-leaky", 25, "IGNORED_CANCELLATION", "SCHEDULED_TASK", "Future.cancel(true)", "TASK",
                        "ScheduleScenarios.fjpScheduleCancel"),
                new Leaky("fjp-periodic-cancel-leaky", 25, "IGNORED_CANCELLATION", "SCHEDULED_TASK", "Future.cancel(true)", "TASK",
                        "ScheduleScenarios.fjpPeriodicCancel"),
                new Leaky("fjp-schedule-shutdownnow-leaky", 25, "IGNORED_CANCELLATION", "SCHEDULED_TASK", "shutdownNow()", "EXECUTOR",
                        "ScheduleScenarios.fjpScheduleShutdownNow"),
                new Leaky("cf-then-apply-cancel-leaky", 17, "IGNORED_CANCELLATION", "ASYNC_STAGE", "CompletableFuture.cancel(true)",
                        "TASK", "StageScenarios.thenApplyCancel"),
                new Leaky("cf-handle-complete-leaky", 17, "IGNORED_CANCELLATION", "ASYNC_STAGE",
                        "CompletableFuture.completeExceptionally(..)", "TASK", "StageScenarios.handleOnPool"));
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
        JsonNode leak = r.theOnlyLeak(c.kind());
        assertEquals(c.taskKind(), leak.path("task").path("kind").asText(), r.describe());
        assertEquals(c.reason(), leak.path("scope").path("cancelReason").asText(), r.describe());
        assertEquals(c.scopeKind(), leak.path("scope").path("kind").asText(), r.describe());
        // a bare method name is in Scenarios; "Class.method" names another fixture class
        String site = "dev.outlive.fixtures." + (c.spawnedIn().contains(".") ? "" : "Scenarios.") + c.spawnedIn();
        boolean inAncestry = false;
        for (JsonNode a : leak.path("ancestry")) {
            inAncestry |= anyFrame(a.path("spawnStack"), site);
        }
        assertTrue(anyFrame(leak.path("spawnStack"), site) || inAncestry,
                "the user's spawn site is in the spawn stack or the ancestry: " + r.describe());
        assertTrue(anyFrame(leak.path("scope").path("cancelStack"), "dev.outlive.fixtures.")
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
                "forkjoin-submit-cancel-correct",
                "cf-cancel-correct", "virtual-executor-correct", "virtual-thread-correct", "executor-close-correct",
                "timer-task-cancel-correct", "timer-cancel-correct", "timer-scope-correct", "timer-idle-correct",
                "fjp-schedule-cancel-correct", "fjp-periodic-cancel-correct", "fjp-schedule-shutdownnow-correct",
                "cf-then-apply-cancel-correct", "cf-handle-complete-correct");
        List<Arguments> args = new ArrayList<>();
        for (Jdks.Jdk jdk : Jdks.all()) {
            for (String c : cases) {
                if (jdk.feature() >= minJdk(c)) {
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
        r.assertOnlyTheSentinel();
    }

    /** The first JDK a correct twin's API exists on. */
    private static int minJdk(String scenario) {
        if (scenario.startsWith("fjp-")) {
            return 25; // ForkJoinPool.schedule*
        }
        if (scenario.startsWith("virtual-") || scenario.startsWith("executor-close")) {
            return 21;
        }
        return 17;
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
