package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.CountDownLatch;

/**
 * Cause 1: the work never checks for cancellation (Go: a loop that never selects on
 * {@code ctx.Done()}). The request ends; the loop does not notice.
 */
public final class IgnoresCancellation implements Case {
    @Override
    public String name() {
        return "ignores-cancel";
    }

    @Override
    public String summary() {
        return "a worker loop that never checks its scope";
    }

    @Override
    public String expectedKind() {
        return "IGNORED_CANCELLATION";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            long x = 0;
            while (!env.stopping()) { // only the demo's stop flag ends it: the request is never asked
                x = Env.busyWork(x);
            }
            return x;
        });
        Env.await(started, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            long x = 0;
            // Under the agent the task's own scope is current and is cancelled with the request.
            while (!Scope.current().isCancelled() && !env.stopping()) {
                x = Env.busyWork(x);
            }
            return x;
        });
        Env.await(started, name());
    }
}
