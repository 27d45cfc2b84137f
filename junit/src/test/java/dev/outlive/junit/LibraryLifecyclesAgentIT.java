package dev.outlive.junit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real libraries under the extension and the agent (GitHub issue 12), run like
 * {@link LeakCheckAgentIT}: Failsafe forks this JVM with the agent (see junit/pom.xml) and the fixtures
 * run through EngineTestKit inside it. A library closed in the test passes; one left open fails it.
 */
class LibraryLifecyclesAgentIT {
    private static EngineExecutionResults hikari;

    @BeforeAll
    static void runTheFixtures() {
        assertTrue(LeakCheckFallbackTest.agentActive(), "this JVM must run with -javaagent:outlive-agent.jar");
        hikari = Runs.run(LibraryFixtures.Hikari.class);
    }

    @AfterAll
    static void closeWhatTheLeakyFixtureLeftOpen() {
        LibraryFixtures.Hikari.LEFT_OPEN.forEach(HikariDataSource::close);
        LibraryFixtures.Hikari.LEFT_OPEN.clear();
    }

    @Test
    void hikariPoolClosedByTryWithResourcesPasses() {
        Optional<Throwable> closed = Runs.failureOf(hikari, "closesItsPool()");
        assertTrue(closed.isEmpty(), () -> "a pool closed by try-with-resources is no leak: " + closed.get());
        hikari.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void hikariPoolLeftOpenFailsTheTest() {
        // The pool's work outlives the test: its housekeeper executor and the tasks queued on it. Which
        // of them the failure lists first (the executor, or its scheduled tasks) is the tracker's choice.
        String message = Runs.requireFailure(hikari, "neverClosesItsPool()").getMessage();
        assertTrue(message.contains("LEAK "), message);
        assertTrue(message.contains("scope jvm/Hikari/neverClosesItsPool()"), message);
        assertTrue(message.contains("cancelled by: test finished"), message);
        assertTrue(message.contains("com.zaxxer.hikari.pool.HikariPool."), message);
        assertTrue(message.contains(
                "dev.outlive.junit.LibraryFixtures$Hikari.neverClosesItsPool(LibraryFixtures.java:"), message);
    }
}
