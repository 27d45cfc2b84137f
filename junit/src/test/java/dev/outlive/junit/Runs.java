package dev.outlive.junit;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.Map;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs fixture classes through the Jupiter engine and reads the outcome of one test or container. */
final class Runs {
    private Runs() {
    }

    static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(configuration)
                    .selectors(selectClass(fixture))
                    .execute();
        } finally {
            try {
                Leaks.stopAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The failure of the test or container whose display name is {@code name}, or empty if it passed. */
    static Optional<Throwable> failureOf(EngineExecutionResults results, String name) {
        Event finished = results.allEvents().finished()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no finished event for " + name + ": " + results.allEvents().list()));
        return finished.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(r -> r.getThrowable());
    }

    static Throwable requireFailure(EngineExecutionResults results, String name) {
        return failureOf(results, name).orElseThrow(() -> new AssertionError(name + " passed; expected a leak failure"));
    }
}
