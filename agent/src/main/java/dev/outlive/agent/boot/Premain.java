package dev.outlive.agent.boot;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.jar.JarFile;

/**
 * The agent's entry points: {@code premain} ({@code -javaagent}), {@code agentmain} (attach) and
 * {@code main} (the command line). It stays tiny and uses JDK types only. The jar must be on the
 * bootstrap class path (core and the bridge must be visible to the JDK classes they are woven into):
 * the manifest's {@code Boot-Class-Path: outlive-agent.jar} puts it there while the JVM starts, which
 * keeps class-data sharing on for every class (an append from premain turns it off for application
 * classes, and JDK 25 prints a warning about it); only when that did not happen (the jar was renamed)
 * does premain append it. It then builds the agent's private class loader over the jar's
 * {@code outlive-inst/} entries, and hands over to the installer there. No logging, no threads here:
 * premain deadlocks in other agents came from exactly that.
 */
public final class Premain {
    private static final String INSTALLER = "dev.outlive.agent.AgentInstaller";
    private static final String CLI = "dev.outlive.agent.cli.Cli";

    private Premain() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /** {@code java -jar outlive-agent.jar <command>}. */
    public static void main(String[] args) throws Throwable {
        ClassLoader loader = new AgentClassLoader(agentJar(), ClassLoader.getSystemClassLoader());
        Method main = Class.forName(CLI, true, loader).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void start(String args, Instrumentation inst, boolean dynamic) {
        try {
            File jar = agentJar();
            if (Premain.class.getClassLoader() != null) {
                // the manifest's Boot-Class-Path did not find the jar (it was renamed, or attached late)
                inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            }
            ClassLoader loader = new AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());
            Method install = Class.forName(INSTALLER, true, loader)
                    .getMethod("install", String.class, Instrumentation.class, boolean.class, File.class);
            install.invoke(null, args, inst, dynamic, jar);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                throw (Error) cause; // the installer's own "stop the JVM" signal
            }
            System.err.println("outlive: the agent could not start and is off: " + cause);
        } catch (Throwable t) {
            System.err.println("outlive: the agent could not start and is off: " + t);
        }
    }

    /**
     * The jar this class came from. Normally the manifest's {@code Boot-Class-Path} has put the jar on
     * the bootstrap class path before premain, so this class was loaded from there and has no code
     * source: its own resource URL names the jar then.
     */
    static File agentJar() throws URISyntaxException {
        CodeSource source = Premain.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            return new File(source.getLocation().toURI());
        }
        URL self = Premain.class.getResource("Premain.class");
        String url = self == null ? "" : self.toString();
        int bang = url.indexOf("!/");
        if (!url.startsWith("jar:") || bang < 0) {
            throw new IllegalStateException("cannot tell which jar the agent was loaded from: " + url);
        }
        return new File(new URI(url.substring("jar:".length(), bang)));
    }
}
