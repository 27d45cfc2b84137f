package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task left waiting inside a real JDBC driver (embedded H2) gets the database hint, on every JDK found. */
class DatabaseBlockingIT {
    static final String MAIN = "dev.outlive.fixtures.DatabaseScenarios";
    static final String OPTIONS = "grace=500ms";

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aTaskWaitingInTheDriverGetsTheJdbcHint(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, "jdbc-lock-wait-leaky");
        JsonNode leak = r.theOnlyLeak("BLOCKED_AFTER_CANCEL");
        assertEquals("EXECUTOR_TASK", leak.path("task").path("kind").asText(), r.describe());
        assertEquals("BLOCKED", leak.path("task").path("state").asText(), r.describe());
        String method = leak.path("blockingCall").path("method").asText();
        assertTrue(method.startsWith("JDBC org.h2."), "the driver frame is named: " + r.describe());
        assertTrue(method.contains("java.lang.Object.wait"), "and what it waits in: " + r.describe());
        assertTrue(leak.path("blockingCall").path("interruptible").asBoolean(), r.describe());
        assertTrue(leak.path("hint").asText().contains("Statement.cancel()"), leak.path("hint").asText());
        assertEquals("closed", leak.path("scope").path("cancelReason").asText(), r.describe());
        assertTrue(leak.path("spawnStack").toString().contains("dev.outlive.fixtures.DatabaseScenarios."), r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBoundedLockWaitIsNeverReported(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, OPTIONS, MAIN, "jdbc-lock-wait-correct");
        r.assertOnlyTheSentinel();
    }
}
