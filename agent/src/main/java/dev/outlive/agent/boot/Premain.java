package dev.outlive.agent.boot;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The agent's entry points: {@code premain} ({@code -javaagent}), {@code agentmain} (attach) and
 * {@code main} (the command line). Loaded by the system class loader, so it stays tiny and uses JDK
 * types only: it puts the jar on the bootstrap class path (core and the bridge must be visible to the
 * JDK classes they are woven into), builds the agent's private class loader over the jar's
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
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
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

    static File agentJar() throws URISyntaxException {
        return new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
