package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.tools.attach.VirtualMachine;
import dev.outlive.fixtures.JmxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MBean from a real JMX client and the {@code dump}/{@code attach} command line, against live
 * fixture JVMs. The fixture runs on every JDK found; the client (this JVM) and the command line run
 * on the test JDK: the Attach API talks to other JDK releases of the same (HotSpot) family, which
 * this test checks rather than assumes.
 */
class JmxIT {
    private static final String MBEAN = "dev.outlive:type=LeakTracker";
    private static final long WAIT_SECONDS = 60;
    private static final Path TEST_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJmxClientAndTheDumpCommandSeeTheLiveTasksAndTheLeak(Jdks.Jdk jdk) throws Exception {
        Path dir = Files.createTempDirectory("outlive-jmx");
        Path stop = dir.resolve("stop");
        Live app = start(jdk, dir, true, "leak-and-wait", stop);
        try (JMXConnector connector = connect(app.process.pid())) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(MBEAN);
            awaitRegistered(server, name, app);

            assertEquals(1, server.getAttribute(name, "LeakCount"), app.describe());
            assertEquals(0, server.getAttribute(name, "WarningCount"), app.describe());
            assertTrue((Long) server.getAttribute(name, "LiveTasks") >= 1, app.describe());
            assertTrue((Long) server.getAttribute(name, "OpenScopes") >= 1, app.describe());

            JsonNode dump = new ObjectMapper().readTree((String) server.invoke(name, "dumpJson", null, null));
            assertEquals("outlive.report/v1", dump.path("schema").asText());
            assertEquals("jmx", dump.path("trigger").asText());
            assertTrue(dump.path("tasks").isArray() && dump.path("tasks").size() > 0, dump.toPrettyString());
            assertTrue(contains(dump.path("tasks"), JmxFixture.WORKER), "the leaked worker is live: " + dump.toPrettyString());
            assertEquals(JmxFixture.WORKER, dump.path("leaks").get(0).path("task").path("description").asText());

            String text = (String) server.invoke(name, "dump", null, null);
            assertTrue(text.contains("scope jvm/main/jmx-request"), text);
            assertTrue(text.contains("\"" + JmxFixture.WORKER + "\""), text);
            assertTrue(text.contains("dev.outlive.fixtures.JmxFixture.leak"), "the spawn stack: " + text);
            assertTrue(text.contains("LEAK LINGERING_THREAD"), text);
            String leaks = (String) server.invoke(name, "leaks", null, null);
            assertTrue(leaks.startsWith("outlive: 1 leak(s)"), leaks);

            Path written = dir.resolve("sub").resolve("jmx-report.json");
            String returned = (String) server.invoke(name, "writeReport", new Object[] {written.toString()},
                    new String[] {String.class.getName()});
            assertEquals(written.toAbsolutePath().toString(), returned);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
            assertEquals("jmx", new ObjectMapper().readTree(written.toFile()).path("trigger").asText());
            MBeanException again = assertThrows(MBeanException.class, () -> server.invoke(name, "writeReport",
                    new Object[] {written.toString()}, new String[] {String.class.getName()}));
            assertTrue(again.getCause().getMessage().contains("already exists"), String.valueOf(again.getCause()));

            BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
            server.addNotificationListener(name, (n, handback) -> notifications.add(n), null, null);
            Files.createFile(Path.of(stop + ".leak"));
            Notification n = notifications.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(n, "no dev.outlive.leak notification for the second leak: " + app.describe());
            assertEquals("dev.outlive.leak", n.getType());
            assertTrue(n.getMessage().contains("\"" + JmxFixture.SECOND_WORKER + "\""), n.getMessage());
            assertTrue(String.valueOf(n.getUserData()).contains("spawned at:"), String.valueOf(n.getUserData()));
        }

        Cli dump = cli("dump", Long.toString(app.process.pid()), "--json");
        assertEquals(0, dump.exit, dump.toString());
        JsonNode json = new ObjectMapper().readTree(dump.stdout);
        assertEquals("jmx", json.path("trigger").asText());
        assertTrue(contains(json.path("leaks"), JmxFixture.WORKER), dump.toString());

        Path out = dir.resolve("dump.txt");
        Cli toFile = cli("dump", Long.toString(app.process.pid()), "--out", out.toString());
        assertEquals(0, toFile.exit, toFile.toString());
        assertTrue(Files.readString(out).contains("LEAK LINGERING_THREAD"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Cli noOverwrite = cli("dump", Long.toString(app.process.pid()), "--out", out.toString());
        assertEquals(2, noOverwrite.exit, noOverwrite.toString());

        app.stop(stop);
        AgentHealth.assertHealthy(app.result());
    }

    @Test
    void dumpOfAJvmWithoutTheAgentSaysSoAndAttachLoadsIt() throws Exception {
        Path dir = Files.createTempDirectory("outlive-jmx");
        Path stop = dir.resolve("stop");
        Jdks.Jdk jdk = new Jdks.Jdk(Runtime.version().feature(), Path.of(System.getProperty("java.home")));
        Live app = start(jdk, dir, false, "idle", stop);
        String pid = Long.toString(app.process.pid());

        Cli dump = cli("dump", pid);
        assertEquals(2, dump.exit, dump.toString());
        assertEquals("", dump.stdout, dump.toString());
        assertEquals(List.of("outlive: JVM " + pid + " is not running the Outlive agent (no " + MBEAN + " MBean)"),
                dump.stderr.lines().toList());

        Path report = dir.resolve("attached.json");
        Cli attach = cli("attach", pid, "grace=300ms,report=" + report);
        assertEquals(0, attach.exit, attach.toString());
        assertTrue(attach.stdout.contains("EnableDynamicAgentLoading"), attach.toString());
        assertTrue(attach.stdout.contains("agent loaded into JVM " + pid), attach.toString());
        try (JMXConnector connector = connect(app.process.pid())) {
            awaitRegistered(connector.getMBeanServerConnection(), new ObjectName(MBEAN), app);
        }
        Cli after = cli("dump", pid);
        assertEquals(0, after.exit, after.toString());
        assertTrue(after.stdout.contains("live task(s)"), after.toString());

        app.stop(stop);
        ForkedJvm.Result r = app.result();
        assertTrue(r.stderr().contains("outlive: attached to a running JVM"), r.describe());
        AgentHealth.assertHealthy(r);
    }

    @Test
    void badArgumentsGetOneLineAndExitStatus2() throws Exception {
        for (List<String> args : List.of(List.of("dump"), List.of("dump", "not-a-pid"), List.of("dump", "1", "--bogus"),
                List.of("dump", "1", "--out"), List.of("dump", "1", "2"), List.of("attach"),
                List.of("attach", Long.toString(ProcessHandle.current().pid()), "grce=1s"), List.of("frobnicate"))) {
            Cli r = cli(args.toArray(new String[0]));
            assertEquals(2, r.exit, r.toString());
            assertEquals(1, r.stderr.lines().count(), r.toString());
            assertTrue(r.stderr.startsWith("outlive: "), r.toString());
        }
        Cli help = cli("help");
        assertEquals(0, help.exit, help.toString());
        assertTrue(help.stdout.contains("dump <pid> [--json] [--out FILE]") && help.stdout.contains("attach <pid>"), help.stdout);
    }

    // --- helpers ---

    /** A fixture JVM running in the background. */
    private record Live(Process process, Path dir, Path report) {
        String describe() throws IOException {
            return "--- stdout ---\n" + read(dir.resolve("stdout.txt")) + "\n--- stderr ---\n" + read(dir.resolve("stderr.txt"));
        }

        void stop(Path stop) throws Exception {
            if (!Files.exists(stop)) {
                Files.createFile(stop);
            }
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("fixture did not stop: " + describe());
            }
        }

        ForkedJvm.Result result() throws IOException {
            JsonNode json = Files.exists(report) ? new ObjectMapper().readTree(report.toFile()) : null;
            return new ForkedJvm.Result(process.exitValue(), read(dir.resolve("stdout.txt")), read(dir.resolve("stderr.txt")),
                    json, report);
        }
    }

    private static Live start(Jdks.Jdk jdk, Path dir, boolean agent, String mode, Path stop) throws Exception {
        Path report = dir.resolve("report.json");
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (agent) {
            command.add("-javaagent:" + ForkedJvm.AGENT + "=report=" + report + ",grace=300ms");
        }
        command.addAll(List.of("-cp", ForkedJvm.FIXTURES, JmxFixture.class.getName(), report.toString(), mode, stop.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OUTLIVE_"));
        Live live = new Live(pb.start(), dir, report);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!read(dir.resolve("stdout.txt")).contains("ready")) {
            if (!live.process.isAlive() || System.nanoTime() > deadline) {
                live.process.destroyForcibly();
                throw new AssertionError("fixture never got ready: " + command + "\n" + live.describe());
            }
            Thread.sleep(50);
        }
        return live;
    }

    /** Connects the way {@code dump} does: attach, start the local management agent, connect. */
    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }

    /** The agent registers its MBean a moment after start-up, off premain: wait for it, bounded. */
    private static void awaitRegistered(MBeanServerConnection server, ObjectName name, Live app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " was never registered: " + app.describe());
            }
            Thread.sleep(50);
        }
    }

    private record Cli(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** {@code java -jar outlive-agent.jar args...} on the test JDK. */
    private static Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TEST_JAVA.toString(), "-jar", ForkedJvm.AGENT.toString()));
        command.addAll(List.of(args));
        Path dir = Files.createTempDirectory("outlive-cli");
        File out = dir.resolve("stdout.txt").toFile();
        File err = dir.resolve("stderr.txt").toFile();
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the command line did not end: " + command);
        }
        return new Cli(p.exitValue(), read(out.toPath()), read(err.toPath()));
    }

    private static boolean contains(JsonNode items, String description) {
        for (JsonNode t : items) {
            JsonNode task = t.has("task") ? t.path("task") : t;
            if (task.path("description").asText().equals(description)) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
