package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.CountDownLatch;

/**
 * Cause 2: the wrong scope is passed down (Go: the parent context instead of the derived one). The
 * worker watches a longer-lived scope than the request that started it.
 */
public final class WrongScope implements Case {
    @Override
    public String name() {
        return "wrong-scope";
    }

    @Override
    public String summary() {
        return "a worker watching its parent's scope instead of the request's";
    }

    @Override
    public String expectedKind() {
        return "IGNORED_CANCELLATION";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        Scope request = Scope.current();
        // The mistake: the parent (the whole app, or here the tour) outlives this request.
        Scope watched = request.parent().orElse(request);
        startWorker(env, watched);
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        startWorker(env, Scope.current()); // the request's own scope, like passing the derived ctx
    }

    private void startWorker(Env env, Scope watched) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            long x = 0;
            while (!watched.isCancelled() && !env.stopping()) {
                x = Env.busyWork(x);
            }
            return x;
        });
        Env.await(started, name());
    }
}
