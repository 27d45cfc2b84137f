package dev.outlive.agent.config;

import dev.outlive.core.leak.IgnoreFilter;
import dev.outlive.core.stack.StackMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsParserTest {

    private static final String VALID = "(valid options: grace, report, log, failOnLeak, leakExitCode, stacks, "
            + "stackDepth, blocking, ignore, baseline, exitCheck, jmx, enforce, config)";

    @TempDir
    Path dir;

    private static AgentOptions args(String agentArgs) {
        return OptionsParser.parse(agentArgs, Map.of(), Map.of());
    }

    private static String error(String agentArgs) {
        return error(agentArgs, Map.of(), Map.of());
    }

    /** The message of the expected failure, checked to be the single {@code outlive: } line of the contract. */
    private static String error(String agentArgs, Map<String, String> props, Map<String, String> env) {
        OptionsException e = assertThrows(OptionsException.class, () -> OptionsParser.parse(agentArgs, props, env));
        String m = e.getMessage();
        assertTrue(m.startsWith("outlive: "), m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        return m;
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    // ---- defaults ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ",", " , "})
    void emptyArgumentsMeanDefaults(String agentArgs) {
        assertEquals(AgentOptions.defaults().asMap(), args(agentArgs).asMap());
    }

    @Test
    void nullArgumentsMeanDefaults() {
        AgentOptions o = OptionsParser.parse(null, Map.of(), Map.of());
        assertEquals(AgentOptions.defaults().asMap(), o.asMap());
        assertSame(IgnoreFilter.NONE, o.ignore());
    }

    @Test
    void unrelatedPropertiesAndVariablesAreIgnored() {
        AgentOptions o = OptionsParser.parse("", Map.of("java.version", "21", "outlivegrace", "x", "grace", "x"),
                Map.of("PATH", "/bin", "OUTLIVE", "x", "OUTLIVEGRACE", "x", "outlive_grace", "x"));
        assertEquals(AgentOptions.defaults().asMap(), o.asMap());
    }

    // ---- each option ------------------------------------------------------------------------------------

    @Nested
    class Values {
        @Test
        void grace() {
            assertEquals(500, args("grace=500ms").graceMillis());
            assertEquals(60_000, args("grace=1m").graceMillis());
            assertEquals(0, args("grace=0").graceMillis());
            assertEquals("outlive: bad value 'soon' for option 'grace' (expected a duration such as 500ms, 2s or 1m)",
                    error("grace=soon"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1s", "5", "1h", "", "1.5s"})
        void badGrace(String value) {
            assertEquals("outlive: bad value '" + value + "' for option 'grace' "
                    + "(expected a duration such as 500ms, 2s or 1m)", error("grace=" + value));
        }

        @Test
        void report() {
            assertEquals(Optional.of(Path.of("out/leaks.json")), args("report=out/leaks.json").report());
            assertEquals("outlive: bad value '' for option 'report' (expected a file path)", error("report="));
        }

        @Test
        void log() {
            assertEquals("stderr", args("log=stderr").log());
            assertEquals("off", args("log=off").log());
            assertEquals("off", args("log=OFF").log());
            assertEquals(Path.of("logs/outlive.log").toString(), args("log=logs/outlive.log").log());
            assertEquals("outlive: bad value '' for option 'log' (expected stderr, off or a file path)", error("log="));
        }

        @Test
        void booleans() {
            AgentOptions o = args("failOnLeak=TRUE,blocking=false,jmx=False,enforce=true");
            assertTrue(o.failOnLeak());
            assertFalse(o.blocking());
            assertFalse(o.jmx());
            assertTrue(o.enforce());
            AgentOptions p = args("failOnLeak=false,blocking=true,jmx=true,enforce=false");
            assertFalse(p.failOnLeak());
            assertTrue(p.blocking());
            assertTrue(p.jmx());
            assertFalse(p.enforce());
        }

        @ParameterizedTest
        @CsvSource({"failOnLeak,yes", "blocking,1", "jmx,on", "enforce,''", "failOnLeak,ture"})
        void badBooleans(String key, String value) {
            assertEquals("outlive: bad value '" + value + "' for option '" + key + "' (expected true or false)",
                    error(key + "=" + value));
        }

        @Test
        void leakExitCode() {
            assertEquals(1, args("leakExitCode=1").leakExitCode());
            assertEquals(255, args("leakExitCode=255").leakExitCode());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "256", "-3", "+3", "three", "", "3.0", "99999999999"})
        void badLeakExitCode(String value) {
            assertEquals("outlive: bad value '" + value + "' for option 'leakExitCode' "
                    + "(expected an integer from 1 to 255)", error("leakExitCode=" + value));
        }

        @Test
        void stacks() {
            assertEquals(StackMode.AUTO, args("stacks=auto").stacks());
            assertEquals(StackMode.FULL, args("stacks=full").stacks());
            assertEquals(StackMode.CALLER, args("stacks=Caller").stacks());
            assertEquals(StackMode.OFF, args("stacks=off").stacks());
            assertEquals("outlive: bad value 'maybe' for option 'stacks' (expected one of auto, full, caller, off)",
                    error("stacks=maybe"));
        }

        @Test
        void stackDepth() {
            assertEquals(1, args("stackDepth=1").stackDepth());
            assertEquals(1024, args("stackDepth=1024").stackDepth());
            assertEquals("outlive: bad value '0' for option 'stackDepth' (expected an integer from 1 to 1024)",
                    error("stackDepth=0"));
            assertEquals("outlive: bad value '1025' for option 'stackDepth' (expected an integer from 1 to 1024)",
                    error("stackDepth=1025"));
        }

        @Test
        void ignore() {
            AgentOptions o = args("ignore= com.acme.Cache.refresh ; okhttp3.* ;");
            assertEquals(List.of("com.acme.Cache.refresh", "okhttp3.*"), o.ignore().patterns());
            assertTrue(args("ignore=").ignore().isEmpty());
            assertEquals("outlive: bad value 'okhttp3.*;com acme' for option 'ignore' (pattern 'com acme': "
                    + "unexpected character ' ' (use class or method names and *))", error("ignore=okhttp3.*;com acme"));
        }

        @Test
        void exitCheck() {
            assertEquals(ExitCheck.WARN, args("exitCheck=warn").exitCheck());
            assertEquals(ExitCheck.LEAK, args("exitCheck=LEAK").exitCheck());
            assertEquals(ExitCheck.OFF, args("exitCheck=off").exitCheck());
            assertEquals("outlive: bad value 'fail' for option 'exitCheck' (expected one of warn, leak, off)",
                    error("exitCheck=fail"));
        }

        @Test
        void baselineMustExist() throws IOException {
            Path report = file("previous.json", "{}");
            assertEquals(Optional.of(report), args("baseline=" + report).baseline());
            Path missing = dir.resolve("missing.json");
            assertEquals("outlive: bad value '" + missing + "' for option 'baseline' (file not found)",
                    error("baseline=" + missing));
            assertEquals("outlive: bad value '" + dir + "' for option 'baseline' (not a regular file)",
                    error("baseline=" + dir));
        }

        @Test
        void baselineOverriddenByAStrongerSourceIsNotRead() throws IOException {
            Path report = file("previous.json", "{}");
            AgentOptions o = OptionsParser.parse("baseline=" + report, Map.of(),
                    Map.of("OUTLIVE_BASELINE", dir.resolve("gone.json").toString()));
            assertEquals(Optional.of(report), o.baseline());
        }
    }

    // ---- the failOnLeak -> exitCheck rule -----------------------------------------------------------------

    @Nested
    class ExitCheckDefault {
        @Test
        void warnByDefault() {
            assertEquals(ExitCheck.WARN, args("failOnLeak=false").exitCheck());
        }

        @Test
        void failOnLeakMakesTheDefaultLeak() {
            assertEquals(ExitCheck.LEAK, args("failOnLeak=true").exitCheck());
            assertEquals(ExitCheck.LEAK,
                    OptionsParser.parse("", Map.of(), Map.of("OUTLIVE_FAIL_ON_LEAK", "true")).exitCheck());
        }

        @Test
        void anExplicitWarnStaysWarn() {
            assertEquals(ExitCheck.WARN, args("failOnLeak=true,exitCheck=warn").exitCheck());
            assertEquals(ExitCheck.OFF, args("exitCheck=off,failOnLeak=true").exitCheck());
        }

        @Test
        void exitCheckSetInAnotherSourceStillCounts() throws IOException {
            Path config = file("outlive.properties", "exitCheck=warn\n");
            AgentOptions o = OptionsParser.parse("failOnLeak=true", Map.of(), Map.of("OUTLIVE_CONFIG", config.toString()));
            assertEquals(ExitCheck.WARN, o.exitCheck());
            assertTrue(o.failOnLeak());
        }

        @Test
        void failOnLeakFromTheConfigFileCounts() throws IOException {
            Path config = file("outlive.properties", "failOnLeak=true\n");
            assertEquals(ExitCheck.LEAK, args("config=" + config).exitCheck());
        }
    }

    // ---- precedence --------------------------------------------------------------------------------------

    @Nested
    class Precedence {
        @Test
        void agentArgumentsWinOverPropertiesAndEnvironment() {
            AgentOptions o = OptionsParser.parse("grace=1s", Map.of("outlive.grace", "2m"), Map.of("OUTLIVE_GRACE", "3ms"));
            assertEquals(1_000, o.graceMillis());
        }

        @Test
        void propertiesWinOverEnvironment() {
            AgentOptions o = OptionsParser.parse("", Map.of("outlive.grace", "2m"), Map.of("OUTLIVE_GRACE", "3ms"));
            assertEquals(120_000, o.graceMillis());
        }

        @Test
        void environmentAlone() {
            assertEquals(3, OptionsParser.parse("", Map.of(), Map.of("OUTLIVE_GRACE", "3ms")).graceMillis());
        }

        @Test
        void sourcesCombineOptionByOption() {
            AgentOptions o = OptionsParser.parse("stacks=full", Map.of("outlive.jmx", "false"),
                    Map.of("OUTLIVE_STACK_DEPTH", "8", "OUTLIVE_STACKS", "off"));
            assertEquals(StackMode.FULL, o.stacks());
            assertFalse(o.jmx());
            assertEquals(8, o.stackDepth());
        }

        @Test
        void configFileRanksBelowAllThree() throws IOException {
            Path config = file("outlive.properties",
                    "grace=9s\nstackDepth=9\nleakExitCode=9\njmx=false\n# a comment\n");
            AgentOptions o = OptionsParser.parse("config=" + config + ",grace=1s",
                    Map.of("outlive.stackDepth", "2"), Map.of("OUTLIVE_LEAK_EXIT_CODE", "4"));
            assertEquals(1_000, o.graceMillis());
            assertEquals(2, o.stackDepth());
            assertEquals(4, o.leakExitCode());
            assertFalse(o.jmx()); // only the file sets it
            assertEquals(Optional.of(config), o.config());
        }

        @Test
        void configMayComeFromAPropertyOrTheEnvironment() throws IOException {
            Path config = file("outlive.properties", "grace = 7s \n");
            assertEquals(7_000, OptionsParser.parse("", Map.of("outlive.config", config.toString()), Map.of()).graceMillis());
            assertEquals(7_000, OptionsParser.parse("", Map.of(), Map.of("OUTLIVE_CONFIG", config.toString())).graceMillis());
        }

        @Test
        void theStrongestConfigIsTheOneRead() throws IOException {
            Path weak = file("weak.properties", "grace=5s\n");
            Path strong = file("strong.properties", "grace=6s\n");
            AgentOptions o = OptionsParser.parse("", Map.of("outlive.config", strong.toString()),
                    Map.of("OUTLIVE_CONFIG", weak.toString()));
            assertEquals(6_000, o.graceMillis());
        }

        @Test
        void aBadValueIsReportedEvenWhenOverridden() {
            assertEquals("outlive: bad value 'soon' for option 'grace' (expected a duration such as 500ms, 2s or 1m)"
                    + " (from OUTLIVE_GRACE)", error("grace=1s", Map.of(), Map.of("OUTLIVE_GRACE", "soon")));
        }
    }

    // ---- agent argument syntax ---------------------------------------------------------------------------

    @Nested
    class AgentArgumentSyntax {
        @Test
        void valuesMayContainEquals() {
            AgentOptions o = args("report=out/a=b.json,log=x=y=z.log");
            assertEquals(Optional.of(Path.of("out/a=b.json")), o.report());
            assertEquals(Path.of("x=y=z.log").toString(), o.log());
        }

        @Test
        void onlyTheFirstEqualsSplits() {
            assertEquals("outlive: bad value '=2s' for option 'grace' (expected a duration such as 500ms, 2s or 1m)",
                    error("grace==2s"));
        }

        @Test
        void whitespaceAroundKeysAndValuesIsTrimmed() {
            AgentOptions o = args("  grace = 1s ,  jmx= false,stacks =full  ");
            assertEquals(1_000, o.graceMillis());
            assertFalse(o.jmx());
            assertEquals(StackMode.FULL, o.stacks());
        }

        @Test
        void emptyPairsAreSkipped() {
            assertEquals(1_000, args("grace=1s,,").graceMillis());
        }

        @Test
        void aKeyWithoutValueIsAnError() {
            assertEquals("outlive: missing value for option 'failOnLeak' (expected failOnLeak=value)", error("failOnLeak"));
        }

        @Test
        void theSameOptionTwiceWithDifferentValuesIsAnError() {
            assertEquals(1_000, args("grace=1s,grace=1s").graceMillis());
            assertEquals("outlive: option 'grace' is given twice with different values ('1s' and '2s')",
                    error("grace=1s,grace=2s"));
        }
    }

    // ---- environment names -------------------------------------------------------------------------------

    @Nested
    class EnvironmentNames {
        @ParameterizedTest
        @ValueSource(strings = {"OUTLIVE_FAILONLEAK", "OUTLIVE_FAIL_ON_LEAK"})
        void plainAndSnakeNames(String name) {
            assertTrue(OptionsParser.parse("", Map.of(), Map.of(name, "true")).failOnLeak());
        }

        @Test
        void everyMultiWordOption() {
            AgentOptions o = OptionsParser.parse("", Map.of(),
                    Map.of("OUTLIVE_LEAKEXITCODE", "7", "OUTLIVE_STACK_DEPTH", "5", "OUTLIVE_EXIT_CHECK", "off"));
            assertEquals(7, o.leakExitCode());
            assertEquals(5, o.stackDepth());
            assertEquals(ExitCheck.OFF, o.exitCheck());
        }

        @Test
        void bothFormsAgreeingIsFine() {
            assertEquals(9, OptionsParser.parse("", Map.of(),
                    Map.of("OUTLIVE_STACKDEPTH", "9", "OUTLIVE_STACK_DEPTH", "9")).stackDepth());
        }

        @Test
        void bothFormsDisagreeingIsAnError() {
            assertEquals("outlive: option 'stackDepth' is given twice with different values ('9' and '8') "
                            + "(from OUTLIVE_STACKDEPTH and OUTLIVE_STACK_DEPTH)",
                    error("", Map.of(), Map.of("OUTLIVE_STACKDEPTH", "9", "OUTLIVE_STACK_DEPTH", "8")));
        }
    }

    // ---- unknown options ---------------------------------------------------------------------------------

    @Nested
    class UnknownOptions {
        @Test
        void didYouMean() {
            assertEquals("outlive: unknown option 'grce' (did you mean 'grace'?)", error("grce=2s"));
        }

        @ParameterizedTest
        @CsvSource({"stakcs,stacks", "failonleak,failOnLeak", "stackDepht,stackDepth", "reprot,report",
                "exitchek,exitCheck", "baseLine,baseline", "Jmx,jmx"})
        void suggestsTheClosestOption(String typed, String expected) {
            assertEquals("outlive: unknown option '" + typed + "' (did you mean '" + expected + "'?)",
                    error(typed + "=x"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"foo", "timeout", "x", "", "graceful"})
        void listsTheOptionsWhenNothingIsClose(String typed) {
            assertEquals("outlive: unknown option '" + typed + "' " + VALID, error(typed + "=1"));
        }

        @Test
        void unknownProperty() {
            assertEquals("outlive: unknown option 'grce' (did you mean 'grace'?) (from -Doutlive.grce)",
                    error("", Map.of("outlive.grce", "2s"), Map.of()));
            assertEquals("outlive: unknown option 'foo' " + VALID + " (from -Doutlive.foo)",
                    error("", Map.of("outlive.foo", "1"), Map.of()));
        }

        @Test
        void unknownEnvironmentVariable() {
            assertEquals("outlive: unknown option 'grce' (did you mean 'grace'?) (from OUTLIVE_GRCE)",
                    error("", Map.of(), Map.of("OUTLIVE_GRCE", "2s")));
            assertEquals("outlive: unknown option 'fail_on_laek' (did you mean 'failOnLeak'?) (from OUTLIVE_FAIL_ON_LAEK)",
                    error("", Map.of(), Map.of("OUTLIVE_FAIL_ON_LAEK", "true")));
            assertEquals("outlive: unknown option 'grace' (did you mean 'grace'?) (from OUTLIVE_grace)",
                    error("", Map.of(), Map.of("OUTLIVE_grace", "2s")));
        }

        @Test
        void unknownKeyInConfigFile() throws IOException {
            Path config = file("outlive.properties", "grace=1s\ngrcae=2s\n");
            assertEquals("outlive: unknown option 'grcae' (did you mean 'grace'?) (from config file " + config + ")",
                    error("config=" + config));
        }

        @Test
        void configInsideAConfigFileIsRefused() throws IOException {
            Path config = file("outlive.properties", "config=other.properties\n");
            assertEquals("outlive: option 'config' cannot be set inside a config file (from config file " + config + ")",
                    error("config=" + config));
        }
    }

    // ---- where a bad value came from ---------------------------------------------------------------------

    @Nested
    class SourceInMessages {
        @Test
        void fromProperty() {
            assertEquals("outlive: bad value 'soon' for option 'grace' (expected a duration such as 500ms, 2s or 1m)"
                    + " (from -Doutlive.grace)", error("", Map.of("outlive.grace", "soon"), Map.of()));
        }

        @Test
        void fromEnvironmentUsesTheVariableAsWritten() {
            assertEquals("outlive: bad value '0' for option 'leakExitCode' (expected an integer from 1 to 255)"
                    + " (from OUTLIVE_LEAK_EXIT_CODE)", error("", Map.of(), Map.of("OUTLIVE_LEAK_EXIT_CODE", "0")));
        }

        @Test
        void fromConfigFile() throws IOException {
            Path config = file("outlive.properties", "stacks=maybe\n");
            assertEquals("outlive: bad value 'maybe' for option 'stacks' (expected one of auto, full, caller, off)"
                    + " (from config file " + config + ")", error("config=" + config));
        }

        @Test
        void agentArgumentsNeedNoSource() {
            assertFalse(error("jmx=no").contains("(from"));
        }

        @Test
        void controlCharactersCannotBreakTheLine() {
            String m = error("", Map.of(), Map.of("OUTLIVE_GRACE", "2s\nrm -rf"));
            assertEquals("outlive: bad value '2s\\nrm -rf' for option 'grace' "
                    + "(expected a duration such as 500ms, 2s or 1m) (from OUTLIVE_GRACE)", m);
        }
    }

    // ---- the config file ---------------------------------------------------------------------------------

    @Nested
    class ConfigFile {
        @Test
        void missingConfigFileIsOneLine() {
            Path missing = dir.resolve("nope.properties");
            assertEquals("outlive: bad value '" + missing + "' for option 'config' (file not found)",
                    error("config=" + missing));
            assertEquals("outlive: bad value '" + missing + "' for option 'config' (file not found)"
                    + " (from OUTLIVE_CONFIG)", error("", Map.of(), Map.of("OUTLIVE_CONFIG", missing.toString())));
        }

        @Test
        void configDirectoryIsRefused() {
            assertEquals("outlive: bad value '" + dir + "' for option 'config' (not a regular file)",
                    error("config=" + dir));
        }

        @Test
        void malformedConfigFileIsOneLine() throws IOException {
            Path config = file("bad.properties", "grace=\\uZZZZ\n");
            String m = error("config=" + config);
            assertTrue(m.startsWith("outlive: cannot read config file '" + config + "' ("), m);
        }

        @Test
        void everyOptionCanComeFromTheFile() throws IOException {
            Path baseline = file("previous.json", "{}");
            Path config = file("all.properties", String.join("\n",
                    "grace=1500ms", "report=r.json", "log=off", "failOnLeak=true", "leakExitCode=42", "stacks=caller",
                    "stackDepth=16", "blocking=false", "ignore=okhttp3.*", "baseline=" + baseline.toString().replace("\\", "\\\\"),
                    "exitCheck=off", "jmx=false", "enforce=true", ""));
            AgentOptions o = args("config=" + config);
            assertEquals(1_500, o.graceMillis());
            assertEquals(Optional.of(Path.of("r.json")), o.report());
            assertEquals("off", o.log());
            assertTrue(o.failOnLeak());
            assertEquals(42, o.leakExitCode());
            assertEquals(StackMode.CALLER, o.stacks());
            assertEquals(16, o.stackDepth());
            assertFalse(o.blocking());
            assertEquals(List.of("okhttp3.*"), o.ignore().patterns());
            assertEquals(Optional.of(baseline), o.baseline());
            assertEquals(ExitCheck.OFF, o.exitCheck());
            assertFalse(o.jmx());
            assertTrue(o.enforce());
        }
    }

    // ---- suggestions -------------------------------------------------------------------------------------

    @Test
    void editDistanceCountsASwapAsOneEdit() {
        assertEquals(0, OptionsParser.editDistance("grace", "grace"));
        assertEquals(1, OptionsParser.editDistance("grce", "grace"));
        assertEquals(1, OptionsParser.editDistance("stakcs", "stacks"));
        assertEquals(2, OptionsParser.editDistance("foo", "log"));
        assertEquals(3, OptionsParser.editDistance("", "jmx"));
    }

    @Test
    void fromEnvironmentReadsTheRunningJvm() {
        String key = "outlive.stackDepth";
        String before = System.getProperty(key);
        System.setProperty(key, "12");
        try {
            AgentOptions o = OptionsParser.fromEnvironment("grace=250ms");
            assertEquals(250, o.graceMillis());
            assertEquals(12, o.stackDepth());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
