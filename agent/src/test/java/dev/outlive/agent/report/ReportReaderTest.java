package dev.outlive.agent.report;

import dev.outlive.core.report.Finding;
import dev.outlive.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportReaderTest {
    @TempDir
    Path dir;

    private final ReportReader reader = new ReportReader();

    private Path write(Report r) throws Exception {
        Path p = dir.resolve("report.json");
        ReportFiles.writeAtomically(p, new JsonReportWriter().toJson(r));
        return p;
    }

    private Path file(String content) throws Exception {
        Path p = dir.resolve("x.json");
        Files.writeString(p, content);
        return p;
    }

    @Test
    void roundTripFromWriter() throws Exception {
        Finding leak = SampleReports.ignoredCancellation("L1", "3f2a9c");
        Finding queued = SampleReports.queuedBlocked("L2", "77aa");
        Finding known = SampleReports.ignoredCancellation("L3", "beef");
        Finding warning = SampleReports.queuedBlocked("W1", "w-sig");
        ReportSummary s = reader.read(write(SampleReports.report(List.of(leak, queued), List.of(warning), List.of(known), List.of())));

        assertEquals("outlive.report/v1", s.schema());
        assertEquals(List.of(
                new ReportSummary.Leak("L1", "IGNORED_CANCELLATION", "3f2a9c",
                        "task 42 \"pool-1-thread-1\" spawned at com.acme.Main.start(Main.java:21)"),
                new ReportSummary.Leak("L2", "BLOCKED_UNINTERRUPTIBLE", "77aa",
                        "task 43 \"com.acme.Poller@1f\" spawned at com.acme.Poller.schedule(Poller.java:9)")),
                s.leaks());
        assertEquals(List.of("L3"), s.knownLeaks().stream().map(ReportSummary.Leak::id).toList());
        // Warnings are not leaks and never enter a baseline.
        assertEquals(Set.of("3f2a9c", "77aa", "beef"), s.signatures());
        assertEquals("L1 IGNORED_CANCELLATION 3f2a9c task 42 \"pool-1-thread-1\" spawned at com.acme.Main.start(Main.java:21)",
                s.leaks().get(0).oneLine());
    }

    @Test
    void cleanReportHasNoLeaks() throws Exception {
        ReportSummary s = reader.read(write(SampleReports.clean()));
        assertTrue(s.leaks().isEmpty());
        assertTrue(s.signatures().isEmpty());
    }

    @Test
    void toleratesMissingFieldsInsideAFinding() throws Exception {
        ReportSummary s = reader.read(file("{\"schema\":\"outlive.report/v1\",\"leaks\":[{\"signature\":\"s1\"},"
                + "{\"id\":\"L2\",\"kind\":\"DEADLOCKED\",\"signature\":\"s2\",\"task\":{\"id\":7,\"description\":\"d\",\"thread\":null},"
                + "\"spawnStack\":[\"java.base/java.lang.Thread.start(Thread.java:1)\"]}]}"));
        assertEquals(new ReportSummary.Leak("?", "?", "s1", "no task (no spawn stack)"), s.leaks().get(0));
        // All frames are JDK frames: the innermost one is shown rather than nothing.
        assertEquals("task 7 \"d\" spawned at java.base/java.lang.Thread.start(Thread.java:1)", s.leaks().get(1).description());
        assertTrue(s.knownLeaks().isEmpty());
    }

    @Test
    void controlCharactersDoNotSplitTheLine() throws Exception {
        ReportSummary s = reader.read(file("{\"schema\":\"outlive.report/v1\",\"leaks\":[{\"id\":\"L1\",\"kind\":\"K\","
                + "\"signature\":\"s\",\"task\":{\"id\":1,\"thread\":{\"name\":\"evil\\nL2 fake\"}}}]}"));
        assertEquals("task 1 \"evil?L2 fake\" (no spawn stack)", s.leaks().get(0).description());
    }

    @Test
    void missingFile() {
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> reader.read(dir.resolve("nope.json")));
        assertEquals(ReportFormatException.Reason.MISSING, e.reason());
        assertEquals("outlive: cannot read report '" + dir.resolve("nope.json") + "': no such file", e.getMessage());
    }

    @Test
    void directoryIsUnreadable() {
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> reader.read(dir, "baseline"));
        assertEquals(ReportFormatException.Reason.UNREADABLE, e.reason());
        assertEquals("outlive: cannot read baseline '" + dir + "': is a directory", e.getMessage());
    }

    @Test
    void invalidJson() throws Exception {
        Path p = file("{\"schema\": \"outlive.report/v1\",\n  \"leaks\": [ }");
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> reader.read(p));
        assertEquals(ReportFormatException.Reason.INVALID_JSON, e.reason());
        assertTrue(e.getMessage().startsWith("outlive: report '" + p + "' is not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("at line 2"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void trailingGarbageIsInvalid() throws Exception {
        Path p = file("{\"schema\":\"outlive.report/v1\",\"leaks\":[]} {\"more\":1}");
        assertEquals(ReportFormatException.Reason.INVALID_JSON,
                assertThrows(ReportFormatException.class, () -> reader.read(p)).reason());
    }

    @Test
    void emptyFileIsInvalid() throws Exception {
        Path p = file("");
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> reader.read(p));
        assertEquals(ReportFormatException.Reason.INVALID_JSON, e.reason());
        assertEquals("outlive: report '" + p + "' is not valid JSON: the file is empty", e.getMessage());
    }

    @Test
    void wrongSchema() throws Exception {
        Path p = file("{\"schema\":\"outlive.report/v2\",\"leaks\":[]}");
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> reader.read(p));
        assertEquals(ReportFormatException.Reason.NOT_A_REPORT, e.reason());
        assertEquals("outlive: report '" + p + "' is not an outlive.report/v1 report (schema: 'outlive.report/v2')", e.getMessage());
    }

    @Test
    void missingSchemaAndNonObjects() throws Exception {
        Path p = file("{\"leaks\":[]}");
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> reader.read(p));
        assertEquals(ReportFormatException.Reason.NOT_A_REPORT, e.reason());
        assertEquals("outlive: report '" + p + "' is not an outlive.report/v1 report (schema: none)", e.getMessage());

        Path array = file("[1, 2]");
        assertEquals(ReportFormatException.Reason.NOT_A_REPORT,
                assertThrows(ReportFormatException.class, () -> reader.read(array)).reason());
        Path number = file("{\"schema\": 1}");
        assertEquals("outlive: report '" + number + "' is not an outlive.report/v1 report (schema: '1')",
                assertThrows(ReportFormatException.class, () -> reader.read(number)).getMessage());
    }

    @Test
    void leaksOfTheWrongTypeAreNotAReport() throws Exception {
        Path p = file("{\"schema\":\"outlive.report/v1\",\"leaks\":{\"L1\":{}}}");
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> reader.read(p));
        assertEquals(ReportFormatException.Reason.NOT_A_REPORT, e.reason());
        assertTrue(e.getMessage().endsWith("('leaks' is not an array)"), e.getMessage());
    }
}
