package dev.outlive.core.leak;

import dev.outlive.core.report.ThreadView;
import dev.outlive.core.task.BlockingCall;
import dev.outlive.core.task.TaskRecord;

import java.util.concurrent.locks.LockSupport;

/**
 * What a leaked task is blocked on. The blocking-call hooks record it as it happens (with the time it
 * began); where no hook saw it (JDK 17's native {@code Thread.sleep(long)} and {@code Object.wait(long)},
 * monitor entry, a driver's socket read), it is read off the thread's state and current stack at
 * report time, which costs nothing while the application runs.
 */
public final class BlockingPoints {
    private static final String[] DRIVERS = {"java.sql.", "javax.sql.", "org.h2.", "org.postgresql.", "com.mysql.",
        "org.mariadb.", "oracle.jdbc.", "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby."};

    private BlockingPoints() {
    }

    /** The hook's record if there is one, else what the stack shows, else null (running). */
    public static BlockingCall effective(TaskRecord task, Thread runner, StackTraceElement[] stack) {
        BlockingCall hooked = task.blockingCall();
        BlockingCall call = hooked != null ? hooked : runner == null ? null : inferred(runner, stack);
        if (call == null) {
            return null;
        }
        String lock = call.interruptible() ? uninterruptibleAcquire(stack) : null;
        if (lock != null) {
            // A park that an interrupt does not end: lock() and friends park again until they own the lock.
            call = call.as(lock + " (ignores interrupts) via " + call.method(), false);
        }
        String driver = driverFrame(stack);
        if (driver != null && !call.method().startsWith("JDBC")) {
            // A database driver waiting on its socket or lock: name the driver call, keep the rest.
            return call.as("JDBC " + driver + " via " + call.method(), call.interruptible());
        }
        return call;
    }

    /** Reads the blocking call off a thread's state and innermost frames. */
    static BlockingCall inferred(Thread t, StackTraceElement[] stack) {
        Thread.State state = t.getState();
        if (state == Thread.State.BLOCKED) {
            String where = stack.length > 0 ? stack[0].getClassName() + "." + stack[0].getMethodName() : "?";
            return BlockingCall.observed("monitor enter (synchronized) in " + where, false, null);
        }
        boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        int depth = Math.min(stack.length, 12);
        for (int i = 0; i < depth; i++) {
            String c = stack[i].getClassName();
            String m = stack[i].getMethodName();
            if (waiting && c.equals("java.lang.Thread") && m.startsWith("sleep")) {
                return BlockingCall.observed("java.lang.Thread.sleep", true, null);
            }
            if (waiting && c.equals("java.lang.Object") && m.startsWith("wait")) {
                boolean join = i + 1 < stack.length && stack[i + 1].getClassName().equals("java.lang.Thread")
                        && stack[i + 1].getMethodName().equals("join");
                boolean process = i + 1 < stack.length && stack[i + 1].getClassName().startsWith("java.lang.Process");
                return BlockingCall.observed(join ? "java.lang.Thread.join" : process ? "java.lang.Process.waitFor"
                        : "java.lang.Object.wait", true, null);
            }
            if (waiting && (c.equals("jdk.internal.misc.Unsafe") && m.equals("park")
                    || c.equals("java.util.concurrent.locks.LockSupport"))) {
                return BlockingCall.observed("java.util.concurrent.locks.LockSupport.park", true, LockSupport.getBlocker(t));
            }
            if (isSelectorFrame(c, m)) {
                // Selector.select ends on wakeup(), close() or an interrupt.
                return BlockingCall.observed("Selector.select (" + c + "." + m + ")", true, null);
            }
            if (isSocketFrame(c, m)) {
                String channel = channelFrame(stack, i);
                if (channel != null) {
                    // An InterruptibleChannel: an interrupt closes it and ends the call, on any thread.
                    return BlockingCall.observed("NIO channel I/O (" + channel + ")", true, null);
                }
                // A classic socket read cannot be interrupted on a platform thread; on a virtual thread it can.
                return BlockingCall.observed("socket I/O (" + c + "." + m + ")", ThreadView.isVirtual(t), null);
            }
        }
        return null;
    }

    /**
     * The synchronizer call that parks without giving up on interrupt ({@code ReentrantLock.lock()}, a
     * read or write lock's {@code lock()}, {@code Semaphore.acquireUninterruptibly()},
     * {@code Condition.awaitUninterruptibly()}), or null. Read off the stack: the outermost frame of
     * {@code AbstractQueuedSynchronizer} (or its long twin) is the entry point the caller chose, and
     * {@code acquire}, {@code acquireShared} and {@code awaitUninterruptibly} are the ones that ignore
     * interrupts; the frame just outside it names the call in the application's terms.
     */
    static String uninterruptibleAcquire(StackTraceElement[] stack) {
        int depth = Math.min(stack.length, 16);
        int entry = -1;
        for (int i = 0; i < depth; i++) {
            String c = stack[i].getClassName();
            if (c.startsWith("java.util.concurrent.locks.AbstractQueuedSynchronizer")
                    || c.startsWith("java.util.concurrent.locks.AbstractQueuedLongSynchronizer")) {
                entry = i;
            } else if (entry >= 0 && !c.equals("java.util.concurrent.ForkJoinPool")) {
                break; // (a condition waits through ForkJoinPool.managedBlock, then goes on in AQS)
            }
        }
        if (entry < 0) {
            return null;
        }
        String m = stack[entry].getMethodName();
        if (!m.equals("acquire") && !m.equals("acquireShared") && !m.equals("awaitUninterruptibly")) {
            return null;
        }
        if (m.equals("awaitUninterruptibly")) {
            return stack[entry].getClassName() + "." + m; // Condition's own method is the call
        }
        // the application-facing call: skip a synchronizer's inner Sync class (ReentrantLock$Sync.lock)
        for (int i = entry + 1; i < stack.length && i <= entry + 3; i++) {
            String c = stack[i].getClassName();
            if (!c.contains("$Sync") && !c.contains("$NonfairSync") && !c.contains("$FairSync")) {
                return c + "." + stack[i].getMethodName();
            }
        }
        return stack[entry].getClassName() + "." + m;
    }

    private static boolean isSelectorFrame(String c, String m) {
        return c.startsWith("sun.nio.ch.") && c.endsWith("SelectorImpl")
                && (m.equals("doSelect") || m.equals("lockAndDoSelect") || m.startsWith("select"));
    }

    /** The channel call above a socket frame, if the socket is a {@code SocketChannel}'s (or its adaptor's). */
    private static String channelFrame(StackTraceElement[] stack, int from) {
        int depth = Math.min(stack.length, from + 12);
        for (int i = from; i < depth; i++) {
            String c = stack[i].getClassName();
            if (c.equals("sun.nio.ch.SocketChannelImpl") || c.equals("sun.nio.ch.ServerSocketChannelImpl")
                    || c.equals("sun.nio.ch.DatagramChannelImpl")) {
                return c + "." + stack[i].getMethodName();
            }
            if (c.equals("sun.nio.ch.NioSocketImpl")) {
                return null; // a classic socket
            }
        }
        return null;
    }

    private static boolean isSocketFrame(String c, String m) {
        return c.equals("sun.nio.ch.NioSocketImpl") && (m.equals("park") || m.startsWith("timedRead") || m.startsWith("timedAccept"))
                || c.equals("sun.nio.ch.Net") && m.equals("poll")
                || c.equals("sun.nio.ch.SocketDispatcher") && m.startsWith("read")
                || c.equals("java.net.SocketInputStream") && m.startsWith("socketRead")
                || c.equals("sun.nio.ch.SocketChannelImpl") && (m.equals("read") || m.equals("park"));
    }

    private static String driverFrame(StackTraceElement[] stack) {
        int depth = Math.min(stack.length, 40);
        for (int i = 0; i < depth; i++) {
            String c = stack[i].getClassName();
            for (String d : DRIVERS) {
                if (c.startsWith(d)) {
                    return c + "." + stack[i].getMethodName();
                }
            }
        }
        return null;
    }
}
