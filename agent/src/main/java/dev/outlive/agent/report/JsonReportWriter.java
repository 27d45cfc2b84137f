package dev.outlive.agent.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.outlive.core.report.AgentView;
import dev.outlive.core.report.AncestorView;
import dev.outlive.core.report.BlockingCallView;
import dev.outlive.core.report.Finding;
import dev.outlive.core.report.JvmView;
import dev.outlive.core.report.LateFinish;
import dev.outlive.core.report.Report;
import dev.outlive.core.report.ScopeView;
import dev.outlive.core.report.Summary;
import dev.outlive.core.report.TaskView;
import dev.outlive.core.report.ThreadView;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} as JSON, schema {@code outlive.report/v1} (DESIGN §4).
 *
 * <p>Every field is written by hand with Jackson's streaming generator: core has no dependencies,
 * so its model cannot carry databind annotations, and spelling the fields out here keeps the field
 * names, their order and their nesting under this class's control rather than that of reflection.
 *
 * <p>Absent objects ({@code task.thread}, {@code scope}, {@code blockingCall}, {@code lateFinish},
 * ...) are written as JSON {@code null}, never left out, so that readers can tell "no value" from
 * "older writer". An absent list is written as an empty array and an absent options map as an empty
 * object: the schema says these are always arrays and objects.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class JsonReportWriter {
    /** One factory for all reports: Jackson factories are thread-safe and costly to create. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Creates a writer. */
    public JsonReportWriter() {
    }

    /**
     * The report as pretty-printed JSON (two-space indentation, {@code \n} line ends), ending with a newline.
     *
     * @param report the report to write
     * @return the JSON text
     */
    public String toJson(Report report) {
        StringWriter out = new StringWriter(4096);
        try {
            write(report, out);
        } catch (IOException e) {
            // A StringWriter never fails; anything here is a bug, not an I/O condition for callers to handle.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the report as pretty-printed JSON to {@code out}, followed by a newline. {@code out} is
     * flushed but not closed.
     *
     * @param report the report to write
     * @param out where the JSON goes
     * @throws IOException if {@code out} fails
     */
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            // The caller owns the writer: closing the generator must not close it.
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(prettyPrinter());
            writeReport(g, report);
        }
        out.write('\n');
        out.flush();
    }

    /**
     * Jackson's default puts the platform line separator between lines and one space before array
     * elements; fix both so that files are byte-identical on every OS and arrays indent like objects.
     */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentObjectsWith(indenter);
        pp.indentArraysWith(indenter);
        return pp;
    }

    private static void writeReport(JsonGenerator g, Report r) throws IOException {
        g.writeStartObject();
        // A report built without a schema is still a v1 report: this writer knows no other layout.
        g.writeStringField("schema", r.schema() != null ? r.schema() : Report.SCHEMA);
        g.writeStringField("generatedAt", r.generatedAt());
        g.writeStringField("trigger", r.trigger());
        g.writeFieldName("jvm");
        writeJvm(g, r.jvm());
        g.writeFieldName("agent");
        writeAgent(g, r.agent());
        g.writeFieldName("summary");
        writeSummary(g, r.summary());
        writeFindings(g, "leaks", r.leaks());
        writeFindings(g, "warnings", r.warnings());
        writeFindings(g, "knownLeaks", r.knownLeaks());
        g.writeArrayFieldStart("tasks");
        if (r.tasks() != null) {
            for (TaskView t : r.tasks()) {
                writeTask(g, t);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeJvm(JsonGenerator g, JvmView jvm) throws IOException {
        if (jvm == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("pid", jvm.pid());
        g.writeStringField("javaVersion", jvm.javaVersion());
        g.writeStringField("vm", jvm.vm());
        g.writeStringField("command", jvm.command());
        g.writeEndObject();
    }

    private static void writeAgent(JsonGenerator g, AgentView agent) throws IOException {
        if (agent == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("version", agent.version());
        g.writeObjectFieldStart("options");
        if (agent.options() != null) {
            // The map's own order: the agent decides whether options appear sorted or as given.
            for (Map.Entry<String, String> e : agent.options().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, Summary s) throws IOException {
        if (s == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("leaks", s.leaks());
        g.writeNumberField("warnings", s.warnings());
        g.writeNumberField("knownLeaks", s.knownLeaks());
        g.writeNumberField("liveTasks", s.liveTasks());
        g.writeNumberField("openScopes", s.openScopes());
        g.writeEndObject();
    }

    private static void writeFindings(JsonGenerator g, String name, List<Finding> findings) throws IOException {
        g.writeArrayFieldStart(name);
        if (findings != null) {
            for (Finding f : findings) {
                writeFinding(g, f);
            }
        }
        g.writeEndArray();
    }

    private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", f.id());
        g.writeStringField("kind", f.kind() == null ? null : f.kind().name());
        g.writeStringField("signature", f.signature());
        g.writeFieldName("task");
        writeTask(g, f.task());
        g.writeFieldName("scope");
        writeScope(g, f.scope());
        g.writeNumberField("overdueMillis", f.overdueMillis());
        writeStrings(g, "spawnStack", f.spawnStack());
        g.writeBooleanField("spawnStackRepresentative", f.spawnStackRepresentative());
        g.writeArrayFieldStart("ancestry");
        for (AncestorView a : f.ancestry()) {
            writeAncestor(g, a);
        }
        g.writeEndArray();
        writeStrings(g, "currentStack", f.currentStack());
        g.writeFieldName("blockingCall");
        writeBlockingCall(g, f.blockingCall());
        g.writeStringField("hint", f.hint());
        g.writeFieldName("lateFinish");
        // Read once: lateFinish is volatile and may be set by another thread while the report is written.
        writeLateFinish(g, f.lateFinish());
        g.writeEndObject();
    }

    private static void writeTask(JsonGenerator g, TaskView t) throws IOException {
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("id", t.id());
        g.writeStringField("kind", t.kind());
        g.writeStringField("description", t.description());
        g.writeStringField("state", t.state());
        g.writeFieldName("thread");
        writeThread(g, t.thread());
        g.writeEndObject();
    }

    private static void writeThread(JsonGenerator g, ThreadView t) throws IOException {
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeNumberField("tid", t.tid());
        g.writeBooleanField("virtual", t.virtual());
        g.writeBooleanField("daemon", t.daemon());
        g.writeStringField("state", t.state());
        g.writeEndObject();
    }

    private static void writeScope(JsonGenerator g, ScopeView s) throws IOException {
        if (s == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("id", s.id());
        g.writeStringField("name", s.name());
        g.writeStringField("kind", s.kind());
        writeStrings(g, "path", s.path());
        g.writeStringField("cancelledAt", s.cancelledAt());
        g.writeStringField("cancelReason", s.cancelReason());
        writeStrings(g, "cancelStack", s.cancelStack());
        g.writeEndObject();
    }

    private static void writeAncestor(JsonGenerator g, AncestorView a) throws IOException {
        g.writeStartObject();
        g.writeNumberField("taskId", a.taskId());
        g.writeStringField("kind", a.kind());
        g.writeStringField("description", a.description());
        writeStrings(g, "spawnStack", a.spawnStack());
        g.writeEndObject();
    }

    private static void writeBlockingCall(JsonGenerator g, BlockingCallView b) throws IOException {
        if (b == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("method", b.method());
        g.writeStringField("since", b.since());
        g.writeNumberField("blockedMillis", b.blockedMillis());
        g.writeBooleanField("interruptible", b.interruptible());
        g.writeStringField("parkBlocker", b.parkBlocker());
        g.writeEndObject();
    }

    private static void writeLateFinish(JsonGenerator g, LateFinish l) throws IOException {
        if (l == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("finishedAt", l.finishedAt());
        g.writeNumberField("millisAfterCancel", l.millisAfterCancel());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        if (values != null) {
            for (String v : values) {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }
}
