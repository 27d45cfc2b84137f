package dev.outlive.core.task;

/**
 * The blocking call a task is in: which call, since when, whether an interrupt can end it, and the
 * park blocker where there is one. Immutable; the agent sets one on entry and clears it on exit.
 */
public final class BlockingCall {
    private final String method;
    private final long sinceNanos;
    private final long sinceEpochMillis;
    private final boolean interruptible;
    private final String parkBlocker;

    public BlockingCall(String method, long sinceNanos, long sinceEpochMillis, boolean interruptible, String parkBlocker) {
        this.method = method;
        this.sinceNanos = sinceNanos;
        this.sinceEpochMillis = sinceEpochMillis;
        this.interruptible = interruptible;
        this.parkBlocker = parkBlocker;
    }

    /** The blocking method, e.g. {@code java.util.concurrent.locks.LockSupport.park}. */
    public String method() {
        return method;
    }

    public long sinceNanos() {
        return sinceNanos;
    }

    public long sinceEpochMillis() {
        return sinceEpochMillis;
    }

    public boolean interruptible() {
        return interruptible;
    }

    /** The park blocker's class and identity hash ({@code java.util.concurrent.CountDownLatch$Sync@1b2c3d}), or null. */
    public String parkBlocker() {
        return parkBlocker;
    }

    /** Describes {@code blocker} by class and identity hash, never by its {@code toString()} (app code). */
    public static String describeBlocker(Object blocker) {
        if (blocker == null) {
            return null;
        }
        return blocker.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(blocker));
    }
}
