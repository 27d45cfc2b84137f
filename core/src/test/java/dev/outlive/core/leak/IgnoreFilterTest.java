package dev.outlive.core.leak;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IgnoreFilterTest {
    @Test
    void matchesMethodsClassesAndGlobs() {
        IgnoreFilter f = IgnoreFilter.parse("com.acme.Cache.refresh; okhttp3.* ;com.acme.*.poll");
        assertEquals(3, f.patterns().size());
        assertTrue(f.frameMatches("com.acme.Cache.refresh(Cache.java:12)"));
        assertTrue(f.frameMatches("app//com.acme.Cache.refresh(Cache.java:12)"), "class-loader prefixes are skipped");
        assertFalse(f.frameMatches("com.acme.Cache.refreshAll(Cache.java:20)"));
        assertTrue(f.frameMatches("okhttp3.internal.connection.RealCall.execute(RealCall.kt:1)"));
        assertTrue(f.frameMatches("com.acme.queue.Consumer.poll(Consumer.java:3)"));
        assertFalse(f.frameMatches("com.acme.queue.Consumer.take(Consumer.java:3)"));
    }

    @Test
    void aClassNameMatchesAllItsMethods() {
        IgnoreFilter f = IgnoreFilter.parse("com.acme.Cache");
        assertTrue(f.frameMatches("com.acme.Cache.refresh(Cache.java:12)"));
        assertFalse(f.frameMatches("com.acme.CacheLoader.load(CacheLoader.java:1)"));
    }

    @Test
    void regexCharactersAreLiteral() {
        IgnoreFilter f = IgnoreFilter.parse("com.acme.Outer$Inner.run");
        assertTrue(f.frameMatches("com.acme.Outer$Inner.run(Outer.java:5)"));
        assertFalse(f.frameMatches("comXacme.Outer$Inner.run(Outer.java:5)"), "dots are not wildcards");
    }

    @Test
    void blankSpecIgnoresNothingAndBadPatternsAreNamed() {
        assertTrue(IgnoreFilter.parse("  ").isEmpty());
        assertTrue(IgnoreFilter.parse(null).isEmpty());
        assertNull(IgnoreFilter.problemWith("okhttp3.*"));
        assertNotNull(IgnoreFilter.problemWith("com.acme.(Cache)"));
    }
}
