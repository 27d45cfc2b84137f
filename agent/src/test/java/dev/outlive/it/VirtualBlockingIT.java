package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The blocking leak kinds when the task is a virtual thread of {@code newVirtualThreadPerTaskExecutor()},
 * and {@code Future.cancel(false)} on such a task's future: JDK 21+ (skipped, visibly, on 17).
 */
class VirtualBlockingIT {
    static final String MAIN = "dev.outlive.fixtures.VirtualBlockingScenarios";
    static final String OPTIONS = "grace=300ms";

    /**
     * A leaky scenario: kind, a fragment of the blocking call's method (null: not blocked) and whether
     * an interrupt can end it, a fragment of the hint, and the cancellation reason.
     */
    record Case(String scenario, String kind, String method, boolean interruptible, String hint, String reason) {
        @Override
        public String toString() {
            return scenario;
        }
    }

    static Stream<Arguments> leaky() {
        List<Case> cases = List.of(
                new Case("vt-parked-cancel-leaky", "BLOCKED_AFTER_CANCEL", "LockSupport.park", true,
                        "nobody interrupted", "Future.cancel(false)"),
                new Case("vt-parked-scope-leaky", "BLOCKED_AFTER_CANCEL", "LockSupport.park", true,
                        "nobody interrupted", "closed"),
                // On a virtual thread a socket read IS interruptible: not BLOCKED_UNINTERRUPTIBLE.
                new Case("vt-socket-read-leaky", "BLOCKED_AFTER_CANCEL", "ocket", true,
                        "on a virtual thread an interrupt ends the read", "Future.cancel(false)"),
                new Case("vt-spin-cancel-leaky", "IGNORED_CANCELLATION", null, false,
                        "never checks for cancellation", "Future.cancel(false)"));
        return Jdks.withEach(cases);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("leaky")
    void leakyVirtualTaskIsClassifiedByWhatItIsStuckOn(Jdks.Jdk jdk, Case c) throws Exception {
        assumeTrue(jdk.feature() >= 21, "virtual threads arrived in JDK 21");
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, c.scenario());
        JsonNode leak = r.theOnlyLeak(c.kind());
        assertEquals("VIRTUAL_THREAD", leak.path("task").path("kind").asText(), r.describe());
        assertTrue(leak.path("task").path("thread").path("virtual").asBoolean(), r.describe());
        // unnamed, so described by its id (built when the report is, not kept per thread)
        assertEquals("virtual thread #" + leak.path("task").path("thread").path("tid").asText(),
                leak.path("task").path("description").asText(), r.describe());
        JsonNode call = leak.path("blockingCall");
        if (c.method() != null) {
            assertTrue(call.path("method").asText().contains(c.method()), r.describe());
            assertEquals(c.interruptible(), call.path("interruptible").asBoolean(), r.describe());
            assertEquals("BLOCKED", leak.path("task").path("state").asText(), r.describe());
        } else {
            assertTrue(call.isNull(), r.describe());
        }
        assertTrue(leak.path("hint").asText().contains(c.hint()), leak.path("hint").asText());
        assertEquals(c.reason(), leak.path("scope").path("cancelReason").asText(), r.describe());
        assertTrue(leak.path("scope").path("cancelStack").toString().contains("dev.outlive.fixtures.VirtualBlockingScenarios."),
                "the cancelling call site is named: " + r.describe());
        assertTrue(leak.path("spawnStack").toString().contains("dev.outlive.fixtures.VirtualBlockingScenarios."), r.describe());
    }

    static Stream<Arguments> correct() {
        return Jdks.withEach(List.of("vt-parked-cancel-correct", "vt-parked-scope-correct", "vt-socket-read-correct",
                    "vt-spin-cancel-correct", "vt-deadlock-correct"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("correct")
    void correctVirtualTwinIsNeverReported(Jdks.Jdk jdk, String scenario) throws Exception {
        assumeTrue(jdk.feature() >= 21, "virtual threads arrived in JDK 21");
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, scenario);
        r.assertOnlyTheSentinel();
    }

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aVirtualTaskBlockingAfterCancellationIsAWarning(Jdks.Jdk jdk) throws Exception {
        assumeTrue(jdk.feature() >= 21, "virtual threads arrived in JDK 21");
        // A long grace: the task is released as soon as the warning is out and must not count as a leak.
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=10s", MAIN, "vt-late-blocking-call");
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(0, r.leaks().size(), r.describe());
        assertEquals(1, r.warnings().size(), r.describe());
        JsonNode w = r.warnings().get(0);
        assertEquals("LATE_BLOCKING_CALL", w.path("kind").asText(), r.describe());
        assertEquals("VIRTUAL_THREAD", w.path("task").path("kind").asText(), r.describe());
        assertTrue(w.path("currentStack").toString().contains("VirtualBlockingScenarios.lambda$lateBlockingCall"), r.describe());
        assertTrue(w.path("hint").asText().contains("check the scope before blocking"), r.describe());
    }

    /** The JDK's deadlock detection ignores virtual threads: the lock cycle is followed through park blockers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLockCycleBetweenVirtualThreadsIsADeadlockForBoth(Jdks.Jdk jdk) throws Exception {
        assumeTrue(jdk.feature() >= 21, "virtual threads arrived in JDK 21");
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, "vt-deadlock-leaky");
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(2, r.leaks().size(), r.describe());
        for (JsonNode leak : r.leaks()) {
            assertEquals("DEADLOCKED", leak.path("kind").asText(), r.describe());
            assertEquals("VIRTUAL_THREAD", leak.path("task").path("kind").asText(), r.describe());
            assertTrue(leak.path("currentStack").toString().contains("VirtualBlockingScenarios.lockBoth"), r.describe());
        }
    }
}
