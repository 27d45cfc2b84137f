package dev.outlive.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opens the built agent jar and checks what it holds: the class-loader layout is a contract. */
class AgentJarIT {
    @Test
    void manifestNamesTheEntryPoints() throws IOException {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT.toFile())) {
            Attributes a = jar.getManifest().getMainAttributes();
            assertEquals("dev.outlive.agent.boot.Premain", a.getValue("Premain-Class"));
            assertEquals("dev.outlive.agent.boot.Premain", a.getValue("Agent-Class"));
            assertEquals("dev.outlive.agent.boot.Premain", a.getValue("Main-Class"));
            assertEquals("true", a.getValue("Can-Retransform-Classes"));
        }
    }

    @Test
    void onlyCoreTheBridgeAndThePremainAreVisibleClasses() throws IOException {
        List<String> stray = new ArrayList<>();
        int hidden = 0;
        try (JarFile jar = new JarFile(ForkedJvm.AGENT.toFile())) {
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                String n = e.getName();
                if (n.endsWith(".class")) {
                    boolean allowed = n.startsWith("dev/outlive/core/") || n.startsWith("dev/outlive/bridge/")
                            || n.startsWith("dev/outlive/agent/boot/") || n.matches("dev/outlive/[A-Za-z$0-9]+\\.class");
                    if (!allowed) {
                        stray.add(n);
                    }
                } else if (n.startsWith("outlive-inst/") && n.endsWith(".classdata")) {
                    hidden++;
                    if (!n.startsWith("outlive-inst/dev/outlive/")) {
                        stray.add(n + " (not relocated under dev.outlive)");
                    }
                }
            }
            assertEquals(List.of(), stray);
            assertTrue(hidden > 1000, "relocated dependencies are stored as class data: " + hidden);
            assertTrue(jar.getJarEntry("outlive-inst/dev/outlive/shaded/asm/ClassReader.classdata") != null);
            assertTrue(jar.getJarEntry("outlive-inst/dev/outlive/shaded/jackson/databind/ObjectMapper.classdata") != null);
            assertTrue(jar.getJarEntry("outlive-inst/dev/outlive/shaded/logback/classic/Logger.classdata") != null);
            assertTrue(jar.getJarEntry("outlive-inst/logback.xml") == null, "no logback.xml is shipped");
            assertTrue(jar.getJarEntry("dev/outlive/Scope.class") != null);
        }
    }
}
