package dev.outlive.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weaves the hooks into the JDK: loads the hooked classes, registers the transformer (for classes the
 * JDK loads later) and retransforms the ones already loaded, all in one call, falling back to one at
 * a time if the JVM refuses any, so one failure costs one class. Plain ASM over a handful of classes matched by name: a general-purpose agent builder loaded
 * about a thousand classes of its own and cost over half a second of start-up.
 */
public final class JdkInstrumenter {
    private final List<Hook> hooks;

    /** @param blocking whether to hook blocking calls (the {@code blocking} option) */
    public JdkInstrumenter(boolean blocking) {
        this.hooks = JdkHooks.all(blocking);
    }

    /** Installs every hook; returns what the self-test needs. */
    public InstallResult install(Instrumentation inst) {
        Map<String, Class<?>> loaded = preload();
        JdkTransformer transformer = new JdkTransformer(hooks);
        inst.addTransformer(transformer, true);
        try {
            // One redefinition for all: each call is a safepoint operation that walks every loaded
            // class, so one call per class cost tens of milliseconds of start-up.
            inst.retransformClasses(loaded.values().toArray(new Class<?>[0]));
        } catch (Throwable batchFailed) {
            // A class the JVM refused fails the whole batch: retry one at a time so one failure
            // costs one class (a class already redefined by the batch is redefined again, the same).
            for (Map.Entry<String, Class<?>> e : loaded.entrySet()) {
                try {
                    inst.retransformClasses(e.getValue());
                } catch (Throwable t) {
                    transformer.failed(e.getKey(), t);
                }
            }
        }
        Set<String> matched = new LinkedHashSet<>();
        for (Hook h : transformer.matched()) {
            matched.add(h.label);
        }
        return new InstallResult(expectedHooks(), Collections.unmodifiableSet(matched), transformer.errors());
    }

    /** Loads the hooked classes, so retransformation sees every one of them now rather than on first use. */
    private Map<String, Class<?>> preload() {
        Map<String, Class<?>> loaded = new LinkedHashMap<>();
        for (Hook h : hooks) {
            if (loaded.containsKey(h.typeName)) {
                continue;
            }
            try {
                loaded.put(h.typeName, Class.forName(h.typeName, false, null));
            } catch (ClassNotFoundException | LinkageError absent) {
                // not on this JDK (VirtualThread on 17, CompletableFuture$ThreadPerTaskExecutor on 25)
            }
        }
        return loaded;
    }

    private List<String> expectedHooks() {
        int feature = Runtime.version().feature();
        List<String> expected = new ArrayList<>();
        for (Hook h : hooks) {
            if (h.sinceFeature > 0 && feature >= h.sinceFeature) {
                expected.add(h.label);
            }
        }
        return expected;
    }

    /** What the installation did: the hooks expected on this JDK, those that took, and transformation errors. */
    public static final class InstallResult {
        private final List<String> expected;
        private final Set<String> matched;
        private final Map<String, Throwable> errors;

        InstallResult(List<String> expected, Set<String> matched, Map<String, Throwable> errors) {
            this.expected = expected;
            this.matched = matched;
            this.errors = errors;
        }

        /** Expected hooks that did not take, in plan order. */
        public List<String> missing() {
            List<String> out = new ArrayList<>();
            for (String e : expected) {
                if (!matched.contains(e)) {
                    out.add(e);
                }
            }
            return out;
        }

        public Set<String> matched() {
            return matched;
        }

        public Map<String, Throwable> errors() {
            return errors;
        }
    }
}
