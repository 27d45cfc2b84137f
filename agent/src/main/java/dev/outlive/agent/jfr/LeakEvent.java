package dev.outlive.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code dev.outlive.Leak}: one per new leak. The event's own stack would be the
 * reporter thread's, which says nothing, so it is off; {@code spawnSite} carries the frame that
 * matters.
 */
@Name("dev.outlive.Leak")
@Label("Outlive Leak")
@Category("Outlive")
@Description("A task that outlived its scope's cancellation, found by the Outlive agent")
@StackTrace(false)
final class LeakEvent extends Event {
    @Label("Leak Kind")
    String kind;

    @Label("Task Kind")
    String taskKind;

    @Label("Description")
    String description;

    @Label("Scope Path")
    String scopePath;

    @Label("Cancel Reason")
    String cancelReason;

    @Label("Spawn Site")
    @Description("The innermost frame of the task's spawn stack outside the JDK")
    String spawnSite;
}
