package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Cause 8: a send that blocks forever (Go: {@code ch <- v} on an unbuffered channel nobody reads).
 * {@code SynchronousQueue.put} waits for a consumer that left with the request.
 */
public final class BlockedSend implements Case {
    @Override
    public String name() {
        return "blocked-send";
    }

    @Override
    public String summary() {
        return "SynchronousQueue.put() with no consumer";
    }

    @Override
    public String expectedKind() {
        return "BLOCKED_AFTER_CANCEL";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        SynchronousQueue<String> results = new SynchronousQueue<>();
        env.onStop(() -> results.poll()); // the demo's escape hatch: take the value at the end
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            results.put("result"); // nobody will ever take it
            return null;
        });
        Env.await(started, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        SynchronousQueue<String> results = new SynchronousQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            // Offer in slices and give up once the request is over: the twin of
            // select { case results <- v: case <-ctx.Done(): }.
            while (!Scope.current().isCancelled() && !env.stopping()) {
                if (results.offer("result", 50, TimeUnit.MILLISECONDS)) {
                    return null;
                }
            }
            return null;
        });
        Env.await(started, name());
    }
}
