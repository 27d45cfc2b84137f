package dev.outlive.agent.instrument;

import dev.outlive.bridge.Hooks;
import net.bytebuddy.asm.Advice;

/** Advice woven into {@code java.lang.Thread} and {@code java.lang.VirtualThread}. Each body is one call into the bridge. */
final class ThreadAdvice {
    private ThreadAdvice() {
    }

    /** {@code start()}, {@code start(ThreadContainer)}. */
    static final class Start {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Thread thread) {
            Hooks.threadStarting(thread);
        }
    }

    /** {@code Thread.exit()}, {@code VirtualThread.afterDone(boolean)}. */
    static final class Exit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Thread thread) {
            Hooks.threadExiting(thread);
        }
    }

    /** {@code interrupt()}. */
    static final class Interrupt {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Thread thread) {
            Hooks.interrupting(thread);
        }
    }
}
