package dev.outlive.junit.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineFramesTest {
    @Test
    void cutsTheEngineAndTheReflectionLeadingIntoIt() {
        List<String> frames = List.of(
                "java.lang.Thread.start(Thread.java:1413)",
                "com.acme.FooTest.leaks(FooTest.java:12)",
                "jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:104)",
                "java.lang.reflect.Method.invoke(Method.java:565)",
                "org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:767)",
                "org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)");
        assertEquals(frames.subList(0, 2), EngineFrames.trim(frames));
    }

    @Test
    void keepsStacksWithoutEngineFramesAndStacksOfOnlyEngineFrames() {
        List<String> user = List.of("java.lang.Thread.start(Thread.java:1413)", "com.acme.Main.main(Main.java:3)");
        assertEquals(user, EngineFrames.trim(user));
        List<String> engine = List.of("org.junit.platform.launcher.core.X.run(X.java:1)");
        assertEquals(engine, EngineFrames.trim(engine));
    }
}
