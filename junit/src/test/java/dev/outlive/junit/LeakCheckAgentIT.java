package dev.outlive.junit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension under the agent. Failsafe forks this JVM with
 * {@code -javaagent:../agent/target/outlive-agent.jar=stacks=full} on the JDK running the build (see
 * junit/pom.xml) and the fixtures run through EngineTestKit inside it.
 */
class LeakCheckAgentIT {
    private static final String AGENT_NOTE = "spawn stacks and virtual threads need -javaagent:outlive-agent.jar";

    @BeforeAll
    static void agentIsActive() {
        // A missing agent must fail here, not pass every test through the fallback.
        assertTrue(LeakCheckFallbackTest.agentActive(), "this JVM must run with -javaagent:outlive-agent.jar");
    }

    @Test
    void leakyTestReportsTheTaskWithItsSpawnSite() {
        String message = Runs.requireFailure(Runs.run(Fixtures.Leaky.class), "leaks()").getMessage();
        assertTrue(message.contains("LEAK LINGERING_THREAD task "), message);
        assertTrue(message.contains("\"fixture-leaky\""), message);
        assertTrue(message.contains("past cancellation of scope jvm/Leaky/leaks()"), message);
        assertTrue(message.contains("cancelled by: test finished"), message);
        assertTrue(message.contains("spawned at:"), message);
        assertTrue(message.contains("dev.outlive.junit.Fixtures$Leaky.leaks(Fixtures.java:"), message);
        assertFalse(message.contains(AGENT_NOTE), message);
        assertFalse(message.contains("at org.junit.platform."), "engine frames are cut: " + message);
    }

    @Test
    void parallelLeakIsBlamedOnTheTestThatOwnsIt() {
        EngineExecutionResults results = Runs.run(Fixtures.Parallel.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));
        assertTrue(Runs.failureOf(results, "clean()").isEmpty(), () -> "clean() must pass: " + Runs.failureOf(results, "clean()"));
        String message = Runs.requireFailure(results, "leaks()").getMessage();
        assertTrue(message.contains("\"fixture-parallel-leaky\""), message);
        assertTrue(message.contains("scope jvm/Parallel/leaks()"), message);
        assertTrue(message.contains("dev.outlive.junit.Fixtures$Parallel.leaks(Fixtures.java:"), message);
        assertFalse(message.contains("fixture-parallel-clean"), message);
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void threadStartedInBeforeEachBelongsToTheTest() {
        String message = Runs.requireFailure(Runs.run(Fixtures.LeakyInBeforeEach.class), "test()").getMessage();
        assertTrue(message.contains("\"fixture-before-each\""), message);
        assertTrue(message.contains("Fixtures$LeakyInBeforeEach.setUp(Fixtures.java:"), message);
    }

    @Test
    void failedTestGetsTheLeakAsSuppressed() {
        Throwable failure = Runs.requireFailure(Runs.run(Fixtures.FailsAndLeaks.class), "failsAndLeaks()");
        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        assertTrue(failure.getSuppressed()[0].getMessage().contains("\"fixture-failed-leaky\""));
    }

    @Test
    void classServerIsFineAndAnUnstoppedOneFailsTheClass() {
        EngineExecutionResults server = Runs.run(Fixtures.ClassServer.class);
        server.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        server.containerEvents().assertStatistics(s -> s.failed(0));

        EngineExecutionResults leak = Runs.run(Fixtures.ClassLeak.class);
        leak.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        String message = Runs.requireFailure(leak, "Fixtures$ClassLeak").getMessage();
        assertTrue(message.contains("\"fixture-class-server\""), message);
        assertTrue(message.contains("scope jvm/ClassLeak"), message);
    }

    @Test
    void executorTaskLeakIsReported() {
        String message = Runs.requireFailure(Runs.run(Fixtures.LeakyExecutorTask.class), "submitsAndForgets()").getMessage();
        assertTrue(message.contains("scope jvm/LeakyExecutorTask/submitsAndForgets()"), message);
        assertTrue(message.contains("Fixtures$LeakyExecutorTask.submitsAndForgets(Fixtures.java:"), message);
    }

    @Test
    void ignorePatternMatchesTheSpawnStack() {
        EngineExecutionResults results = Runs.run(Fixtures.Ignored.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void nestedTestScopeHangsUnderItsClasses() {
        EngineExecutionResults results = Runs.run(Fixtures.Outer.class);
        String message = Runs.requireFailure(results, "leaksInNested()").getMessage();
        assertTrue(message.contains("scope jvm/Outer/Inner/leaksInNested()"), message);
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void cleanTestPasses() {
        Runs.run(Fixtures.Clean.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }
}
