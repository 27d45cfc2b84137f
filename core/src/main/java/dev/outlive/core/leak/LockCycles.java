package dev.outlive.core.leak;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * Lock cycles the JDK's own detection cannot see: it covers platform threads only, so two virtual
 * threads (or a virtual and a platform thread) each parked on a lock the other owns are never in
 * {@code ThreadMXBean.findDeadlockedThreads()}. Followed here from thread to park blocker to the
 * blocker's exclusive owner, for ownable synchronizers ({@code ReentrantLock}, write locks). Reading
 * the owner needs {@code java.util.concurrent.locks} opened to Outlive (the agent does it); without
 * it, such cycles stay reported as blocked.
 */
final class LockCycles {
    private static final int MAX_CHAIN = 64;
    private static final VarHandle OWNER = ownerHandle();

    private LockCycles() {
    }

    /** True when following {@code t}'s park blocker's owner, and that owner's, leads back to {@code t}. */
    static boolean isInCycle(Thread t) {
        if (OWNER == null) {
            return false;
        }
        Thread current = t;
        for (int i = 0; i < MAX_CHAIN; i++) {
            Object blocker = LockSupport.getBlocker(current);
            if (!(blocker instanceof AbstractOwnableSynchronizer)) {
                return false;
            }
            Thread owner = (Thread) OWNER.getVolatile(blocker);
            if (owner == null || owner == current) {
                return false; // free, or released under us
            }
            if (owner == t) {
                return true;
            }
            current = owner;
        }
        return false;
    }

    private static VarHandle ownerHandle() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(AbstractOwnableSynchronizer.class,
                    MethodHandles.lookup());
            return lookup.findVarHandle(AbstractOwnableSynchronizer.class, "exclusiveOwnerThread", Thread.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // java.util.concurrent.locks not opened to us
        }
    }
}
