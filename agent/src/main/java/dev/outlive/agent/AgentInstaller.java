package dev.outlive.agent;

import dev.outlive.ScopeKind;
import dev.outlive.agent.config.AgentOptions;
import dev.outlive.agent.config.OptionsParser;
import dev.outlive.agent.instrument.JdkInstrumenter;
import dev.outlive.agent.jfr.JfrEvents;
import dev.outlive.agent.jmx.JmxRegistration;
import dev.outlive.agent.log.OutliveLog;
import dev.outlive.agent.report.ReportReader;
import dev.outlive.agent.reporting.ReportAssembler;
import dev.outlive.agent.reporting.Reporter;
import dev.outlive.bridge.Hooks;
import dev.outlive.core.OutliveRuntime;
import dev.outlive.core.OutliveThread;
import dev.outlive.core.ThreadContext;
import dev.outlive.core.leak.LeakTracker;
import dev.outlive.core.leak.TrackerSettings;
import dev.outlive.core.report.Report;
import dev.outlive.core.scope.ScopeNode;
import dev.outlive.core.stack.SpawnStacks;
import dev.outlive.core.time.Clock;
import dev.outlive.core.time.DaemonScheduler;
import dev.outlive.core.time.DeliveryScheduler;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts Outlive inside the JVM, in order: options (a bad one stops the JVM with one line), the
 * runtime with its {@code jvm} and {@code main} scopes, the tracker and reporter, the JDK hooks, the
 * self-test, and the shutdown hook. Runs in the agent's private class loader.
 */
public final class AgentInstaller {
    static final String VERSION = "0.1.0";

    private AgentInstaller() {
    }

    /** Called reflectively by {@code Premain}. */
    public static void install(String args, Instrumentation inst, boolean dynamic, File agentJar) {
        AgentOptions options;
        Set<String> baseline;
        try {
            options = OptionsParser.fromEnvironment(args);
            baseline = options.baseline().isPresent()
                    ? new ReportReader().read(options.baseline().get(), "baseline").signatures() : Set.of();
        } catch (Exception e) {
            System.err.println(e.getMessage());
            // At start-up a bad option stops the JVM; attached to a running application, it turns the
            // agent off, never the application.
            if (!dynamic) {
                Runtime.getRuntime().halt(2);
            }
            return;
        }

        OutliveLog log = OutliveLog.to(options.log());
        Reporter reporter = new Reporter(log, options.report().orElse(null));
        // Deadlines (and the onCancel actions they run) and leak checks each have threads of their own:
        // a slow cancel action never delays a check, and a check never delays a cancellation.
        OutliveRuntime runtime = OutliveRuntime.create(Clock.SYSTEM,
                new DeliveryScheduler(Clock.SYSTEM, "outlive-timer", "outlive-cancel"));
        TrackerSettings settings = new TrackerSettings(options.graceMillis() * 1_000_000L, options.stackDepth(),
                options.ignore(), baseline);
        LeakTracker tracker = new LeakTracker(runtime, new DaemonScheduler(Clock.SYSTEM, "outlive-checker"),
                settings, reporter, true);
        runtime.observe(new AgentObserver(tracker, reporter, options.enforce()));
        OutliveRuntime.install(runtime);
        ReportAssembler assembler = new ReportAssembler(tracker, VERSION, options.asMap());
        reporter.assembler(assembler);

        Thread main = dynamic ? null : Thread.currentThread();
        if (main != null) {
            // premain runs on the main thread: it gets the MAIN scope, never cancelled (DESIGN §1)
            ThreadContext.get().enter(ScopeNode.child(runtime.root(), ScopeKind.MAIN, "main"));
        }
        openConcurrencyInternals(inst);
        ExitCheck exitCheck = new ExitCheck(tracker, options, main);
        Hooks.enable(new SpawnStacks(options.stacks()), main, exitCheck, options.blocking(),
                options.graceMillis() * 1_000_000L);

        JdkInstrumenter.InstallResult result = new JdkInstrumenter(options.blocking()).install(inst);
        selfTest(result, reporter);
        // JFR and JMX start on Outlive threads, after the hooks are in (so their class loading does
        // not race the retransformation): both initialise subsystems that premain must not touch
        // (see JfrEvents, JmxRegistration).
        reporter.onLeak(JfrEvents::leak);
        JfrEvents.startLater();
        if (options.jmx()) {
            JmxRegistration.registerLater(tracker, assembler, reporter);
        }

        Runtime.getRuntime().addShutdownHook(new OutliveThread("outlive-shutdown", () -> {
            exitCheck.jvmShuttingDown();
            runtime.root().cancel("jvm shutdown");
            reporter.flushAndWrite(Report.Trigger.EXIT);
            if (options.failOnLeak() && !tracker.leaks().isEmpty()) {
                log.warn("outlive: " + tracker.leaks().size() + " leak(s) found: exit status " + options.leakExitCode()
                        + " (failOnLeak=true)");
                log.stop();
                Runtime.getRuntime().halt(options.leakExitCode());
            }
            log.stop();
        }));
        if (dynamic) {
            reporter.info("outlive: attached to a running JVM; work started before the attach is not tracked");
        }
    }

    /**
     * Lets the bridge read which application code a JDK task wrapper carries (a {@code FutureTask}'s
     * callable), so reports name the user's class, and which {@code TimerTask} a {@code Timer}'s thread
     * runs ({@code java.util}), and who owns a lock a leaked task is parked on
     * ({@code java.util.concurrent.locks}, for lock cycles among virtual threads). Opened to Outlive's
     * bootstrap classes alone, not to the application.
     */
    private static void openConcurrencyInternals(Instrumentation inst) {
        try {
            Module javaBase = Object.class.getModule();
            inst.redefineModule(javaBase, Set.of(), Map.of(),
                    Map.of("java.util.concurrent", Set.of(Hooks.class.getModule()),
                            "java.util.concurrent.locks", Set.of(Hooks.class.getModule()),
                            "java.util", Set.of(Hooks.class.getModule())), Set.of(), Map.of());
        } catch (RuntimeException e) {
            // descriptions fall back to the wrapper's class name
        }
    }

    /**
     * A hook that did not take must never look like "no leaks": say which, on which JDK, and go on
     * with the rest.
     */
    private static void selfTest(JdkInstrumenter.InstallResult result, Reporter reporter) {
        List<String> missing = result.missing();
        if (!missing.isEmpty() || !result.errors().isEmpty()) {
            String line = "outlive: on JDK " + Runtime.version() + " these hooks did not take: "
                    + (missing.isEmpty() ? "none" : String.join(", ", missing))
                    + (result.errors().isEmpty() ? "" : "; instrumentation errors in " + result.errors().keySet())
                    + ". Work spawned through them is not tracked; the rest of Outlive runs.";
            System.err.println(line);
            for (var e : result.errors().entrySet()) {
                reporter.internalError("instrumenting " + e.getKey(), e.getValue());
            }
        }
    }
}
