package dev.outlive.core.task;

/**
 * The blocking call a task is in: which call, since when, whether an interrupt can end it, and the
 * park blocker where there is one. An immutable snapshot, made when a report asks: the task record
 * itself holds the call while it lasts ({@link TaskRecord#enterBlocking}), so blocking allocates nothing.
 */
public final class BlockingCall {
    /** {@link #sinceNanos()} of a call whose start no hook saw. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final String method;
    private final long sinceNanos;
    private final boolean interruptible;
    private final Object parkBlocker;

    /**
     * @param parkBlocker the blocker object (described only when reported, by class and identity
     *                    hash: the hook that records it must not allocate a string), a description, or null
     */
    public BlockingCall(String method, long sinceNanos, boolean interruptible, Object parkBlocker) {
        this.method = method;
        this.sinceNanos = sinceNanos;
        this.interruptible = interruptible;
        this.parkBlocker = parkBlocker;
    }

    /** A blocking call seen only in a thread's stack at report time: when it began is unknown. */
    public static BlockingCall observed(String method, boolean interruptible, Object parkBlocker) {
        return new BlockingCall(method, UNKNOWN, interruptible, parkBlocker);
    }

    /** The same call under another name and interruptibility (a lock's {@code lock()} seen through its park). */
    public BlockingCall as(String name, boolean canInterrupt) {
        return new BlockingCall(name, sinceNanos, canInterrupt, parkBlocker);
    }

    /** False for calls inferred from a stack, whose start was not seen by a hook. */
    public boolean sinceKnown() {
        return sinceNanos != UNKNOWN;
    }

    /** The blocking method, e.g. {@code java.util.concurrent.locks.LockSupport.park}. */
    public String method() {
        return method;
    }

    /** When the call began, on the runtime clock's {@code nanoTime} scale. */
    public long sinceNanos() {
        return sinceNanos;
    }

    public boolean interruptible() {
        return interruptible;
    }

    /** The park blocker's class and identity hash ({@code java.util.concurrent.CountDownLatch$Sync@1b2c3d}), or null. */
    public String parkBlocker() {
        return parkBlocker instanceof String ? (String) parkBlocker : describeBlocker(parkBlocker);
    }

    /** Describes {@code blocker} by class and identity hash, never by its {@code toString()} (app code). */
    public static String describeBlocker(Object blocker) {
        if (blocker == null) {
            return null;
        }
        return blocker.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(blocker));
    }
}
