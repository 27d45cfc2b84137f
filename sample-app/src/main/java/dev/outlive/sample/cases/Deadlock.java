package dev.outlive.sample.cases;

import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.CountDownLatch;

/**
 * Two threads take two locks in opposite orders. Latches make the deadlock certain rather than
 * likely: each thread takes its first lock, waits until the other has taken its own, then reaches
 * for the other's. Monitors cannot be interrupted, so these threads can never be stopped; they are
 * daemon threads so the JVM still exits.
 */
public final class Deadlock implements Case {
    @Override
    public String name() {
        return "deadlock";
    }

    @Override
    public String summary() {
        return "two threads, two monitors, opposite lock order";
    }

    @Override
    public String expectedKind() {
        return "DEADLOCKED";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        Object accounts = new Object();
        Object ledger = new Object();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        CountDownLatch started = new CountDownLatch(2);
        start("transfer", () -> lockBoth(accounts, ledger, bothHoldOne, started));
        start("audit", () -> lockBoth(ledger, accounts, bothHoldOne, started)); // the opposite order
        Env.await(started, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        Object accounts = new Object();
        Object ledger = new Object();
        CountDownLatch started = new CountDownLatch(2);
        // One global order (accounts before ledger) for everyone: no cycle can form.
        Thread a = start("transfer", () -> lockBoth(accounts, ledger, null, started));
        Thread b = start("audit", () -> lockBoth(accounts, ledger, null, started));
        Env.await(started, name());
        a.join(Env.MAX_WAIT.toMillis());
        b.join(Env.MAX_WAIT.toMillis());
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, "deadlock-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void lockBoth(Object first, Object second, CountDownLatch bothHoldOne, CountDownLatch started) {
        synchronized (first) {
            started.countDown();
            if (bothHoldOne != null) {
                bothHoldOne.countDown();
                try {
                    Env.await(bothHoldOne, "the other thread's first lock");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (second) {
                Thread.onSpinWait(); // the work both locks protect
            }
        }
    }
}
