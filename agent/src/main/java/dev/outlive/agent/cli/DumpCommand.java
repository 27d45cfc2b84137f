package dev.outlive.agent.cli;

import dev.outlive.agent.report.ReportFiles;

import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dump <pid> [--json] [--out FILE]} (DESIGN §7): asks a running JVM's Outlive agent for a full
 * dump over JMX ({@code dump} or {@code dumpJson} on {@code dev.outlive:type=LeakTracker}) and prints
 * it or writes it to a new owner-only file. Exit 0, or 2 with one line on stderr.
 */
final class DumpCommand {
    static final String MBEAN = "dev.outlive:type=LeakTracker";

    private DumpCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Request r = parse(args);
            String text = fetch(r.pid, r.json);
            if (r.out == null) {
                out.print(text.endsWith("\n") ? text : text + "\n");
                out.flush();
            } else {
                write(r.out, text);
                out.println("outlive: wrote " + r.out.toAbsolutePath());
            }
            return 0;
        } catch (CliException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    record Request(String pid, boolean json, Path out) {
    }

    static Request parse(List<String> args) throws CliException {
        String pid = null;
        boolean json = false;
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--out")) {
                if (i + 1 >= args.size()) {
                    throw new CliException("outlive: --out needs a file (usage: dump <pid> [--json] [--out FILE])");
                }
                try {
                    out = Path.of(args.get(++i));
                } catch (InvalidPathException e) {
                    throw new CliException("outlive: not a file path: " + args.get(i));
                }
            } else if (a.startsWith("-")) {
                throw new CliException("outlive: unknown option '" + a + "' (usage: dump <pid> [--json] [--out FILE])");
            } else if (pid == null) {
                pid = a;
            } else {
                throw new CliException("outlive: unexpected argument '" + a + "' (usage: dump <pid> [--json] [--out FILE])");
            }
        }
        if (pid == null) {
            throw new CliException("outlive: dump needs a pid (usage: dump <pid> [--json] [--out FILE])");
        }
        // Refuse before attaching: the dump can be large and attaching starts the target's management agent.
        if (out != null && out.toFile().exists()) {
            throw new CliException("outlive: " + out.toAbsolutePath() + " already exists; dump never overwrites a file");
        }
        return new Request(LocalJvm.pid(pid), json, out);
    }

    private static String fetch(String pid, boolean json) throws CliException {
        try (JMXConnector connector = LocalJvm.connect(pid)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(MBEAN);
            if (!server.isRegistered(name)) {
                throw new CliException("outlive: JVM " + pid + " is not running the Outlive agent (no " + MBEAN + " MBean)");
            }
            return (String) server.invoke(name, json ? "dumpJson" : "dump", new Object[0], new String[0]);
        } catch (MBeanException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CliException("outlive: the agent in JVM " + pid + " could not dump: " + cause.getMessage());
        } catch (javax.management.JMException e) {
            throw new CliException("outlive: dump over JMX failed: " + e);
        } catch (IOException e) {
            throw new CliException("outlive: the JMX connection to JVM " + pid + " failed: " + e.getMessage());
        }
    }

    private static void write(Path file, String text) throws CliException {
        try {
            ReportFiles.writeNew(file, text);
        } catch (FileAlreadyExistsException e) {
            throw new CliException("outlive: " + file.toAbsolutePath() + " already exists; dump never overwrites a file");
        } catch (IOException e) {
            throw new CliException("outlive: cannot write " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
