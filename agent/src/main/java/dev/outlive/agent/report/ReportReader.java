package dev.outlive.agent.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlive.core.report.Report;
import dev.outlive.core.stack.JdkFrames;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code outlive.report/v1} file for {@code check} and {@code baseline=}: its leaks and
 * their signatures, nothing more.
 *
 * <p>Only the schema is checked strictly. Within a finding, missing or mistyped fields are read as
 * absent: field names never change within v1 but fields may be added, and a baseline that a person
 * trimmed by hand should still work as long as the signatures are there.
 *
 * <p>Instances are thread-safe.
 */
public final class ReportReader {
    /** Object mappers are thread-safe once configured, and costly to create. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            // "{...} junk" is not a report: a truncated-then-appended file must not pass as valid.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Creates a reader. */
    public ReportReader() {
    }

    /**
     * Reads a report, naming it "report" in error messages.
     *
     * @param file the report file
     * @return its leaks and signatures
     * @throws ReportFormatException if the file is missing, unreadable, not JSON or not a v1 report
     */
    public ReportSummary read(Path file) throws ReportFormatException {
        return read(file, "report");
    }

    /**
     * Reads a report, naming it {@code role} in error messages ({@code "baseline"} gives
     * {@code outlive: cannot read baseline 'b.json': no such file}).
     *
     * @param file the report file
     * @param role what the file is to the caller, for messages
     * @return its leaks and signatures
     * @throws ReportFormatException if the file is missing, unreadable, not JSON or not a v1 report
     */
    public ReportSummary read(Path file, String role) throws ReportFormatException {
        String name = role + " '" + file + "'";
        byte[] bytes;
        try {
            // Checked first: reading a directory fails with a message that differs between OSes.
            if (Files.isDirectory(file)) {
                throw new ReportFormatException(ReportFormatException.Reason.UNREADABLE,
                        "outlive: cannot read " + name + ": is a directory", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ReportFormatException(ReportFormatException.Reason.MISSING,
                    "outlive: cannot read " + name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new ReportFormatException(ReportFormatException.Reason.UNREADABLE,
                    "outlive: cannot read " + name + ": permission denied", e);
        } catch (IOException e) {
            throw new ReportFormatException(ReportFormatException.Reason.UNREADABLE,
                    "outlive: cannot read " + name + ": " + firstLine(String.valueOf(e.getMessage())), e);
        }

        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ReportFormatException(ReportFormatException.Reason.INVALID_JSON,
                    "outlive: " + name + " is not valid JSON: " + shortReason(e), e);
        }
        // Jackson reads empty input as a "missing" node rather than failing.
        if (root == null || root.isMissingNode()) {
            throw new ReportFormatException(ReportFormatException.Reason.INVALID_JSON,
                    "outlive: " + name + " is not valid JSON: the file is empty", null);
        }

        JsonNode schema = root.path("schema");
        if (!schema.isTextual() || !Report.SCHEMA.equals(schema.asText())) {
            String found = schema.isMissingNode() ? "none" : "'" + oneLine(schema.isTextual() ? schema.asText() : schema.toString()) + "'";
            throw notAReport(name, "schema: " + found);
        }
        return new ReportSummary(schema.asText(), leaks(root, "leaks", name), leaks(root, "knownLeaks", name));
    }

    private static List<ReportSummary.Leak> leaks(JsonNode root, String field, String name) throws ReportFormatException {
        JsonNode list = root.path(field);
        List<ReportSummary.Leak> out = new ArrayList<>();
        // A report from a writer that left out an empty list still says "no leaks" clearly enough.
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            // Unlike a missing field inside one finding, a leak list of the wrong type means the
            // file cannot be judged at all; passing it as "no leaks" would let a CI gate go green.
            throw notAReport(name, "'" + field + "' is not an array");
        }
        for (JsonNode f : list) {
            if (!f.isObject()) {
                throw notAReport(name, "an entry of '" + field + "' is not an object");
            }
            out.add(new ReportSummary.Leak(text(f, "id", "?"), text(f, "kind", "?"), text(f, "signature", null),
                    describe(f)));
        }
        return out;
    }

    private static ReportFormatException notAReport(String name, String detail) {
        return new ReportFormatException(ReportFormatException.Reason.NOT_A_REPORT,
                "outlive: " + name + " is not an " + Report.SCHEMA + " report (" + detail + ")", null);
    }

    /** {@code task 42 "pool-1-thread-1" spawned at com.acme.Main.start(Main.java:21)}. */
    static String describe(JsonNode finding) {
        StringBuilder d = new StringBuilder();
        JsonNode task = finding.path("task");
        if (task.isObject()) {
            d.append("task ").append(task.path("id").isNumber() ? task.path("id").asText() : "?");
            // The thread's name is what people recognise in jstack and logs; a queued task has no
            // thread yet, so its description stands in (as in the text report's headline).
            String label = text(task.path("thread"), "name", null);
            if (label == null) {
                label = text(task, "description", "?");
            }
            d.append(" \"").append(label).append('"');
        } else {
            d.append("no task");
        }
        String frame = spawnFrame(finding.path("spawnStack"));
        d.append(frame == null ? " (no spawn stack)" : " spawned at " + frame);
        return oneLine(d.toString());
    }

    /**
     * The frame that names the spawn site: the innermost frame outside the JDK, since the innermost
     * one is usually {@code ThreadPoolExecutor.execute} or {@code Thread.start}, the same for every
     * leak. Falls back to the innermost frame when all of them are JDK frames.
     */
    private static String spawnFrame(JsonNode stack) {
        if (!stack.isArray() || stack.isEmpty()) {
            return null;
        }
        String first = null;
        for (JsonNode frame : stack) {
            if (!frame.isTextual()) {
                continue;
            }
            String f = frame.asText();
            if (first == null) {
                first = f;
            }
            // Frames print as "java.base/java.util..." for JDK modules, so the class prefix test
            // works on the whole string; "app//com.acme..." and plain "com.acme..." are user code.
            if (!JdkFrames.isJdkClass(f)) {
                return f;
            }
        }
        return first;
    }

    private static String text(JsonNode node, String field, String absent) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : absent;
    }

    /**
     * Thread names and descriptions are arbitrary strings; a newline in one must not split a leak
     * across lines of {@code check}'s output, where CI logs show one leak per line.
     */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return oneLine(nl < 0 ? s : s.substring(0, nl));
    }

    /** Jackson's own message without its multi-line source excerpt, plus where the error is. */
    private static String shortReason(IOException e) {
        if (e instanceof JsonProcessingException) {
            JsonProcessingException j = (JsonProcessingException) e;
            String reason = firstLine(String.valueOf(j.getOriginalMessage()));
            JsonLocation at = j.getLocation();
            if (at != null && at.getLineNr() > 0) {
                reason += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            }
            return reason;
        }
        return firstLine(String.valueOf(e.getMessage()));
    }
}
