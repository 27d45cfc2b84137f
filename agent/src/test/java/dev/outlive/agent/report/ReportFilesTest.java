package dev.outlive.agent.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assumes Linux (POSIX permissions), as the project's CI does. */
class ReportFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void atomicWriteCreatesFileAndParents() throws Exception {
        Path target = dir.resolve("a/b/report.json");
        ReportFiles.writeAtomically(target, "{\"x\":\"é\"}\n");
        assertEquals("{\"x\":\"é\"}\n", Files.readString(target, StandardCharsets.UTF_8));
    }

    @Test
    void atomicWriteReplacesExistingFileAndLeavesNoTempFiles() throws Exception {
        Path target = dir.resolve("report.json");
        Files.writeString(target, "old content that is longer than the new one");
        ReportFiles.writeAtomically(target, "new");
        assertEquals("new", Files.readString(target));
        ReportFiles.writeAtomically(target, "newer");
        assertEquals("newer", Files.readString(target));
        assertEquals(List.of("report.json"), listing());
    }

    @Test
    void atomicWriteIsOwnerOnlyEvenOverAWorldReadableFile() throws Exception {
        Path target = dir.resolve("report.json");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
        ReportFiles.writeAtomically(target, "new");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void atomicWriteFailureLeavesTargetAndNoTempFile() throws Exception {
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "keep");
        // Renaming a file over a non-empty directory fails.
        assertThrows(java.io.IOException.class, () -> ReportFiles.writeAtomically(target, "x"));
        assertEquals("keep", Files.readString(target.resolve("inside")));
        assertEquals(List.of("taken"), listing());
    }

    @Test
    void writeNewCreatesOwnerOnlyFile() throws Exception {
        Path target = dir.resolve("sub/dump.json");
        ReportFiles.writeNew(target, "{}");
        assertEquals("{}", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void writeNewRefusesToOverwrite() throws Exception {
        Path target = dir.resolve("dump.json");
        Files.writeString(target, "precious");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> ReportFiles.writeNew(target, "{}"));
        assertTrue(e.getMessage().contains("dump.json"), e.getMessage());
        assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        assertEquals("precious", Files.readString(target));
    }

    @Test
    void writeNewRefusesASymbolicLink() throws Exception {
        Path elsewhere = dir.resolve("elsewhere.txt");
        Files.writeString(elsewhere, "precious");
        Path link = Files.createSymbolicLink(dir.resolve("dump.json"), elsewhere);
        assertThrows(FileAlreadyExistsException.class, () -> ReportFiles.writeNew(link, "{}"));
        assertEquals("precious", Files.readString(elsewhere));
    }
}
