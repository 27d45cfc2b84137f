package dev.outlive.core.leak;

import dev.outlive.core.task.BlockingCall;

/** One-line hints a reader can act on, specialised by the blocking call where one is known. */
public final class Hints {
    private Hints() {
    }

    public static String hintFor(LeakKind kind, BlockingCall call) {
        return hintFor(kind, call, null);
    }

    /** As {@link #hintFor(LeakKind, BlockingCall)}, also specialised by the cancellation's reason. */
    public static String hintFor(LeakKind kind, BlockingCall call, String reason) {
        if (reason != null && (reason.startsWith("CompletableFuture") || reason.startsWith("completed by timeout"))
                && (kind == LeakKind.IGNORED_CANCELLATION || kind == LeakKind.BLOCKED_AFTER_CANCEL)) {
            return "completing or cancelling a CompletableFuture never stops its async body: check Scope.current().isCancelled() in the body, or submit it to an executor as a Future and cancel(true) that";
        }
        if (reason != null && (reason.startsWith("TimerTask.cancel") || reason.startsWith("Timer.cancel"))
                && (kind == LeakKind.IGNORED_CANCELLATION || kind == LeakKind.BLOCKED_AFTER_CANCEL)) {
            return "TimerTask.cancel() and Timer.cancel() never stop a run in progress and interrupt nobody: check Scope.current().isCancelled() in run(), and wait with a timeout";
        }
        if (reason != null && kind == LeakKind.BLOCKED_AFTER_CANCEL
                && (reason.equals("interrupt()") || reason.endsWith("(true)") || reason.equals("shutdownNow()"))) {
            return "the task was interrupted yet blocks again: it swallowed InterruptedException; restore the flag (Thread.currentThread().interrupt()) and return";
        }
        if (call != null && (kind == LeakKind.BLOCKED_AFTER_CANCEL || kind == LeakKind.BLOCKED_UNINTERRUPTIBLE
                || kind == LeakKind.LATE_BLOCKING_CALL)) {
            String specific = forCall(call.method(), call.interruptible(), kind);
            if (specific != null) {
                return specific;
            }
        }
        return kind.defaultHint();
    }

    private static String forCall(String method, boolean interruptible, LeakKind kind) {
        String m = method.toLowerCase(java.util.Locale.ROOT);
        // A driver call first: a driver waits on its own socket or locks, and only the driver can
        // abandon the call cleanly (BlockingPoints names such calls "JDBC <driver frame> via <call>").
        if (m.startsWith("jdbc ") || m.contains("java.sql.") || m.contains("javax.sql.")) {
            return "the task waits on a database call: call Statement.cancel() when the scope is cancelled, or set a query timeout";
        }
        if (m.startsWith("selector.select")) {
            return "the task waits in Selector.select() with no timeout: call wakeup() or close the selector when the scope is cancelled (an interrupt also ends the select: Future.cancel(true))";
        }
        if (m.startsWith("nio channel")) {
            return "the task waits on a blocking NIO channel: an interrupt closes the channel and ends the call, so cancel with Future.cancel(true) or shutdownNow(), or close the channel when the scope is cancelled";
        }
        if (m.contains("socket") || m.contains("nio") && m.contains("read")) {
            if (interruptible) {
                // Only a virtual thread's socket read can be interrupted: the interrupt closes the socket.
                return "the task waits on a socket with no timeout; on a virtual thread an interrupt ends the read: cancel with Future.cancel(true), or set SO_TIMEOUT (or a request timeout), or close the socket when the scope is cancelled";
            }
            return "the task waits on a socket with no timeout: set SO_TIMEOUT (or a request timeout), or close the socket when the scope is cancelled";
        }
        if (m.contains("(ignores interrupts)")) {
            return "the task waits for a lock with a call that ignores interrupts (lock(), acquireUninterruptibly(), awaitUninterruptibly()): find who holds it, and wait with lockInterruptibly() or tryLock(timeout) so a cancel can reach the task";
        }
        if (m.contains("completablefuture")) {
            return "CompletableFuture.cancel does not interrupt its async body: check Scope.current().isCancelled() in the body, or run it on a Future you cancel with cancel(true)";
        }
        if (m.contains("sleep") && kind == LeakKind.BLOCKED_AFTER_CANCEL) {
            return "the task sleeps and nobody interrupted it: cancel with Future.cancel(true) or shutdownNow(), and on InterruptedException restore the flag and return";
        }
        if (m.contains("process")) {
            return "the task waits for a child process: destroy the process when the scope is cancelled, or use waitFor with a timeout";
        }
        return null;
    }
}
