package dev.outlive.agent.instrument;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weaves the hooks into the JDK with Byte Buddy: inlined advice, retransformation without class
 * format changes, and a name-only type matcher over the handful of JDK classes we touch (the default
 * matcher set skips bootstrap classes and costs seconds at start-up). Every hook's method matcher
 * records what it matched, so the self-test can tell which hooks took on this JDK.
 */
public final class JdkInstrumenter {
    private final Set<String> matchedHooks = ConcurrentHashMap.newKeySet();
    private final Map<String, Throwable> errors = new ConcurrentHashMap<>();
    private final List<Hook> hooks;

    /** @param blocking whether to hook blocking calls (the {@code blocking} option) */
    public JdkInstrumenter(boolean blocking) {
        this.hooks = JdkHooks.all(blocking);
    }

    /** Installs every hook; returns what the self-test needs. */
    public InstallResult install(Instrumentation inst) {
        preload();
        Map<String, List<Hook>> byType = new LinkedHashMap<>();
        for (Hook h : hooks) {
            byType.computeIfAbsent(h.typeName, k -> new ArrayList<>()).add(h);
        }
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new ErrorListener())
                .ignore(ElementMatchers.none())
                .type(ElementMatchers.namedOneOf(byType.keySet().toArray(new String[0])))
                .transform(new Weaver(byType));
        builder.installOn(inst);
        return new InstallResult(expectedHooks(), Collections.unmodifiableSet(new LinkedHashSet<>(matchedHooks)), errors);
    }

    /**
     * Byte Buddy's Nexus (for loaded-type initialisers, which inlined advice never needs) reaches for
     * {@code sun.misc.Unsafe} when the builder is created, and JDK 24+ prints a deprecation warning
     * into the application's stderr for it. Switched off for the construction only.
     */
    private static AgentBuilder newAgentBuilder() {
        String key = "net.bytebuddy.nexus.disabled";
        String before = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    /** Loads the target classes first, so retransformation sees them (lazy discovery missed some in the spike). */
    private void preload() {
        for (Hook h : hooks) {
            try {
                Class.forName(h.typeName, false, null);
            } catch (ClassNotFoundException | LinkageError absent) {
                // not on this JDK (VirtualThread on 17, CompletableFuture$ThreadPerTaskExecutor on 25)
            }
        }
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

    private final class Weaver implements AgentBuilder.Transformer {
        private final Map<String, List<Hook>> byType;

        Weaver(Map<String, List<Hook>> byType) {
            this.byType = byType;
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                                JavaModule module, ProtectionDomain domain) {
            DynamicType.Builder<?> b = builder;
            for (Hook h : byType.getOrDefault(type.getName(), List.of())) {
                b = b.visit(Advice.to(h.advice).on(new Recording(h.label, h.methods)));
            }
            return b;
        }
    }

    /** Remembers that a hook's matcher found its method. */
    private final class Recording implements ElementMatcher<MethodDescription> {
        private final String label;
        private final ElementMatcher<? super MethodDescription> delegate;

        Recording(String label, ElementMatcher<? super MethodDescription> delegate) {
            this.label = label;
            this.delegate = delegate;
        }

        @Override
        public boolean matches(MethodDescription target) {
            boolean m = delegate.matches(target);
            if (m) {
                matchedHooks.add(label);
            }
            return m;
        }
    }

    private final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            errors.put(typeName, throwable);
        }
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
