package dev.outlive.agent.instrument;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import static dev.outlive.agent.instrument.MethodMatcher.constructors;
import static dev.outlive.agent.instrument.MethodMatcher.named;
import static dev.outlive.agent.instrument.Source.ENTER;
import static dev.outlive.agent.instrument.Source.METHOD_NAME;
import static dev.outlive.agent.instrument.Source.RETURN;
import static dev.outlive.agent.instrument.Source.THIS;
import static dev.outlive.agent.instrument.Source.THROWN;
import static dev.outlive.agent.instrument.Source.arg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weaves {@link WovenSample} and runs it in a class loader of its own, where the JVM verifies the
 * rewritten bytecode (stack map frames included) as it would any application class.
 */
class WeaverTest {
    private static final String SAMPLE = WovenSample.class.getName();

    @BeforeEach
    void clear() {
        Recorder.CALLS.clear();
    }

    @Test
    void enterAndExitSeeTheReceiverArgumentsAndTheEnterResultOnEveryReturn() throws Exception {
        Object sample = newSample(hook(named("greet"), Weave.onEnter(call("entered", THIS, arg(0)))
                .thenOnExit(call("exited", THIS, ENTER, THROWN))));
        assertEquals("hi bob!!", invoke(sample, "greet", "bob"));
        assertEquals("nobody", invoke(sample, "greet", ""));
        assertEquals(List.of("entered WovenSample bob", "exited token -", "entered WovenSample ", "exited token -"),
                Recorder.CALLS);
    }

    @Test
    void theEnterResultCanReplaceAnArgument() throws Exception {
        Object sample = newSample(hook(named("greet"), Weave.onEnter(call("shout", arg(0))).replacingArgument(0)));
        assertEquals("hi BOB!!", invoke(sample, "greet", "bob"));
    }

    @Test
    void theReturnValueComesFirstAndTheMethodNameIsItsDeclaringTypeAndName() throws Exception {
        Object sample = newSample(hook(named("greet"), Weave.onExit(call("returnedString", RETURN, METHOD_NAME))));
        assertEquals("hi al!!", invoke(sample, "greet", "al"));
        assertEquals(List.of("returned hi al!! from " + SAMPLE + ".greet"), Recorder.CALLS);
    }

    @Test
    void aThrowReachesTheExitCallAndIsRethrownUnchanged() throws Exception {
        Object sample = newSample(hook(named("check"), Weave.onEnter(call("entered", THIS, Source.NULL))
                .thenOnExit(call("checked", RETURN, THIS, arg(0), THROWN))));
        assertEquals(true, invoke(sample, "check", false));
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> invoke(sample, "check", true));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("asked to fail", e.getCause().getMessage());
        assertEquals(List.of("entered WovenSample null", "checked true false -",
                "entered WovenSample null", "checked false true IllegalArgumentException"), Recorder.CALLS);
    }

    @Test
    void aStaticMethodWithWideArgumentsKeepsItsOwnHandler() throws Exception {
        Class<?> woven = weave(hook(named("twice").onlyStatic(), Weave.onEnter(call("staticEntered", arg(0), arg(1)))
                .thenOnExit(call("staticReturned", RETURN, THROWN))));
        Method twice = woven.getMethod("twice", long.class, int.class);
        assertEquals(42L, twice.invoke(null, 21L, 1));
        assertEquals(-1L, twice.invoke(null, 21L, -1), "the method's own handler still catches first");
        assertEquals(List.of("static entered 21 1", "static returned 42 -", "static entered 21 -1", "static returned -1 -"),
                Recorder.CALLS);
    }

    @Test
    void constructorsTakeAnExitCall() throws Exception {
        newSample(hook(constructors(), Weave.onExit(call("created", THIS))));
        assertEquals(List.of("created WovenSample"), Recorder.CALLS);
    }

    @Test
    void aWeaveThatPassesTheReturnValueSkipsVoidMethods() throws Exception {
        Object sample = newSample(hook(named("nothing"), Weave.onExit(call("voidReturned", RETURN))));
        invoke(sample, "nothing");
        assertEquals(List.of(), Recorder.CALLS);
    }

    @Test
    void theReturnValueCannotBeAnythingButTheFirstArgument() {
        assertThrows(IllegalArgumentException.class, () -> call("checked", THIS, RETURN, arg(0), THROWN));
    }

    @Test
    void theTransformerRecordsWhichHooksFoundTheirMethod() throws Exception {
        Hook found = hook(named("greet"), Weave.onEnter(call("shout", arg(0))).replacingArgument(0));
        Hook absent = hook(named("noSuchMethod"), Weave.onEnter(call("created", THIS)));
        JdkTransformer transformer = new JdkTransformer(List.of(found, absent));
        transformer.weave(sampleBytes(), List.of(found, absent));
        assertEquals(java.util.Set.of(found), transformer.matched());
        assertTrue(transformer.errors().isEmpty());
    }

    private static Hook hook(MethodMatcher methods, Weave weave) {
        return new Hook("test", SAMPLE, methods, weave, 0);
    }

    private static BridgeCall call(String name, Source... sources) {
        return new BridgeCall(Recorder.class, name, sources);
    }

    private static Object newSample(Hook hook) throws Exception {
        return weave(hook).getConstructor().newInstance();
    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new AssertionError("no method " + name);
    }

    private static Class<?> weave(Hook hook) throws IOException, ClassNotFoundException {
        byte[] woven = new JdkTransformer(List.of(hook)).weave(sampleBytes(), List.of(hook));
        return new SingleClassLoader(SAMPLE, woven).loadClass(SAMPLE);
    }

    private static byte[] sampleBytes() throws IOException {
        try (InputStream in = WovenSample.class.getResourceAsStream("WovenSample.class")) {
            return in.readAllBytes();
        }
    }

    /** Defines one class from given bytes (verified: this is not the boot loader), the rest from the parent. */
    private static final class SingleClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        SingleClassLoader(String name, byte[] bytes) {
            super(WeaverTest.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> c = findLoadedClass(className);
                if (c == null) {
                    c = defineClass(className, bytes, 0, bytes.length);
                }
                return c;
            }
        }
    }
}
