package dev.outlive.agent.cli;

import dev.outlive.agent.config.OptionsException;
import dev.outlive.agent.config.OptionsParser;

import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * {@code attach <pid> [options]} (DESIGN §7): loads this jar into a running JVM as an agent, with
 * the same options as {@code -javaagent:outlive-agent.jar=options}. Exit 0, or 2 with one line.
 */
final class AttachCommand {
    static final String NOTE = String.join("\n",
            "outlive: note: JDK 21+ prints a warning when an agent is loaded into a running JVM, unless that JVM"
                    + " runs with -XX:+EnableDynamicAgentLoading (a future JDK may refuse the load).",
            "outlive: note: work started before the attach is found only by walking the live threads, without"
                    + " spawn stacks; start with -javaagent for complete reports.");

    private AttachCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty()) {
                throw new CliException("outlive: attach needs a pid (usage: attach <pid> [options])");
            }
            if (args.size() > 2) {
                throw new CliException("outlive: attach takes one options argument, comma-separated:"
                        + " attach <pid> grace=2s,report=/tmp/outlive.json");
            }
            String options = args.size() == 2 ? args.get(1) : "";
            validate(options);
            String pid = LocalJvm.pid(args.get(0));
            out.println(NOTE);
            LocalJvm.loadAgent(pid, agentJar(), options);
            out.println("outlive: agent loaded into JVM " + pid);
            return 0;
        } catch (CliException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    /**
     * Checks the options here, so that a typo is one line at the command line rather than an agent
     * that refuses to start inside someone's running application. Files named by {@code config=}
     * or {@code baseline=} are read here too: give absolute paths, as the target resolves relative
     * ones against its own working directory.
     */
    private static void validate(String options) throws CliException {
        try {
            OptionsParser.parse(options, Map.of(), Map.of());
        } catch (OptionsException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** This jar: the agent's private class loader gives its classes the jar's code source. */
    private static String agentJar() throws CliException {
        try {
            return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliException("outlive: cannot tell where outlive-agent.jar is: " + e);
        }
    }
}
