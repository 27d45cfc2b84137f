package dev.outlive.core.leak;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SignaturesTest {
    private static final List<String> STACK = List.of(
            "java.base/java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1355)",
            "app//com.acme.Main.start(Main.java:21)",
            "app//com.acme.Main.main(Main.java:9)");

    @Test
    void ignoresLineNumbersAndJdkFrames() {
        List<String> edited = List.of(
                "java.base/java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1400)",
                "app//com.acme.Main.start(Main.java:25)",
                "app//com.acme.Main.main(Main.java:10)");
        assertEquals(Signatures.of(LeakKind.IGNORED_CANCELLATION, STACK, "x"),
                Signatures.of(LeakKind.IGNORED_CANCELLATION, edited, "y"));
    }

    @Test
    void dependsOnKindAndSpawnSite() {
        String base = Signatures.of(LeakKind.IGNORED_CANCELLATION, STACK, "x");
        assertNotEquals(base, Signatures.of(LeakKind.BLOCKED_AFTER_CANCEL, STACK, "x"));
        assertNotEquals(base, Signatures.of(LeakKind.IGNORED_CANCELLATION,
                List.of("app//com.acme.Other.start(Other.java:21)"), "x"));
        assertEquals(16, base.length());
    }

    @Test
    void withoutStacksTheDescriptionIsUsedWithoutRunSpecificParts() {
        assertEquals(Signatures.of(LeakKind.IGNORED_CANCELLATION, List.of(), "com.acme.Main$$Lambda/0x0000000801001234"),
                Signatures.of(LeakKind.IGNORED_CANCELLATION, List.of(), "com.acme.Main$$Lambda/0x00000008010abcd0"));
    }
}
