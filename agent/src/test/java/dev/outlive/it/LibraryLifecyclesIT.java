package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real libraries' shutdown paths, on every JDK found (GitHub issue 12): each library used inside a
 * scope and shut down as its documentation says must end with no finding at all; the same library
 * left running when the scope ends must still be reported, spawned from the fixture.
 */
class LibraryLifecyclesIT {
    static final String MAIN = "dev.outlive.fixtures.LibraryScenarios";
    static final String OPTIONS = "grace=500ms";

    /**
     * A library: its scenario prefix; the fixture method, which the leak's spawn stack (or ancestry)
     * must name; the kinds the leaky twin's main leak may have; and a frame of the library that its
     * spawn stack must hold (which library object leaked), or null.
     */
    record Library(String name, String method, Set<String> leakyKinds, String libraryFrame) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Set<String> EXECUTOR = Set.of("UNCLOSED_EXECUTOR");
    static final Set<String> THREADS_OR_EXECUTOR = Set.of("LINGERING_THREAD", "UNCLOSED_EXECUTOR");

    /** Libraries whose correct and leaky twins differ only by the documented shutdown call. */
    static final List<Library> LIBRARIES = List.of(
            new Library("hikari", "hikari", EXECUTOR, "com.zaxxer.hikari.pool.HikariPool."),
            // the evictor's scheduler is shared by every pool (application-lifetime): the pool's own
            // periodic eviction task is what outlives the scope
            new Library("pool2", "pool2", Set.of("IGNORED_CANCELLATION"), "org.apache.commons.pool2.impl.EvictionTimer.schedule"),
            new Library("caffeine", "caffeine", EXECUTOR, "java.util.concurrent.Executors.new"),
            new Library("guava", "guava", EXECUTOR, "com.google.common.util.concurrent.AbstractScheduledService."),
            new Library("okhttp", "okhttp", EXECUTOR, "okhttp3.Dispatcher.executorService"),
            new Library("jetty", "jetty", THREADS_OR_EXECUTOR, "org.eclipse.jetty."),
            new Library("netty", "netty", THREADS_OR_EXECUTOR, "io.netty.util.concurrent."));

    /**
     * A library's periodic task on the application's shared scheduler (created outside the scope and
     * never shut down): the correct twin cancels the task ({@code Future.cancel(false)}), which stays
     * queued, never to run again; the leaky twin leaves it scheduled, owned by the ended scope.
     */
    static final List<Library> SHARED_SCHEDULER = List.of(
            new Library("hikari-shared-scheduler", "hikariSharedScheduler", Set.of(),
                    "com.zaxxer.hikari.pool.HikariPool."),
            new Library("guava-shared-scheduler", "guavaSharedScheduler", Set.of(),
                    "com.google.common.util.concurrent.AbstractScheduledService"));

    /** H2 stopped by {@code Statement.cancel()} from the scope's cancel action, or by a query timeout. */
    static final List<Library> H2_CORRECT = List.of(
            new Library("h2-cancel", "h2Query", Set.of(), null),
            new Library("h2-timeout", "h2Query", Set.of(), null));

    /** H2's two fixes share one leaky twin: a query with neither, left running when its request ends. */
    static final Library H2_LEAKY = new Library("h2-query", "h2Query", Set.of("IGNORED_CANCELLATION"), null);

    static Stream<Arguments> correct() {
        List<Library> all = new ArrayList<>(LIBRARIES);
        all.addAll(SHARED_SCHEDULER);
        all.addAll(H2_CORRECT);
        return Jdks.withEach(all);
    }

    static Stream<Arguments> leaky() {
        List<Library> all = new ArrayList<>(LIBRARIES);
        all.add(H2_LEAKY);
        return Jdks.withEach(all);
    }

    static Stream<Arguments> sharedSchedulerLeaky() {
        return Jdks.withEach(SHARED_SCHEDULER);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("correct")
    void closedCorrectlyInsideTheScopeIsNeverReported(Jdks.Jdk jdk, Library lib) throws Exception {
        ForkedJvm.Result r = run(jdk, lib.name() + "-correct");
        r.assertOnlyTheSentinel();
        assertEquals(0, r.warnings().size(), "no warning either: " + r.describe());
    }

    /**
     * A periodic task left scheduled on a shared scheduler after its scope ended. Between runs the task
     * is queued, not running, so this is the case a check of running work alone misses.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sharedSchedulerLeaky")
    void aPeriodicTaskLeftOnASharedSchedulerIsReported(Jdks.Jdk jdk, Library lib) throws Exception {
        leftRunningWhenTheScopeEndsIsReported(jdk, lib);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("leaky")
    void leftRunningWhenTheScopeEndsIsReported(Jdks.Jdk jdk, Library lib) throws Exception {
        ForkedJvm.Result r = run(jdk, lib.name() + "-leaky");
        assertEquals(0, r.exitCode(), r.describe());
        AgentHealth.assertHealthy(r);
        assertFalse(r.leaks().isEmpty(), r.describe());
        // The leaked library object itself must be found: a leak of an expected kind, filed against the
        // fixture's scope and naming the fixture's line where the library was started. (Other findings a
        // leaked library causes later, such as its threads blocking after the scope ended, are not checked.)
        String site = "dev.outlive.fixtures.LibraryScenarios." + lib.method() + "(LibraryScenarios.java:";
        List<String> seen = new ArrayList<>();
        boolean found = false;
        for (JsonNode leak : r.leaks()) {
            String kind = leak.path("kind").asText();
            List<String> path = new ArrayList<>();
            leak.path("scope").path("path").forEach(p -> path.add(p.asText()));
            boolean fromFixture = leak.path("spawnStack").toString().contains(site)
                    || leak.path("ancestry").toString().contains(site);
            seen.add(kind + " " + String.join("/", path) + (fromFixture ? " (fixture)" : ""));
            boolean libraryObject = lib.libraryFrame() == null
                    || leak.path("spawnStack").toString().contains(lib.libraryFrame());
            found |= (lib.leakyKinds().isEmpty() || lib.leakyKinds().contains(kind)) && path.contains(scopeName(lib))
                    && fromFixture && libraryObject;
        }
        assertTrue(found, "expected a leak of " + (lib.leakyKinds().isEmpty() ? "any kind" : lib.leakyKinds())
                + " in scope " + scopeName(lib) + " spawned at " + site + " through " + lib.libraryFrame() + "; found "
                + seen + ": " + r.describe());
    }

    private static String scopeName(Library lib) {
        return lib.name().equals("okhttp") || lib.name().startsWith("h2-") ? "request" : "job";
    }

    /**
     * Like {@link ForkedJvm#run}, but with the whole test class path: the libraries bring transitive
     * dependencies (Kotlin and Okio for OkHttp, Netty's modules, SLF4J) that a list of marker classes
     * would miss. The application's own Logback is left out so the libraries log nothing at DEBUG.
     */
    static ForkedJvm.Result run(Jdks.Jdk jdk, String scenario) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("outlive-it");
        Path report = dir.resolve("report.json");
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.add("-Xshare:auto");
        command.add("-javaagent:" + ForkedJvm.AGENT + "=report=" + report + "," + OPTIONS);
        command.add("-cp");
        command.add(ForkedJvm.FIXTURES + File.pathSeparator + libraryClassPath());
        command.add(MAIN);
        command.add(report.toString());
        command.add(scenario);
        return ForkedJvm.exec(command, dir, report);
    }

    private static String libraryClassPath() {
        List<String> parts = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean jar = name.endsWith(".jar");
            if (jar && !name.startsWith("logback-") && !name.startsWith("outlive-") && !name.startsWith("surefire")
                    && !name.startsWith("junit-") && !name.startsWith("byte-buddy") && !name.startsWith("asm")) {
                parts.add(entry);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
