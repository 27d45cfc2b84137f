package dev.outlive.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sample app's command line.
 *
 * <pre>
 * tour [--report FILE] [--grace 1s]   every leaky case, then every fixed one, then a summary table (default)
 * leaky:NAME | fixed:NAME ...         only the named cases and variants, with the same table
 * list                                the cases
 * serve [--port 8080] [--deadline 2s] an HTTP service with a scope per request (docs/sample-app.md)
 * </pre>
 *
 * <p>{@code --report} and {@code --grace} default to the agent's own {@code report} and {@code grace}
 * options. The exit status is 0 whatever leaks were found, 2 on a usage error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        AgentSettings settings = AgentSettings.ofThisJvm();
        Optional<Path> report = settings.report();
        Duration grace = settings.grace();
        int port = 8080;
        Duration deadline = Duration.ofSeconds(2);
        String mode = null;
        List<Tour.Run> selected = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--report": report = Optional.of(Path.of(value(args, ++i, a))); break;
                case "--grace": grace = AgentSettings.parseDuration(value(args, ++i, a)); break;
                case "--port": port = Integer.parseInt(value(args, ++i, a)); break;
                case "--deadline": deadline = AgentSettings.parseDuration(value(args, ++i, a)); break;
                case "tour": case "list": case "serve": mode = a; break;
                default:
                    selected.add(parseRun(a));
            }
        }
        if (mode == null) {
            mode = selected.isEmpty() ? "tour" : "cases";
        }
        switch (mode) {
            case "list":
                for (Case c : Cases.all()) {
                    System.out.printf("%-22s %-24s %s%s%n", c.name(), c.expectedKind(), c.summary(),
                            c.minJdk() > 17 ? " (JDK " + c.minJdk() + "+)" : "");
                }
                return;
            case "serve":
                Serve.run(port, deadline);
                return; // the server's threads keep the JVM alive
            default:
                List<Tour.Run> runs = selected.isEmpty() ? Tour.everything() : selected;
                if (!AgentSettings.agentPresent()) {
                    System.out.println("(running without the Outlive agent: the cases run, nobody judges them)");
                }
                Env env = new Env(); // before any request scope: its threads are application-lifetime
                new Tour(env, report.orElse(null), grace, System.out).run(runs);
                env.close();
                System.out.flush();
                // Leaked deadlocked or stuck threads cannot all be stopped; end the JVM explicitly.
                System.exit(0);
        }
    }

    private static Tour.Run parseRun(String arg) {
        int colon = arg.indexOf(':');
        String variant = colon < 0 ? "" : arg.substring(0, colon);
        if (!variant.equals("leaky") && !variant.equals("fixed")) {
            throw usage("unknown argument '" + arg + "' (expected tour, list, serve, leaky:NAME or fixed:NAME)");
        }
        String name = arg.substring(colon + 1);
        Case c = Cases.byName(name).orElseThrow(() -> usage("unknown case '" + name + "' (see: list)"));
        return new Tour.Run(c, variant);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[i];
    }

    private static RuntimeException usage(String message) {
        System.err.println("sample: " + message);
        System.exit(2);
        return new IllegalStateException(message);
    }
}
