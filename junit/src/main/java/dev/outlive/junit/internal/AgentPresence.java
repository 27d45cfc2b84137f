package dev.outlive.junit.internal;

import java.lang.reflect.Method;

/**
 * Whether the Outlive agent runs in this JVM and records spawns. The agent puts its bridge on the
 * bootstrap class path and switches it on after start-up, so both are checked: a bridge class that is
 * merely present (say, on the class path) records nothing.
 */
final class AgentPresence {
    private static final String BRIDGE = "dev.outlive.bridge.Hooks";

    private AgentPresence() {
    }

    static boolean active() {
        try {
            Class<?> hooks = Class.forName(BRIDGE, false, null); // bootstrap loader only
            Method enabled = hooks.getMethod("isEnabled");
            return Boolean.TRUE.equals(enabled.invoke(null));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
