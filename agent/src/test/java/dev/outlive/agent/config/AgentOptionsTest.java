package dev.outlive.agent.config;

import dev.outlive.core.leak.IgnoreFilter;
import dev.outlive.core.stack.StackMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentOptionsTest {

    @Test
    void defaultsAreThoseOfTheDesign() {
        AgentOptions d = AgentOptions.defaults();
        assertEquals(2_000, d.graceMillis());
        assertEquals(Optional.empty(), d.report());
        assertEquals("stderr", d.log());
        assertFalse(d.failOnLeak());
        assertEquals(3, d.leakExitCode());
        assertEquals(StackMode.AUTO, d.stacks());
        assertEquals(64, d.stackDepth());
        assertTrue(d.blocking());
        assertSame(IgnoreFilter.NONE, d.ignore());
        assertEquals(Optional.empty(), d.baseline());
        assertEquals(ExitCheck.WARN, d.exitCheck());
        assertTrue(d.jmx());
        assertFalse(d.enforce());
        assertEquals(Optional.empty(), d.config());
    }

    @Test
    void defaultsAsMapInDesignOrder() {
        LinkedHashMap<String, String> expected = new LinkedHashMap<>();
        expected.put("grace", "2s");
        expected.put("log", "stderr");
        expected.put("failOnLeak", "false");
        expected.put("leakExitCode", "3");
        expected.put("stacks", "auto");
        expected.put("stackDepth", "64");
        expected.put("blocking", "true");
        expected.put("exitCheck", "warn");
        expected.put("jmx", "true");
        expected.put("enforce", "false");
        LinkedHashMap<String, String> actual = AgentOptions.defaults().asMap();
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    }

    @Test
    void asMapHasEveryOptionSetInDesignOrderWithNormalisedValues() {
        AgentOptions o = OptionsParser.parse("enforce=TRUE,grace=60000ms,ignore= okhttp3.* ;com.acme.Cache.refresh,"
                + "report=r.json,stacks=FULL,exitCheck=Leak,log=l.log", Map.of(), Map.of());
        Map<String, String> m = o.asMap();
        assertEquals(List.of("grace", "report", "log", "failOnLeak", "leakExitCode", "stacks", "stackDepth",
                "blocking", "ignore", "exitCheck", "jmx", "enforce"), List.copyOf(m.keySet()));
        assertEquals("1m", m.get("grace"));
        assertEquals(Path.of("r.json").toString(), m.get("report"));
        assertEquals(Path.of("l.log").toString(), m.get("log"));
        assertEquals("full", m.get("stacks"));
        assertEquals("okhttp3.*;com.acme.Cache.refresh", m.get("ignore"));
        assertEquals("leak", m.get("exitCheck"));
        assertEquals("true", m.get("enforce"));
    }

    @Test
    void asMapIsACopy() {
        AgentOptions d = AgentOptions.defaults();
        d.asMap().put("grace", "1ms");
        assertEquals("2s", d.asMap().get("grace"));
    }

    @Test
    void keysListMatchesTheDesignOrder() {
        assertEquals(List.of("grace", "report", "log", "failOnLeak", "leakExitCode", "stacks", "stackDepth",
                "blocking", "ignore", "baseline", "exitCheck", "jmx", "enforce", "config"), OptionsParser.KEYS);
    }
}
