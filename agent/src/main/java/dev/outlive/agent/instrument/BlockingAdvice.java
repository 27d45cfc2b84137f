package dev.outlive.agent.instrument;

import dev.outlive.bridge.Hooks;
import dev.outlive.core.task.TaskRecord;
import net.bytebuddy.asm.Advice;

import java.time.Duration;

/**
 * Advice on the JDK's blocking points, one class per argument shape so that no argument is boxed:
 * the method name is a constant woven into the call site, and the common path (no task on this
 * thread) allocates nothing. The timeout (-1: none) tells a poll from a wait that can outlast grace.
 */
final class BlockingAdvice {
    private BlockingAdvice() {
    }

    /** {@code LockSupport.park()}, {@code Thread.join()}, {@code Object.wait()}. */
    static final class Untimed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method) {
            return Hooks.blockingEnter(method, null, true, -1);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code LockSupport.park(Object)}. */
    static final class ParkBlocker {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) Object blocker) {
            return Hooks.blockingEnter(method, blocker, true, -1);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code LockSupport.parkNanos(long)}. */
    static final class ParkNanos {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) long nanos) {
            return Hooks.blockingEnter(method, null, true, nanos);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code LockSupport.parkNanos(Object, long)}. */
    static final class ParkBlockerNanos {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) Object blocker,
                                @Advice.Argument(1) long nanos) {
            return Hooks.blockingEnter(method, blocker, true, nanos);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code LockSupport.parkUntil(long)}: an absolute deadline in epoch milliseconds. */
    static final class ParkUntil {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) long deadline) {
            return Hooks.blockingEnter(method, null, true, (deadline - System.currentTimeMillis()) * 1_000_000L);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code LockSupport.parkUntil(Object, long)}. */
    static final class ParkBlockerUntil {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) Object blocker,
                                @Advice.Argument(1) long deadline) {
            return Hooks.blockingEnter(method, blocker, true, (deadline - System.currentTimeMillis()) * 1_000_000L);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code Thread.sleep(long[, int])}: always timed. */
    static final class SleepMillis {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) long millis) {
            return Hooks.blockingEnter(method, null, true, Math.max(0, millis) * 1_000_000L);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code Object.wait(long[, int])}, {@code Thread.join(long[, int])}: 0 means no timeout. */
    static final class WaitMillis {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) long millis) {
            return Hooks.blockingEnter(method, null, true, millis == 0 ? -1 : millis * 1_000_000L);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code Thread.sleep(Duration)}, {@code Thread.join(Duration)} (19+). */
    static final class WithDuration {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(0) Duration timeout) {
            return Hooks.blockingEnter(method, null, true, timeout == null ? -1 : Math.max(0, timeout.toMillis()) * 1_000_000L);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code NioSocketImpl.park(FileDescriptor, int)}: no timeout. */
    static final class Socket {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method) {
            return Hooks.socketBlockingEnter(method, -1);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }

    /** {@code NioSocketImpl.park(FileDescriptor, int, long)}: 0 nanos means no timeout. */
    static final class SocketTimed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static TaskRecord enter(@Advice.Origin("#t.#m") String method, @Advice.Argument(2) long nanos) {
            return Hooks.socketBlockingEnter(method, nanos == 0 ? -1 : nanos);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter TaskRecord task) {
            Hooks.blockingExit(task);
        }
    }
}
