package dev.outlive.agent.report;

import dev.outlive.core.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int check(String... args) {
        return CheckCommand.run(List.of(args), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private String save(String name, Report r) throws Exception {
        Path p = dir.resolve(name);
        ReportFiles.writeAtomically(p, new JsonReportWriter().toJson(r));
        return p.toString();
    }

    private String saveText(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    private static Report withLeaks(String... signatures) {
        List<dev.outlive.core.report.Finding> leaks = new java.util.ArrayList<>();
        for (int i = 0; i < signatures.length; i++) {
            leaks.add(SampleReports.ignoredCancellation("L" + (i + 1), signatures[i]));
        }
        return SampleReports.report(leaks, List.of(), List.of(), List.of());
    }

    @Test
    void cleanReportPasses() throws Exception {
        assertEquals(0, check(save("r.json", SampleReports.clean())));
        assertEquals("outlive check: no new leaks (0 known)\n", out());
        assertEquals("", err());
    }

    @Test
    void warningsAndKnownLeaksDoNotFail() throws Exception {
        Report r = SampleReports.report(List.of(), List.of(SampleReports.queuedBlocked("W1", "w")),
                List.of(SampleReports.ignoredCancellation("L1", "a"), SampleReports.ignoredCancellation("L2", "b")),
                List.of());
        assertEquals(0, check(save("r.json", r)));
        assertEquals("outlive check: no new leaks (2 known)\n", out());
    }

    @Test
    void newLeaksFailWithOneLineEach() throws Exception {
        assertEquals(3, check(save("r.json", withLeaks("3f2a9c", "77aa"))));
        assertEquals("L1 IGNORED_CANCELLATION 3f2a9c task 42 \"pool-1-thread-1\" spawned at com.acme.Main.start(Main.java:21)\n"
                + "L2 IGNORED_CANCELLATION 77aa task 42 \"pool-1-thread-1\" spawned at com.acme.Main.start(Main.java:21)\n"
                + "outlive check: 2 new leaks (0 known)\n", out());
        assertEquals("", err());
    }

    @Test
    void leaksCoveredByBaselinePass() throws Exception {
        String baseline = save("base.json", withLeaks("aa", "bb"));
        String report = save("r.json", withLeaks("bb", "aa"));
        assertEquals(0, check(report, "--baseline", baseline));
        assertEquals("outlive check: no new leaks (2 known)\n", out());
    }

    @Test
    void onlyLeaksOutsideTheBaselineAreNew() throws Exception {
        String baseline = save("base.json", withLeaks("aa"));
        String report = save("r.json", withLeaks("aa", "cc"));
        assertEquals(3, check(report, "--baseline=" + baseline));
        assertEquals("L2 IGNORED_CANCELLATION cc task 42 \"pool-1-thread-1\" spawned at com.acme.Main.start(Main.java:21)\n"
                + "outlive check: 1 new leak (1 known)\n", out());
    }

    @Test
    void baselineKnownLeaksStayAccepted() throws Exception {
        // The baseline itself was written with a baseline: its leak "aa" is listed as known.
        Report base = SampleReports.report(List.of(), List.of(), List.of(SampleReports.ignoredCancellation("L1", "aa")), List.of());
        assertEquals(0, check(save("r.json", withLeaks("aa")), "--baseline", save("base.json", base)));
    }

    @Test
    void baselineWarningsDoNotCoverLeaks() throws Exception {
        Report base = SampleReports.report(List.of(), List.of(SampleReports.queuedBlocked("W1", "aa")), List.of(), List.of());
        assertEquals(3, check(save("r.json", withLeaks("aa")), "--baseline", save("base.json", base)));
    }

    @Test
    void withoutBaselineEveryLeakIsNew() throws Exception {
        save("base.json", withLeaks("aa"));
        assertEquals(3, check(save("r.json", withLeaks("aa"))));
    }

    @Test
    void missingReport() {
        String missing = dir.resolve("missing.json").toString();
        assertEquals(2, check(missing));
        assertEquals("outlive: cannot read report '" + missing + "': no such file\n", err());
        assertEquals("", out());
    }

    @Test
    void missingBaseline() throws Exception {
        String missing = dir.resolve("base.json").toString();
        assertEquals(2, check(save("r.json", SampleReports.clean()), "--baseline", missing));
        assertEquals("outlive: cannot read baseline '" + missing + "': no such file\n", err());
    }

    @Test
    void invalidJson() throws Exception {
        String p = saveText("r.json", "{not json");
        assertEquals(2, check(p));
        assertTrue(err().startsWith("outlive: report '" + p + "' is not valid JSON: "), err());
        assertEquals(1, err().lines().count());
    }

    @Test
    void wrongSchema() throws Exception {
        String p = saveText("r.json", "{\"schema\":\"other/v1\",\"leaks\":[]}");
        assertEquals(2, check(p));
        assertEquals("outlive: report '" + p + "' is not an outlive.report/v1 report (schema: 'other/v1')\n", err());
    }

    @Test
    void wrongSchemaInBaseline() throws Exception {
        String base = saveText("base.json", "{\"leaks\":[]}");
        assertEquals(2, check(save("r.json", withLeaks("aa")), "--baseline", base));
        assertEquals("outlive: baseline '" + base + "' is not an outlive.report/v1 report (schema: none)\n", err());
    }

    @Test
    void badArguments() throws Exception {
        String r = save("r.json", SampleReports.clean());
        String usage = "outlive check: usage: check <report.json> [--baseline FILE]\n";
        assertEquals(2, check());
        assertEquals(usage, err());
        for (List<String> args : List.of(List.of(r, "--baseline"), List.of(r, r), List.of("--baseline", r),
                List.of(r, "--baseline", r, "--baseline", r), List.of(r, "--baseline="))) {
            errBytes.reset();
            assertEquals(2, check(args.toArray(String[]::new)), args.toString());
            assertEquals(usage, err(), args.toString());
        }
        errBytes.reset();
        assertEquals(2, check(r, "--basline", r));
        assertEquals("outlive check: unknown option '--basline'; usage: check <report.json> [--baseline FILE]\n", err());
        assertEquals("", out());
    }
}
