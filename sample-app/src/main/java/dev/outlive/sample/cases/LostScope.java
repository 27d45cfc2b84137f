package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cause 5: the scope is lost when spawning (Go: the context does not make it into the goroutine).
 * The app keeps its own "request cancelled" flag in a {@code ThreadLocal}; a task submitted to a pool
 * runs on another thread, finds no flag there, and so can never see the request end. Outlive's own
 * scope does follow the task, which is why it sees the leak.
 */
public final class LostScope implements Case {
    /** The app's home-grown request context: a cancel flag per thread. */
    private static final ThreadLocal<AtomicBoolean> REQUEST_CANCELLED = ThreadLocal.withInitial(AtomicBoolean::new);

    @Override
    public String name() {
        return "lost-scope";
    }

    @Override
    public String summary() {
        return "a ThreadLocal cancel flag that does not follow the task into the pool";
    }

    @Override
    public String expectedKind() {
        return "IGNORED_CANCELLATION";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        AtomicBoolean cancelled = new AtomicBoolean();
        REQUEST_CANCELLED.set(cancelled); // this request's flag, on the thread that handles it
        Scope.current().onCancel(() -> cancelled.set(true)); // the request's end does set the caller's flag
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            long x = 0;
            // Reads the worker thread's flag, a fresh one nobody will ever set.
            while (!REQUEST_CANCELLED.get().get() && !env.stopping()) {
                x = Env.busyWork(x);
            }
            return x;
        });
        Env.await(started, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        // Capture the context before spawning and hand it over explicitly.
        Scope request = Scope.current();
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            long x = 0;
            while (!request.isCancelled() && !env.stopping()) {
                x = Env.busyWork(x);
            }
            return x;
        });
        Env.await(started, name());
    }
}
