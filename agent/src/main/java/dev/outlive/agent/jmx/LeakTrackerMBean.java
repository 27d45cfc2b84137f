package dev.outlive.agent.jmx;

/**
 * The management interface of {@code dev.outlive:type=LeakTracker} (DESIGN §6). Every type is a
 * JDK type (strings and primitives), so any JMX client, jconsole included, can read it without
 * Outlive's classes.
 */
public interface LeakTrackerMBean {
    /** @return tasks started and not yet done */
    long getLiveTasks();

    /** @return scopes not yet closed or ended */
    long getOpenScopes();

    /** @return leaks found so far (known leaks from the baseline not counted) */
    int getLeakCount();

    /** @return warnings found so far */
    int getWarningCount();

    /**
     * @return every live task grouped by scope path, each with its kind, description, state, thread
     *         and spawn stack, then the leaks section, as text
     */
    String dump();

    /** @return the JSON report (trigger {@code jmx}) with its {@code tasks} array filled */
    String dumpJson();

    /** @return the text report of the findings only */
    String leaks();

    /**
     * Writes the JSON report (as {@link #dumpJson()}) to a new file with owner-only permissions.
     *
     * @param path the file to create; it must not exist
     * @return the absolute path written
     * @throws java.io.IOException if the file exists or cannot be written
     */
    String writeReport(String path) throws java.io.IOException;
}
