package dev.outlive.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts virtual threads from bytecode that targets Java 17.
 *
 * <p>The benchmarks compile with {@code --release 17}, where {@code Thread.startVirtualThread} does not
 * exist, so it is looked up once, reflectively, and kept in a {@code static final} handle (which the JIT
 * treats as a constant, so calling it costs what a direct call costs). On JDK 19 and 20 the method exists
 * but throws without {@code --enable-preview}; a probe start at class initialisation catches that, so
 * {@link #AVAILABLE} means "really usable in this JVM".
 */
final class VirtualThreads {
    /** Why virtual threads cannot be used here; {@code null} when {@link #AVAILABLE}. */
    static final String UNAVAILABLE_REASON;
    static final boolean AVAILABLE;
    private static final MethodHandle START;

    static {
        MethodHandle start = null;
        String reason = null;
        try {
            start = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
            // Not a lambda: its body would be a method of this class, and a virtual thread running it
            // would wait for this very class initialisation to finish, while we wait for the thread.
            Thread probe = (Thread) start.invokeExact((Runnable) new Noop());
            probe.join();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            reason = "Thread.startVirtualThread is missing (JDK " + Runtime.version().feature() + "): virtual threads need JDK 21+";
            start = null;
        } catch (UnsupportedOperationException e) {
            reason = "virtual threads are a preview feature on JDK " + Runtime.version().feature() + ": use JDK 21+";
            start = null;
        } catch (Throwable e) {
            reason = "virtual threads could not be started: " + e;
            start = null;
        }
        START = start;
        AVAILABLE = start != null;
        UNAVAILABLE_REASON = reason;
    }

    private VirtualThreads() {
    }

    /** The probe's task: a class of its own, so running it never needs {@code VirtualThreads} initialised. */
    private static final class Noop implements Runnable {
        @Override
        public void run() {
        }
    }

    /** Starts {@code task} on a new virtual thread; only call when {@link #AVAILABLE}. */
    static Thread start(Runnable task) {
        try {
            return (Thread) START.invokeExact(task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // startVirtualThread declares no checked exception; this only satisfies the compiler.
            throw new IllegalStateException(e);
        }
    }

    /** Fails fast, with a message that says why, where a benchmark or a measurement needs virtual threads. */
    static void require() {
        if (!AVAILABLE) {
            throw new UnsupportedOperationException("skipped: " + UNAVAILABLE_REASON);
        }
    }
}
