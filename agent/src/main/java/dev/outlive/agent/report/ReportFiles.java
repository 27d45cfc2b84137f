package dev.outlive.agent.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes report files with owner-only permissions (DESIGN §4: stacks and thread names can reveal
 * internals).
 *
 * <ul>
 *   <li>{@link #writeAtomically} is for the agent's own {@code report=} file, rewritten at exit and
 *       on each new leak: a reader (a CI step, {@code check}) sees the old report or the new one,
 *       never half of one.</li>
 *   <li>{@link #writeNew} is for JMX {@code writeReport} (DESIGN §6): the path comes from whoever
 *       can reach the MBean, so it must never overwrite an existing file.</li>
 * </ul>
 */
public final class ReportFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private ReportFiles() {
    }

    /**
     * Replaces {@code target} with {@code json} (UTF-8) atomically: the text goes to a temporary
     * file in the same directory, which is then renamed over the target. Missing parent directories
     * are created. The file is readable and writable by its owner only where the file system has
     * POSIX permissions; elsewhere it gets the file system's defaults.
     *
     * @param target the report file
     * @param json the report text
     * @throws IOException if the file cannot be written; the target is then left as it was and no
     *                     temporary file is left behind
     */
    public static void writeAtomically(Path target, String json) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        boolean posix = isPosix(dir);
        // Same directory as the target: a rename is only atomic within one file system. The
        // permissions are set at creation, so the stacks are never readable by others, not even briefly.
        Path temp = posix
                ? Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            if (posix) {
                // createTempFile's attribute is filtered by the umask; an explicit set is not, so a
                // strict umask cannot leave the owner unable to write the file or read it back.
                Files.setPosixFilePermissions(temp, OWNER_ONLY);
            }
            writeFully(temp, json);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (certain network or FUSE mounts) cannot rename atomically;
                // a plain replace is the best left there.
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Writes {@code json} (UTF-8) to a file that must not exist yet; owner-only permissions apply
     * from the moment it is created where the file system has POSIX permissions. Missing parent
     * directories are created.
     *
     * @param target the new file
     * @param json the report text
     * @throws FileAlreadyExistsException if {@code target} exists (it is left untouched)
     * @throws IOException if the file cannot be written
     */
    public static void writeNew(Path target, String json) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        SeekableByteChannel channel;
        try {
            // CREATE_NEW makes existence check and creation one step: no window for another
            // process to plant a file (or a symbolic link) between the two.
            channel = Files.newByteChannel(absolute, options, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(absolute.toString(), null,
                    "refusing to overwrite an existing file; choose a new path");
        }
        boolean written = false;
        try (channel) {
            write(channel, json);
            written = true;
        } finally {
            if (!written) {
                // The file is ours (CREATE_NEW succeeded): do not leave a truncated report behind.
                Files.deleteIfExists(absolute);
            }
        }
    }

    private static boolean isPosix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView("posix");
    }

    private static void writeFully(Path file, String json) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            write(channel, json);
            // On disk before the rename: after a crash the target is the old report or the whole
            // new one, not an empty file whose rename reached the disk before its content.
            channel.force(true);
        }
    }

    private static void write(SeekableByteChannel channel, String json) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
