package dev.outlive.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** A run is only green if the agent itself reported no trouble: a hidden failure must fail the test. */
final class AgentHealth {
    private AgentHealth() {
    }

    static void assertHealthy(ForkedJvm.Result r) {
        String err = r.stderr();
        assertFalse(err.contains("outlive: internal error"), "the agent logged an internal error:\n" + err);
        assertFalse(err.contains("outlive: reporting failed"), "the agent's reporting failed:\n" + err);
        assertFalse(err.contains("hooks did not take"), "a hook did not take:\n" + err);
        assertFalse(err.contains("could not start"), "the agent did not start:\n" + err);
        assertFalse(err.contains("sun.misc.Unsafe"), "the agent reached for Unsafe:\n" + err);
        // only an attach to a running JVM must append the jar late (the manifest's entry is for start-up)
        assertFalse(err.contains("Sharing is only supported") && !err.contains("attached to a running JVM"),
                "the agent jar was appended to the boot class path late, which turns class sharing off:\n" + err);
    }
}
