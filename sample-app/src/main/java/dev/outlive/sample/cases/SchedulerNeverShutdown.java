package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler made for one request and never shut down (Go: a {@code time.Ticker} never stopped).
 * Its worker and its periodic task outlive the request, forever.
 */
public final class SchedulerNeverShutdown implements Case {
    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public String summary() {
        return "a per-request ScheduledExecutorService never shut down";
    }

    @Override
    public String expectedKind() {
        return "UNCLOSED_EXECUTOR";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Env.daemonThreads("ticker"));
        env.onStop(ticker::shutdownNow); // the demo's escape hatch, not the fix
        CountDownLatch ticked = new CountDownLatch(1);
        ticker.scheduleAtFixedRate(ticked::countDown, 0, 100, TimeUnit.MILLISECONDS);
        Env.await(ticked, name());
        // returns without shutting it down
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Env.daemonThreads("ticker"));
        // Tie the scheduler's life to the request: the twin of defer ticker.Stop().
        Scope.current().onCancel(ticker::shutdownNow);
        CountDownLatch ticked = new CountDownLatch(1);
        ticker.scheduleAtFixedRate(ticked::countDown, 0, 100, TimeUnit.MILLISECONDS);
        Env.await(ticked, name());
    }
}
