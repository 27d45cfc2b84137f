package dev.outlive.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Reads the package-private state of {@code java.util.Timer} that tells which {@code TimerTask} the
 * timer thread is about to run and whether it will run again. Laid out the same on JDK 17 and 25:
 * {@code TaskQueue.queue} is a heap with the next task at index 1 and {@code size} entries,
 * {@code TimerTask.state}/{@code period}, {@code TimerThread.newTasksMayBeScheduled} (false once the
 * timer is cancelled or dead). Needs {@code java.util} opened to the bridge, which the agent does at
 * start-up; without it {@link #ready()} is false and timer tasks are not tracked (the timer's thread
 * still is).
 */
final class TimerInternals {
    private static volatile boolean ready;
    private static VarHandle queueArray;
    private static VarHandle queueSize;
    private static VarHandle taskState;
    private static VarHandle taskPeriod;
    private static VarHandle threadMayRun;
    private static VarHandle timerThread;
    private static Class<?> timerThreadClass;
    private static int scheduled;
    private static int cancelled;

    private TimerInternals() {
    }

    static void init() {
        try {
            Class<?> queue = Class.forName("java.util.TaskQueue", false, null);
            Class<?> thread = Class.forName("java.util.TimerThread", false, null);
            Class<?> task = java.util.TimerTask.class;
            MethodHandles.Lookup q = MethodHandles.privateLookupIn(queue, MethodHandles.lookup());
            MethodHandles.Lookup t = MethodHandles.privateLookupIn(task, MethodHandles.lookup());
            MethodHandles.Lookup th = MethodHandles.privateLookupIn(thread, MethodHandles.lookup());
            MethodHandles.Lookup timer = MethodHandles.privateLookupIn(java.util.Timer.class, MethodHandles.lookup());
            queueArray = q.findVarHandle(queue, "queue", java.util.TimerTask[].class);
            queueSize = q.findVarHandle(queue, "size", int.class);
            taskState = t.findVarHandle(task, "state", int.class);
            taskPeriod = t.findVarHandle(task, "period", long.class);
            threadMayRun = th.findVarHandle(thread, "newTasksMayBeScheduled", boolean.class);
            timerThread = timer.findVarHandle(java.util.Timer.class, "thread", thread);
            scheduled = (int) t.findStaticVarHandle(task, "SCHEDULED", int.class).get();
            cancelled = (int) t.findStaticVarHandle(task, "CANCELLED", int.class).get();
            timerThreadClass = thread;
            ready = true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ready = false; // the JDK moved these: timer tasks go untracked rather than half-tracked
        }
    }

    static boolean ready() {
        return ready;
    }

    /** The task at the head of a {@code TaskQueue} (the one {@code removeMin}/{@code rescheduleMin} act on), or null. */
    static Object head(Object queue) {
        Object[] heap = (Object[]) queueArray.get(queue);
        return (int) queueSize.get(queue) > 0 && heap.length > 1 ? heap[1] : null;
    }

    /** The queued tasks, copied (call under the queue's monitor). */
    static Object[] queued(Object queue) {
        Object[] heap = (Object[]) queueArray.get(queue);
        int size = Math.min((int) queueSize.get(queue), heap.length - 1);
        Object[] out = new Object[Math.max(size, 0)];
        System.arraycopy(heap, 1, out, 0, out.length);
        return out;
    }

    static boolean isCancelled(Object task) {
        return (int) taskState.get(task) == cancelled;
    }

    /**
     * After a run: true if the task stays queued for another run (periodic, not cancelled, and its
     * timer still alive). {@code Timer.cancel()} from inside the run makes this false too.
     */
    static boolean runsAgain(Object task, Thread runner) {
        return (long) taskPeriod.get(task) != 0L && (int) taskState.get(task) == scheduled
                && timerThreadClass.isInstance(runner) && (boolean) threadMayRun.get(runner);
    }

    /** The timer's thread. */
    static Thread threadOf(Object timer) {
        return (Thread) timerThread.get(timer);
    }
}
