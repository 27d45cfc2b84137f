package dev.outlive.core;

/**
 * The class of every thread Outlive starts. It is a daemon, so it never keeps the JVM alive, and
 * the agent recognises it by class and never tracks it, so Outlive never reports itself.
 */
public final class OutliveThread extends Thread {
    public OutliveThread(String name, Runnable body) {
        super(null, body, name, 0, false);
        setDaemon(true);
    }

    /** True for threads Outlive started. */
    public static boolean isOutliveThread(Thread t) {
        return t instanceof OutliveThread;
    }

    /** Hands a failure in one of Outlive's threads to the runtime, which logs it once. */
    public static void reportFailure(String where, Throwable t) {
        OutliveRuntime.get().observer().internalError(where, t);
    }
}
