package dev.outlive.core.report;

/** The reporting JVM: JSON {@code jvm}. */
public record JvmView(long pid, String javaVersion, String vm, String command) {
    /** This JVM. */
    public static JvmView current() {
        String command = System.getProperty("sun.java.command", "");
        int space = command.indexOf(' ');
        return new JvmView(ProcessHandle.current().pid(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), space < 0 ? command : command.substring(0, space));
    }
}
