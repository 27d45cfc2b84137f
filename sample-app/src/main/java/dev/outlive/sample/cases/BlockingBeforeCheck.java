package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Cause 3: a blocking call before the cancellation check (Go: a receive outside the {@code select}).
 * The task waits for a message that never comes; closing the scope does not interrupt it, so it
 * never reaches its check.
 */
public final class BlockingBeforeCheck implements Case {
    private static final String POISON = "stop";

    @Override
    public String name() {
        return "blocking-before-check";
    }

    @Override
    public String summary() {
        return "BlockingQueue.take() before checking the scope";
    }

    @Override
    public String expectedKind() {
        return "BLOCKED_AFTER_CANCEL";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        env.onStop(() -> inbox.add(POISON));
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            while (true) {
                String message = inbox.take(); // parks until a message arrives, cancelled or not
                if (POISON.equals(message) || Scope.current().isCancelled()) {
                    return null;
                }
            }
        });
        Env.await(started, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            // Wait in short slices and re-check the scope between them: the twin of
            // select { case m := <-inbox: ... case <-ctx.Done(): return }.
            while (!Scope.current().isCancelled() && !env.stopping()) {
                String message = inbox.poll(50, TimeUnit.MILLISECONDS);
                if (message != null) {
                    System.out.println("got " + message);
                }
            }
            return null;
        });
        Env.await(started, name());
    }
}
