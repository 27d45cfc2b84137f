package dev.outlive.sample.cases;

import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * {@code CompletableFuture.cancel(true)} never interrupts: it only completes the future. The async
 * body runs on, though everyone waiting on the future has been told it was cancelled.
 */
public final class CompletableFutureCancel implements Case {
    @Override
    public String name() {
        return "cf-cancel";
    }

    @Override
    public String summary() {
        return "CompletableFuture.cancel(true) does not stop the async body";
    }

    @Override
    public String expectedKind() {
        return "IGNORED_CANCELLATION";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Long> report = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            long x = 0;
            // Checks the interrupt flag, which cancel(true) of a CompletableFuture never sets.
            while (!Thread.currentThread().isInterrupted() && !env.stopping()) {
                x = Env.busyWork(x);
            }
            return x;
        }, env.pool());
        Env.await(started, name());
        report.cancel(true);
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        // A FutureTask from ExecutorService.submit does interrupt its runner on cancel(true).
        Future<Long> report = env.pool().submit(() -> {
            started.countDown();
            long x = 0;
            while (!Thread.currentThread().isInterrupted() && !env.stopping()) {
                x = Env.busyWork(x);
            }
            return x;
        });
        Env.await(started, name());
        report.cancel(true);
    }
}
