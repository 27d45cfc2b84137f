package dev.outlive.core.leak;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Tells a {@code java.util.Timer}'s thread that has nothing to do: a daemon waiting on an empty queue.
 * It runs no work and cannot keep the JVM alive, and the JDK ends it once its {@code Timer} is
 * collected; libraries make one per instance and have no way to stop it (Geronimo's transaction
 * manager). Such a thread is not work that outlived its scope. A timer with a task still scheduled is
 * (the task runs later, for nobody), and so is a non-daemon timer (it keeps the JVM alive).
 *
 * <p>Reads the timer's private queue, which the agent opens to Outlive at start-up; where it cannot
 * (no agent), no timer is idle.
 */
public final class IdleTimers {
    private static final VarHandle QUEUE;
    private static final VarHandle SIZE;
    private static final Class<?> TIMER_THREAD;

    static {
        VarHandle queue = null;
        VarHandle size = null;
        Class<?> thread = null;
        try {
            thread = Class.forName("java.util.TimerThread", false, null);
            Class<?> queueClass = Class.forName("java.util.TaskQueue", false, null);
            queue = MethodHandles.privateLookupIn(thread, MethodHandles.lookup()).findVarHandle(thread, "queue", queueClass);
            size = MethodHandles.privateLookupIn(queueClass, MethodHandles.lookup()).findVarHandle(queueClass, "size", int.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notOpen) {
            thread = null;
        }
        QUEUE = queue;
        SIZE = size;
        TIMER_THREAD = thread;
    }

    private IdleTimers() {
    }

    /** Whether {@code task} is the thread of a daemon timer that has no task scheduled. */
    public static boolean isIdle(dev.outlive.core.task.TaskRecord task) {
        return task.taskKind() == dev.outlive.core.task.TaskKind.THREAD && isIdleDaemonTimer(task.thread());
    }

    /** Whether {@code t} is a daemon timer thread with no task scheduled. */
    public static boolean isIdleDaemonTimer(Thread t) {
        if (TIMER_THREAD == null || t == null || t.getClass() != TIMER_THREAD || !t.isDaemon()) {
            return false;
        }
        Object queue = QUEUE.get(t);
        if (queue == null) {
            return false;
        }
        synchronized (queue) { // the timer's own lock: its loop holds it only between waits
            return (int) SIZE.get(queue) == 0;
        }
    }
}
