package dev.outlive.core.leak;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifetimeSingletonsTest {
    @Test
    void knownDaemonsAreKnownByTheNamesTheirLibrariesGiveThem() {
        assertTrue(LifetimeSingletons.isSingletonThreadName("Okio Watchdog"));
        assertTrue(LifetimeSingletons.isSingletonThreadName("globalEventExecutor-1-1"));
        assertTrue(LifetimeSingletons.isSingletonThreadName("junit-jupiter-timeout-watcher"));
        assertFalse(LifetimeSingletons.isSingletonThreadName("pool-1-thread-1"));
        assertFalse(LifetimeSingletons.isSingletonThreadName("my Okio Watchdog"), "a prefix, not a substring");
    }

    @Test
    void theCreatorIsTheInnermostFrameOutsideTheJdk() {
        List<String> stack = List.of(
                "java.base/java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Executors.java:300)",
                "org.junit.jupiter.engine.extension.TimeoutExtension$ExecutorResource.<init>(TimeoutExtension.java:230)",
                "com.acme.SlowTest.test(SlowTest.java:12)");
        assertEquals("org.junit.jupiter.engine.extension.TimeoutExtension$ExecutorResource",
                LifetimeSingletons.creatorClass(stack));
        assertEquals("com.acme.Main", LifetimeSingletons.creatorClass(List.of("app//com.acme.Main.main(Main.java:3)")));
        assertNull(LifetimeSingletons.creatorClass(List.of("java.base/java.lang.Thread.run(Thread.java:1)")));
    }
}
