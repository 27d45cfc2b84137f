package dev.outlive.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;

/**
 * A local JVM reached through the Attach API. The only class of the command line that names
 * {@code com.sun.tools.attach}: that module ({@code jdk.attach}) ships with JDKs, not with every
 * runtime, and {@link Cli} turns its absence into one line instead of a stack trace.
 *
 * <p>The JMX connection goes through the target's <em>local</em> management agent
 * ({@code startLocalManagementAgent}): a connector reachable only from this machine by the same
 * user, started on demand, and no port is opened for the network.
 */
final class LocalJvm {
    private LocalJvm() {
    }

    /** Parses a pid argument: digits naming a live process. */
    static String pid(String arg) throws CliException {
        long pid;
        try {
            pid = Long.parseLong(arg);
        } catch (NumberFormatException e) {
            throw new CliException("outlive: '" + arg + "' is not a process id");
        }
        if (pid <= 0) {
            throw new CliException("outlive: '" + arg + "' is not a process id");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new CliException("outlive: " + pid + " is this command's own JVM");
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new CliException("outlive: no process with pid " + pid);
        }
        return Long.toString(pid);
    }

    /** Opens a JMX connection to the JVM {@code pid} through its local management agent. */
    static JMXConnector connect(String pid) throws CliException {
        VirtualMachine vm = attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new CliException("outlive: cannot start the local management agent of JVM " + pid + ": " + e.getMessage());
        } finally {
            detach(vm);
        }
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(address));
        } catch (IOException e) {
            throw new CliException("outlive: cannot connect to JVM " + pid + " over JMX: " + e.getMessage());
        }
    }

    /** Loads {@code agentJar} into the JVM {@code pid} with {@code options}. */
    static void loadAgent(String pid, String agentJar, String options) throws CliException {
        VirtualMachine vm = attach(pid);
        try {
            vm.loadAgent(agentJar, options);
        } catch (AgentLoadException e) {
            throw new CliException("outlive: JVM " + pid + " could not load the agent: " + e.getMessage());
        } catch (AgentInitializationException e) {
            throw new CliException("outlive: the agent failed to start in JVM " + pid + " (status "
                    + e.returnValue() + "); see that JVM's stderr");
        } catch (IOException e) {
            throw new CliException("outlive: loading the agent into JVM " + pid + " failed: " + e.getMessage());
        } finally {
            detach(vm);
        }
    }

    private static VirtualMachine attach(String pid) throws CliException {
        try {
            return VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException e) {
            throw new CliException("outlive: cannot attach to " + pid + " (not a JVM, another user's, or started with"
                    + " -XX:+DisableAttachMechanism): " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("outlive: cannot attach to JVM " + pid + ": " + e.getMessage());
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException e) {
            // the work is done; a failed detach only leaves a socket to be closed by the target
        }
    }
}
