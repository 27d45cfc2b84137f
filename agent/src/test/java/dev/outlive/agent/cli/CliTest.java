package dev.outlive.agent.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument handling of {@code dump} and {@code attach}: everything decided before attaching. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dumpWithoutAPidIsOneLineAndStatus2() {
        assertEquals(2, run("dump", "--json"));
        assertEquals("outlive: dump needs a pid (usage: dump <pid> [--json] [--out FILE])\n", err());
    }

    @Test
    void dumpRejectsUnknownOptionsNonNumbersAndItsOwnJvm() {
        assertEquals(2, run("dump", "42", "--pretty"));
        assertTrue(err().startsWith("outlive: unknown option '--pretty'"), err());
        err.reset();
        assertEquals(2, run("dump", "forty-two"));
        assertEquals("outlive: 'forty-two' is not a process id\n", err());
        err.reset();
        assertEquals(2, run("dump", Long.toString(ProcessHandle.current().pid())));
        assertTrue(err().contains("this command's own JVM"), err());
    }

    @Test
    void dumpRefusesAnExistingOutputFileBeforeAttaching() throws Exception {
        Path existing = Files.createTempFile("outlive-dump", ".txt");
        assertEquals(2, run("dump", "1", "--out", existing.toString()));
        assertTrue(err().contains("already exists; dump never overwrites a file"), err());
    }

    @Test
    void attachChecksItsOptionsFirst() {
        assertEquals(2, run("attach", "1", "grce=1s"));
        assertEquals("outlive: unknown option 'grce' (did you mean 'grace'?)\n", err());
        err.reset();
        assertEquals(2, run("attach", "1", "grace=1s", "report=x.json"));
        assertTrue(err().contains("one options argument"), err());
    }

    @Test
    void helpNamesEveryCommand() {
        assertEquals(0, run("help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String c : List.of("attach <pid> [options]", "dump <pid> [--json] [--out FILE]", "check <report.json>", "jdk.attach")) {
            assertTrue(usage.contains(c), usage);
        }
    }
}
