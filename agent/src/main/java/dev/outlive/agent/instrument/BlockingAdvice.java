package dev.outlive.agent.instrument;

import dev.outlive.bridge.Hooks;
import dev.outlive.core.task.TaskRecord;
import net.bytebuddy.asm.Advice;

/**
 * Advice on the JDK's blocking points. The method name is a constant woven into the call site, so
 * the common path (no task on this thread) allocates nothing.
 */
final class BlockingAdvice {
    private BlockingAdvice() {
    }

    /** {@code LockSupport.park(Object)}, {@code parkNanos(Object, long)}, {@code parkUntil(Object, long)}. */
    static final class ParkWithBlocker {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) Object blocker) {
            return Hooks.blockingEnter(method, blocker, true);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code LockSupport.park()}, {@code parkNanos(long)}, {@code parkUntil(long)}; sleep, wait, join. */
    static final class Interruptible {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method) {
            return Hooks.blockingEnter(method, null, true);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code NioSocketImpl.park}: socket read, accept and connect. */
    static final class Socket {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method) {
            return Hooks.socketBlockingEnter(method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }
}
