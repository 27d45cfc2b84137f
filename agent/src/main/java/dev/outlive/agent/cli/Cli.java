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
                err.println("outlive: '" + command + "' is not available in this build yet; see docs/README.md");
                return 2;
            default:
                err.println("outlive: unknown command '" + command + "' (commands: attach, dump, check, help)");
                return 2;
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: java -jar outlive-agent.jar <command>",
                "  check <report.json> [--baseline FILE]   CI gate: exit 0 no new leaks, 3 new leaks, 2 unreadable input",
                "  help                                    this text",
                "as an agent: java -javaagent:outlive-agent.jar[=grace=2s,report=outlive.json,...] -jar app.jar");
    }
}
