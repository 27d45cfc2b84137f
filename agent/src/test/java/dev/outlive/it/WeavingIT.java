package dev.outlive.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** How the agent gets into the JVM: woven JDK classes that pass the verifier, and a renamed agent jar. */
class WeavingIT {
    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    /**
     * The JVM does not verify JDK classes by default, so a bad stack map frame in a woven one would go
     * unnoticed until someone ran with verification on. Here it is on for them: every hooked class is
     * retransformed at start-up and verified then.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void wovenJdkClassesPassTheBytecodeVerifier(Jdks.Jdk jdk) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(jdk, ForkedJvm.AGENT,
                List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal"),
                "grace=300ms", SpawnPathsIT.MAIN, "pool-shutdownnow-leaky");
        assertFalse(r.stderr().contains("VerifyError"), r.describe());
        AgentHealth.assertHealthy(r);
        assertEquals(0, r.exitCode(), r.describe());
        assertOneLeak(r, "IGNORED_CANCELLATION");
    }

    /**
     * The manifest's {@code Boot-Class-Path} names the jar by its usual file name; a renamed jar is
     * appended from premain instead, and the agent works the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRenamedAgentJarStillWorks(Jdks.Jdk jdk) throws Exception {
        Path renamed = Files.createTempDirectory("outlive-renamed").resolve("outlive-agent-0.1.0.jar");
        Files.copy(ForkedJvm.AGENT, renamed, StandardCopyOption.REPLACE_EXISTING);
        ForkedJvm.Result r = ForkedJvm.run(jdk, renamed, List.of(), "grace=300ms", SpawnPathsIT.MAIN,
                "pool-shutdownnow-leaky");
        assertEquals(0, r.exitCode(), r.describe());
        assertFalse(r.stderr().contains("could not start"), r.describe());
        assertOneLeak(r, "IGNORED_CANCELLATION");
    }

    private static void assertOneLeak(ForkedJvm.Result r, String kind) {
        List<JsonNode> leaks = r.leaksExceptSentinel();
        assertEquals(1, leaks.size(), r.describe());
        assertEquals(kind, leaks.get(0).path("kind").asText(), r.describe());
    }
}
