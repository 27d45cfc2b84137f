package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What leaked tasks are stuck on, and the kinds and hints that follow, on every JDK found. */
class BlockingIT {
    static final String MAIN = "dev.outlive.fixtures.BlockingScenarios";
    static final String OPTIONS = "grace=300ms";

    /** A leaky scenario: the kind, a fragment of the blocking call's method (or null), and of the hint. */
    record Case(String scenario, String kind, String method, boolean interruptible, String hint) {
    }

    static Stream<Arguments> leaky() {
        List<Case> cases = List.of(
                new Case("cf-parked-leaky", "BLOCKED_AFTER_CANCEL", "LockSupport.park", true, "CompletableFuture"),
                new Case("sleep-in-scope-leaky", "BLOCKED_AFTER_CANCEL", "Thread.sleep", true, "sleeps"),
                new Case("socket-read-leaky", "BLOCKED_UNINTERRUPTIBLE", "ocket", false, "SO_TIMEOUT"),
                new Case("selector-leaky", "BLOCKED_AFTER_CANCEL", "Selector.select", true, "wakeup()"),
                new Case("channel-read-leaky", "BLOCKED_AFTER_CANCEL", "NIO channel I/O (sun.nio.ch.SocketChannelImpl", true,
                        "an interrupt closes the channel"),
                new Case("monitor-leaky", "BLOCKED_UNINTERRUPTIBLE", "monitor enter", false, "close the resource"),
                new Case("lock-leaky", "BLOCKED_UNINTERRUPTIBLE", "ReentrantLock.lock (ignores interrupts)", false,
                        "lockInterruptibly()"),
                new Case("unclosed-executor-leaky", "UNCLOSED_EXECUTOR", null, false, "shut it down"));
        return Jdks.withEach(cases);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("leaky")
    void leakyTwinIsClassifiedByWhatItIsStuckOn(Jdks.Jdk jdk, Case c) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, c.scenario());
        JsonNode leak = r.theOnlyLeak(c.kind());
        if (c.method() != null) {
            JsonNode call = leak.path("blockingCall");
            assertTrue(call.path("method").asText().contains(c.method()), r.describe());
            assertEquals(c.interruptible(), call.path("interruptible").asBoolean(), r.describe());
            assertEquals("BLOCKED", leak.path("task").path("state").asText(), r.describe());
        }
        assertTrue(leak.path("hint").asText().contains(c.hint()), leak.path("hint").asText());
        assertTrue(leak.path("spawnStack").toString().contains("dev.outlive.fixtures.BlockingScenarios."), r.describe());
    }

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aParkedTaskNamesItsBlocker(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, "cf-parked-leaky");
        JsonNode call = r.leaks().get(0).path("blockingCall");
        assertTrue(call.path("parkBlocker").asText().startsWith("java.util.concurrent.CountDownLatch$Sync@"), r.describe());
        assertFalse(call.path("since").isNull(), "the park hook saw when it began: " + r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aDeadlockIsReportedForBothThreads(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, "deadlock-leaky");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(2, r.leaks().size(), r.describe());
        for (JsonNode leak : r.leaks()) {
            assertEquals("DEADLOCKED", leak.path("kind").asText(), r.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anUnclosedExecutorIsReportedOnceWhereItWasCreated(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, "unclosed-executor-leaky");
        JsonNode leak = r.leaks().get(0);
        assertTrue(leak.path("spawnStack").get(0).asText().contains("BlockingScenarios.executorInScope")
                        || leak.path("spawnStack").toString().contains("BlockingScenarios.executorInScope"), r.describe());
        assertEquals(List.of("jvm", "main", "request"), List.of(leak.path("scope").path("path").get(0).asText(),
                leak.path("scope").path("path").get(1).asText(), leak.path("scope").path("path").get(2).asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void blockingAfterCancellationIsAWarningWithTheCallSite(Jdks.Jdk jdk) throws Exception {
        // A long grace: the task is released as soon as the warning is out, and must not count as a leak
        // however slow the machine is to write that warning.
        ForkedJvm.Result r = ForkedJvm.run(jdk, "grace=10s", MAIN, "late-blocking-call");
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(0, r.leaks().size(), r.describe());
        assertEquals(1, r.warnings().size(), r.describe());
        JsonNode w = r.warnings().get(0);
        assertEquals("LATE_BLOCKING_CALL", w.path("kind").asText());
        assertTrue(w.path("currentStack").toString().contains("BlockingScenarios.lambda$lateBlockingCall"), r.describe());
    }

    static Stream<Arguments> correct() {
        return Jdks.withEach(List.of("cf-parked-correct", "socket-read-correct", "selector-correct",
                "channel-read-correct", "lock-correct", "deadlock-correct", "unclosed-executor-correct"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("correct")
    void correctTwinIsNeverReported(Jdks.Jdk jdk, String scenario) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, scenario);
        r.assertOnlyTheSentinel();
    }
}
