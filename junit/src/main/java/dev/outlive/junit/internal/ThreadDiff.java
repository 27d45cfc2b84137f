package dev.outlive.junit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * The no-agent fallback: the platform threads alive when a test started, to tell which threads it
 * left behind. Without the agent nothing records who started a thread, so under parallel execution a
 * neighbour's thread can be blamed; the agent makes attribution exact.
 */
final class ThreadDiff {
    private final Set<Thread> before;
    private final long startNanos;

    private ThreadDiff(Set<Thread> before, long startNanos) {
        this.before = before;
        this.startNanos = startNanos;
    }

    static ThreadDiff snapshot() {
        Set<Thread> alive = Collections.newSetFromMap(new IdentityHashMap<>());
        alive.addAll(Thread.getAllStackTraces().keySet());
        return new ThreadDiff(alive, System.nanoTime());
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * Waits up to {@code graceMillis} for the threads started since the snapshot to end (joining each
     * in turn, so the wait ends as soon as they do) and returns those still alive, minus {@code skip}.
     */
    List<Thread> awaitNewThreads(long graceMillis, Set<Thread> skip) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        boolean interrupted = Thread.interrupted(); // a test's stray interrupt must not cut the grace short
        try {
            for (Thread t : newThreads(skip)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            return newThreads(skip);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<Thread> newThreads(Set<Thread> skip) {
        List<Thread> out = new ArrayList<>();
        Thread self = Thread.currentThread();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != self && t.isAlive() && !before.contains(t) && !skip.contains(t) && !infrastructure(t)) {
                out.add(t);
            }
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out;
    }

    /**
     * Threads that start lazily on behalf of the test framework or the JDK, not of the test: JUnit's
     * and Surefire's own, Outlive's, JDK-internal ones, and idle common-pool workers.
     */
    static boolean infrastructure(Thread t) {
        String type = t.getClass().getName();
        if (type.startsWith("org.junit.") || type.startsWith("org.apache.maven.surefire.")
                || type.startsWith("dev.outlive.") || type.startsWith("jdk.internal.")) {
            return true;
        }
        return t instanceof ForkJoinWorkerThread && ((ForkJoinWorkerThread) t).getPool() == ForkJoinPool.commonPool();
    }
}
