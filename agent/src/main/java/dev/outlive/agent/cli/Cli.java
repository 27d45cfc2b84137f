package dev.outlive.agent.cli;

import dev.outlive.agent.report.CheckCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar outlive-agent.jar <command>} (DESIGN §7). */
public final class Cli {
    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            out.println(usage());
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (command) {
            case "check":
                return CheckCommand.run(rest, out, err);
            case "dump":
            case "attach":
                try {
                    return command.equals("dump") ? DumpCommand.run(rest, out, err) : AttachCommand.run(rest, out, err);
                } catch (NoClassDefFoundError e) {
                    // The Attach API (module jdk.attach) is part of JDKs, not of every runtime.
                    err.println("outlive: '" + command + "' needs the Attach API (module jdk.attach): run it with a"
                            + " JDK's java, not a JRE or a jlink image without jdk.attach");
                    return 2;
                }
            default:
                err.println("outlive: unknown command '" + command + "' (commands: attach, dump, check, help)");
                return 2;
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: java -jar outlive-agent.jar <command>",
                "  attach <pid> [options]                  load the agent into a running JVM (options as for -javaagent);",
                "                                          exit 0, or 2 on error. JDK 21+ warns unless the target runs with",
                "                                          -XX:+EnableDynamicAgentLoading; work started before the attach",
                "                                          is found only by walking live threads, without spawn stacks",
                "  dump <pid> [--json] [--out FILE]        full dump (live tasks by scope, then leaks) of a running JVM",
                "                                          that has the agent, over JMX; --out creates a new owner-only",
                "                                          file and never overwrites; exit 0, or 2 on error",
                "  check <report.json> [--baseline FILE]   CI gate: exit 0 no new leaks, 3 new leaks, 2 unreadable input",
                "  help                                    this text",
                "as an agent: java -javaagent:outlive-agent.jar[=grace=2s,report=outlive.json,...] -jar app.jar",
                "attach and dump use the Attach API: run them with a JDK (module jdk.attach), as the same user as the target");
    }
}
