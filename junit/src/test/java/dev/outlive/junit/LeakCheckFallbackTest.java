package dev.outlive.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The extension without the agent (Surefire runs this module's tests without it): the fallback
 * compares live platform threads and says that spawn stacks need the agent.
 */
class LeakCheckFallbackTest {
    private static final String AGENT_NOTE = "spawn stacks and virtual threads need -javaagent:outlive-agent.jar";

    @Test
    void leakyTestFailsNamingTheThreadAndTheKind() {
        assumeNoAgent();
        String message = Runs.requireFailure(Runs.run(Fixtures.Leaky.class), "leaks()").getMessage();
        assertTrue(message.contains("\"fixture-leaky\""), message);
        assertTrue(message.contains("LEAK LINGERING_THREAD"), message);
        assertTrue(message.contains("after test \"leaks()\" ended"), message);
        assertTrue(message.contains(AGENT_NOTE), message);
        assertTrue(message.contains("stuck at:"), message);
    }

    @Test
    void threadStartedInBeforeEachBelongsToTheTest() {
        assumeNoAgent();
        String message = Runs.requireFailure(Runs.run(Fixtures.LeakyInBeforeEach.class), "test()").getMessage();
        assertTrue(message.contains("\"fixture-before-each\""), message);
    }

    @Test
    void cleanTestPasses() {
        EngineExecutionResults results = Runs.run(Fixtures.Clean.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void failedTestKeepsItsFailureAndGetsTheLeakSuppressed() {
        assumeNoAgent();
        Throwable failure = Runs.requireFailure(Runs.run(Fixtures.FailsAndLeaks.class), "failsAndLeaks()");
        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        assertTrue(failure.getSuppressed()[0].getMessage().contains("\"fixture-failed-leaky\""),
                failure.getSuppressed()[0].getMessage());
    }

    @Test
    void serverStartedInBeforeAllAndStoppedInAfterAllIsFine() {
        EngineExecutionResults results = Runs.run(Fixtures.ClassServer.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void serverNeverStoppedFailsTheClass() {
        assumeNoAgent();
        EngineExecutionResults results = Runs.run(Fixtures.ClassLeak.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        String message = Runs.requireFailure(results, "Fixtures$ClassLeak").getMessage();
        assertTrue(message.contains("\"fixture-class-server\""), message);
        assertTrue(message.contains("after test class \"Fixtures$ClassLeak\" ended"), message);
    }

    @Test
    void autoDetectionChecksUnannotatedTests() {
        assumeNoAgent();
        assertTrue(Runs.failureOf(Runs.run(Fixtures.Unannotated.class), "leaks()").isEmpty(),
                "without auto-detection nothing is checked");
        EngineExecutionResults results = Runs.run(Fixtures.Unannotated.class,
                Map.of("junit.jupiter.extensions.autodetection.enabled", "true"));
        String message = Runs.requireFailure(results, "leaks()").getMessage();
        assertTrue(message.contains("\"fixture-autodetected\""), message);
        assertTrue(message.contains("still alive 500ms after"), message); // the default grace
    }

    @Test
    void methodLevelAnnotationChecksOnlyThatMethod() {
        assumeNoAgent();
        EngineExecutionResults results = Runs.run(Fixtures.MethodLevel.class);
        assertTrue(Runs.requireFailure(results, "checked()").getMessage().contains("\"fixture-method-level\""));
        assertTrue(Runs.failureOf(results, "unchecked()").isEmpty());
    }

    @Test
    void registeredTwiceChecksOnce() {
        assumeNoAgent();
        EngineExecutionResults results = Runs.run(Fixtures.Leaky.class,
                Map.of("junit.jupiter.extensions.autodetection.enabled", "true"));
        Throwable failure = Runs.requireFailure(results, "leaks()");
        assertTrue(failure.getMessage().startsWith("outlive: 1 leak:"), failure.getMessage());
        assertEquals(0, failure.getSuppressed().length);
    }

    @Test
    void nestedTestLeakIsBlamedOnTheTestOnly() {
        assumeNoAgent();
        EngineExecutionResults results = Runs.run(Fixtures.Outer.class);
        assertTrue(Runs.requireFailure(results, "leaksInNested()").getMessage().contains("\"fixture-nested\""));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void badGraceIsAConfigurationError() {
        EngineExecutionResults results = Runs.run(Fixtures.BadGrace.class);
        String message = Runs.requireFailure(results, "Fixtures$BadGrace").getMessage();
        assertTrue(message.contains("@LeakCheck(grace = \"soon\")"), message);
        assertFalse(Fixtures.BadGrace.ran, "a misconfigured check fails before the test body runs");
    }

    private static void assumeNoAgent() {
        assumeFalse(agentActive(), "these assertions are about the fallback without the agent");
    }

    static boolean agentActive() {
        try {
            Class<?> hooks = Class.forName("dev.outlive.bridge.Hooks", false, null);
            return (Boolean) hooks.getMethod("isEnabled").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    @Test
    void fixturesAreTaggedSoBuildsSkipThem() {
        for (Class<?> c : Fixtures.class.getDeclaredClasses()) {
            org.junit.jupiter.api.Tag tag = c.getAnnotation(org.junit.jupiter.api.Tag.class);
            assertFalse(tag == null || !tag.value().equals(Fixtures.TAG), c + " must carry @Tag(\"" + Fixtures.TAG + "\")");
        }
    }
}
