package dev.outlive.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlive.core.leak.LeakKind;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.LateFinish;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.TaskView;
import dev.outlive.core.report.ThreadView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonReportWriter writer = new JsonReportWriter();

    private JsonNode write(Report r) throws Exception {
        return MAPPER.readTree(writer.toJson(r));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), "expected an array: " + array);
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.textValue()));
        return out;
    }

    @Test
    void topLevelFieldsAndHeaderObjects() throws Exception {
        JsonNode root = write(SampleReports.clean());
        assertEquals(List.of("schema", "generatedAt", "trigger", "jvm", "agent", "summary",
                "leaks", "warnings", "knownLeaks", "tasks"), fieldNames(root));
        assertEquals("outlive.report/v1", root.get("schema").textValue());
        assertEquals("2026-11-22T01:02:03.456Z", root.get("generatedAt").textValue());
        assertEquals("exit", root.get("trigger").textValue());

        JsonNode jvm = root.get("jvm");
        assertEquals(List.of("pid", "javaVersion", "vm", "command"), fieldNames(jvm));
        assertEquals(4242, jvm.get("pid").longValue());
        assertTrue(jvm.get("pid").isIntegralNumber());
        assertEquals("25.0.1", jvm.get("javaVersion").textValue());
        assertEquals("OpenJDK 64-Bit Server VM", jvm.get("vm").textValue());
        assertEquals("com.acme.Main", jvm.get("command").textValue());

        JsonNode agent = root.get("agent");
        assertEquals(List.of("version", "options"), fieldNames(agent));
        assertEquals("0.1.0", agent.get("version").textValue());
        assertEquals(List.of("grace", "stacks"), fieldNames(agent.get("options")));
        assertEquals("2s", agent.get("options").get("grace").textValue());
        assertEquals("full", agent.get("options").get("stacks").textValue());

        JsonNode summary = root.get("summary");
        assertEquals(List.of("leaks", "warnings", "knownLeaks", "liveTasks", "openScopes"), fieldNames(summary));
        assertEquals(0, summary.get("leaks").intValue());
        assertEquals(12, summary.get("liveTasks").longValue());
        assertEquals(4, summary.get("openScopes").longValue());

        for (String list : List.of("leaks", "warnings", "knownLeaks", "tasks")) {
            assertTrue(root.get(list).isArray() && root.get(list).isEmpty(), list);
        }
    }

    @Test
    void findingHasEveryFieldInOrderWithNestedObjects() throws Exception {
        JsonNode leak = write(SampleReports.report(List.of(SampleReports.ignoredCancellation("L1", "3f2a9c")),
                List.of(), List.of(), List.of())).get("leaks").get(0);
        assertEquals(List.of("id", "kind", "signature", "task", "scope", "overdueMillis", "spawnStack",
                "spawnStackRepresentative", "ancestry", "currentStack", "blockingCall", "hint", "lateFinish"),
                fieldNames(leak));
        assertEquals("L1", leak.get("id").textValue());
        assertEquals("IGNORED_CANCELLATION", leak.get("kind").textValue());
        assertEquals("3f2a9c", leak.get("signature").textValue());

        JsonNode task = leak.get("task");
        assertEquals(List.of("id", "kind", "description", "state", "thread"), fieldNames(task));
        assertEquals(42, task.get("id").longValue());
        assertEquals("EXECUTOR_TASK", task.get("kind").textValue());
        assertEquals("com.acme.Worker$$Lambda/0x1234", task.get("description").textValue());
        assertEquals("RUNNING", task.get("state").textValue());
        JsonNode thread = task.get("thread");
        assertEquals(List.of("name", "tid", "virtual", "daemon", "state"), fieldNames(thread));
        assertEquals("pool-1-thread-1", thread.get("name").textValue());
        assertEquals(31, thread.get("tid").longValue());
        assertTrue(thread.get("virtual").isBoolean());
        assertFalse(thread.get("virtual").booleanValue());
        assertFalse(thread.get("daemon").booleanValue());
        assertEquals("RUNNABLE", thread.get("state").textValue());

        JsonNode scope = leak.get("scope");
        assertEquals(List.of("id", "name", "kind", "path", "cancelledAt", "cancelReason", "cancelStack"), fieldNames(scope));
        assertEquals(7, scope.get("id").longValue());
        assertEquals("pool-1", scope.get("name").textValue());
        assertEquals("EXECUTOR", scope.get("kind").textValue());
        assertEquals(List.of("jvm", "main", "pool-1"), strings(scope.get("path")));
        assertEquals("2026-11-22T01:02:01.000Z", scope.get("cancelledAt").textValue());
        assertEquals("shutdownNow()", scope.get("cancelReason").textValue());
        assertEquals(List.of("com.acme.Main.stop(Main.java:30)"), strings(scope.get("cancelStack")));

        assertEquals(1520, leak.get("overdueMillis").longValue());
        assertEquals(List.of("java.base/java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1355)",
                "com.acme.Main.start(Main.java:21)"), strings(leak.get("spawnStack")));
        assertTrue(leak.get("spawnStackRepresentative").isBoolean());
        assertFalse(leak.get("spawnStackRepresentative").booleanValue());

        JsonNode ancestor = leak.get("ancestry").get(0);
        assertEquals(1, leak.get("ancestry").size());
        assertEquals(List.of("taskId", "kind", "description", "spawnStack"), fieldNames(ancestor));
        assertEquals(12, ancestor.get("taskId").longValue());
        assertEquals("THREAD", ancestor.get("kind").textValue());
        assertEquals("nioEventLoopGroup-2-1", ancestor.get("description").textValue());
        assertEquals(List.of("com.acme.Main.startServer(Main.java:18)"), strings(ancestor.get("spawnStack")));

        assertEquals(List.of("com.acme.Worker.spin(Worker.java:12)"), strings(leak.get("currentStack")));
        assertEquals(LeakKind.IGNORED_CANCELLATION.defaultHint(), leak.get("hint").textValue());
    }

    @Test
    void absentObjectsAreWrittenAsNullNotOmitted() throws Exception {
        Finding f = SampleReports.queuedBlocked("W1", "abc");
        JsonNode root = write(SampleReports.report(List.of(), List.of(f), List.of(), List.of()));
        JsonNode warning = root.get("warnings").get(0);
        // has() is true for a field present with a null value, false for an omitted one.
        assertTrue(warning.has("scope") && warning.get("scope").isNull());
        assertTrue(warning.has("lateFinish") && warning.get("lateFinish").isNull());
        assertTrue(warning.get("task").has("thread") && warning.get("task").get("thread").isNull());

        JsonNode leak = write(SampleReports.report(List.of(SampleReports.ignoredCancellation("L1", "s")),
                List.of(), List.of(), List.of())).get("leaks").get(0);
        assertTrue(leak.has("blockingCall") && leak.get("blockingCall").isNull());
    }

    @Test
    void blockingCallLateFinishAndRepresentativeStack() throws Exception {
        Finding f = SampleReports.queuedBlocked("L2", "abc");
        f.lateFinish(new LateFinish("2026-11-22T01:02:05.000Z", 4000));
        JsonNode leak = write(SampleReports.report(List.of(f), List.of(), List.of(), List.of())).get("leaks").get(0);
        assertEquals("BLOCKED_UNINTERRUPTIBLE", leak.get("kind").textValue());
        assertTrue(leak.get("spawnStackRepresentative").booleanValue());
        assertTrue(leak.get("ancestry").isArray() && leak.get("ancestry").isEmpty());
        assertTrue(leak.get("currentStack").isArray() && leak.get("currentStack").isEmpty());

        JsonNode b = leak.get("blockingCall");
        assertEquals(List.of("method", "since", "blockedMillis", "interruptible", "parkBlocker"), fieldNames(b));
        assertEquals("java.net.SocketInputStream.read", b.get("method").textValue());
        assertEquals("2026-11-22T01:02:02.000Z", b.get("since").textValue());
        assertEquals(900, b.get("blockedMillis").longValue());
        assertFalse(b.get("interruptible").booleanValue());
        assertEquals("java.util.concurrent.locks.ReentrantLock$NonfairSync@6d06d69c", b.get("parkBlocker").textValue());

        JsonNode late = leak.get("lateFinish");
        assertEquals(List.of("finishedAt", "millisAfterCancel"), fieldNames(late));
        assertEquals("2026-11-22T01:02:05.000Z", late.get("finishedAt").textValue());
        assertEquals(4000, late.get("millisAfterCancel").longValue());
    }

    @Test
    void nullParkBlockerAndCancelReasonAreNull() throws Exception {
        Finding base = SampleReports.queuedBlocked("L1", "abc");
        Finding f = new Finding("L1", base.kind(), "abc", base.task(),
                new dev.outlive.core.report.ScopeView(3, "test", "TEST", List.of("jvm", "test"), null, null, List.of()),
                0, List.of(), false, List.of(), List.of(),
                new dev.outlive.core.report.BlockingCallView("java.lang.Object.wait", "t", 1, true, null), "h");
        JsonNode leak = write(SampleReports.report(List.of(f), List.of(), List.of(), List.of())).get("leaks").get(0);
        assertTrue(leak.get("blockingCall").has("parkBlocker"));
        assertTrue(leak.get("blockingCall").get("parkBlocker").isNull());
        assertTrue(leak.get("scope").get("cancelledAt").isNull());
        assertTrue(leak.get("scope").get("cancelReason").isNull());
        assertTrue(leak.get("scope").get("cancelStack").isArray());
    }

    @Test
    void findingsGoToTheirListsAndTasksAreTaskViews() throws Exception {
        Report r = SampleReports.report(
                List.of(SampleReports.ignoredCancellation("L1", "a")),
                List.of(SampleReports.queuedBlocked("W1", "b")),
                List.of(SampleReports.ignoredCancellation("L2", "c")),
                List.of(new TaskView(1, "THREAD", "main", "RUNNING", new ThreadView("main", 1, false, false, "RUNNABLE")),
                        new TaskView(2, "VIRTUAL_THREAD", "v", "QUEUED", null)));
        JsonNode root = write(r);
        assertEquals("L1", root.get("leaks").get(0).get("id").textValue());
        assertEquals("W1", root.get("warnings").get(0).get("id").textValue());
        assertEquals("L2", root.get("knownLeaks").get(0).get("id").textValue());
        assertEquals("c", root.get("knownLeaks").get(0).get("signature").textValue());

        JsonNode tasks = root.get("tasks");
        assertEquals(2, tasks.size());
        assertEquals(List.of("id", "kind", "description", "state", "thread"), fieldNames(tasks.get(0)));
        assertEquals("main", tasks.get(0).get("thread").get("name").textValue());
        assertEquals("VIRTUAL_THREAD", tasks.get(1).get("kind").textValue());
        assertTrue(tasks.get(1).get("thread").isNull());
    }

    @Test
    void stringsAreEscaped() throws Exception {
        Finding base = SampleReports.ignoredCancellation("L1", "s");
        Finding f = new Finding("L1", base.kind(), "s",
                new TaskView(5, "THREAD", "quote \" backslash \\ newline \n tab \t é", "RUNNING", null),
                null, 0, List.of(), false, List.of(), List.of(), null, "h");
        String json = writer.toJson(SampleReports.report(List.of(f), List.of(), List.of(), List.of()));
        assertEquals("quote \" backslash \\ newline \n tab \t é",
                MAPPER.readTree(json).get("leaks").get(0).get("task").get("description").textValue());
    }

    @Test
    void prettyPrintedWithTwoSpacesAndUnixLineEnds() {
        String json = writer.toJson(SampleReports.clean());
        assertTrue(json.startsWith("{\n  \"schema\" : \"outlive.report/v1\",\n"), json);
        assertTrue(json.contains("\n  \"jvm\" : {\n    \"pid\" : 4242,"), json);
        assertFalse(json.contains("\r"));
        assertTrue(json.endsWith("}\n"));
    }
}
