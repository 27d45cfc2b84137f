package dev.outlive.it;

import dev.outlive.fixtures.JmxFixture;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outlive's JFR events, recorded by a plain {@code -XX:StartFlightRecording} with the default
 * settings (the events are enabled by their own annotations), read back with this JVM's JFR parser.
 * The event classes live in the agent's private class loader; JFR registers them like any other.
 */
class JfrIT {
    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLeakAndTheCancellationBehindItAreRecorded(Jdks.Jdk jdk) throws Exception {
        Path dir = Files.createTempDirectory("outlive-jfr");
        Path report = dir.resolve("report.json");
        Path recording = dir.resolve("recording.jfr");
        ForkedJvm.Result r = ForkedJvm.exec(List.of(jdk.java().toString(),
                "-XX:StartFlightRecording=filename=" + recording + ",settings=default,dumponexit=true",
                "-javaagent:" + ForkedJvm.AGENT + "=report=" + report + ",grace=300ms",
                "-cp", ForkedJvm.FIXTURES, JmxFixture.class.getName(), report.toString(), "leak-and-exit"), dir, report);
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);

        List<RecordedEvent> leaks = new ArrayList<>();
        List<RecordedEvent> cancelled = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String name = e.getEventType().getName();
            if (name.equals("dev.outlive.Leak")) {
                leaks.add(e);
            } else if (name.equals("dev.outlive.ScopeCancelled")) {
                cancelled.add(e);
            }
        }
        assertEquals(1, leaks.size(), "one dev.outlive.Leak: " + leaks + "\n" + r.describe());
        RecordedEvent leak = leaks.get(0);
        assertEquals("LINGERING_THREAD", leak.getString("kind"));
        assertEquals("THREAD", leak.getString("taskKind"));
        assertEquals(JmxFixture.WORKER, leak.getString("description"));
        assertEquals("jvm/main/jmx-request", leak.getString("scopePath"));
        assertEquals("closed", leak.getString("cancelReason"));
        assertTrue(leak.getString("spawnSite").startsWith("dev.outlive.fixtures.JmxFixture.leak("), leak.getString("spawnSite"));

        assertTrue(cancelled.stream().anyMatch(e -> "jvm/main/jmx-request".equals(e.getString("scopePath"))
                && "EXPLICIT".equals(e.getString("scopeKind")) && "closed".equals(e.getString("reason"))),
                "a dev.outlive.ScopeCancelled for the closed scope: " + cancelled);
    }
}
