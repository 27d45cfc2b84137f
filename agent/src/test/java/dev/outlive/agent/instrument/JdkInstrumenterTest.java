package dev.outlive.agent.instrument;

import org.junit.jupiter.api.Test;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the hooked classes are handed to the JVM: all in one retransformation, and one at a time only if
 * the JVM refuses the batch, so that a class it refuses costs that class and no other.
 */
class JdkInstrumenterTest {

    /** An {@link Instrumentation} that records retransformation calls and refuses the classes in {@code refused} (and batches, if asked). */
    private static Instrumentation recording(List<Class<?>[]> calls, Set<Class<?>> refused, boolean refuseBatches) {
        return (Instrumentation) Proxy.newProxyInstance(JdkInstrumenterTest.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    if (method.getName().equals("retransformClasses")) {
                        Class<?>[] classes = (Class<?>[]) args[0];
                        calls.add(classes);
                        if (refuseBatches && classes.length > 1) {
                            throw new UnmodifiableClassException("batch refused");
                        }
                        for (Class<?> c : classes) {
                            if (refused.contains(c)) {
                                throw new UnmodifiableClassException(c.getName());
                            }
                        }
                        return null;
                    }
                    Class<?> r = method.getReturnType();
                    return r == boolean.class ? Boolean.TRUE : r == long.class ? 0L : null;
                });
    }

    @Test
    void retransformsEveryHookedClassInOneCall() {
        List<Class<?>[]> calls = new ArrayList<>();
        JdkInstrumenter.InstallResult result = new JdkInstrumenter(true).install(recording(calls, Set.of(), false));
        assertEquals(1, calls.size(), "one retransformation for all classes");
        assertTrue(calls.get(0).length > 10, "the hooked classes: " + calls.get(0).length);
        assertTrue(result.errors().isEmpty(), result.errors().toString());
    }

    @Test
    void aRefusedClassCostsThatClassOnly() {
        List<Class<?>[]> calls = new ArrayList<>();
        JdkInstrumenter.InstallResult result = new JdkInstrumenter(true)
                .install(recording(calls, Set.of(java.util.Timer.class), true));
        int hooked = calls.get(0).length;
        assertEquals(1 + hooked, calls.size(), "the batch, then each class on its own");
        assertEquals(Set.of("java.util.Timer"), result.errors().keySet());
    }
}
