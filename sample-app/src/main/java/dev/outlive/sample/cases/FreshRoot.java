package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Cause 4: a fresh root deep in the stack (Go: {@code context.Background()} inside a helper). The
 * helper gives its work a deadline of its own, cut off from the request: the request ends, the work
 * runs on until its private deadline. Outlive flags the {@code Scope.root} call as
 * {@code DETACHED_SCOPE}; the request's task, which now ignores its cancellation, is a leak too.
 */
public final class FreshRoot implements Case {
    private static final Duration PRIVATE_DEADLINE = Duration.ofMinutes(5);

    @Override
    public String name() {
        return "fresh-root";
    }

    @Override
    public String summary() {
        return "Scope.root() deep in a call chain cuts the work off from the request";
    }

    @Override
    public String expectedKind() {
        return "DETACHED_SCOPE";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            return processLeaky(env);
        });
        Env.await(started, name());
    }

    /** The helper: a new root with its own deadline, as if no caller could ever cancel it. */
    private static long processLeaky(Env env) {
        try (Scope process = Scope.root("process")) {
            process.deadlineAfter(PRIVATE_DEADLINE);
            return crunch(env);
        }
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            started.countDown();
            return processFixed(env);
        });
        Env.await(started, name());
    }

    /** Derives from the current scope: the private deadline still applies, and so does the request's end. */
    private static long processFixed(Env env) {
        try (Scope process = Scope.open("process")) {
            process.deadlineAfter(PRIVATE_DEADLINE);
            return crunch(env);
        }
    }

    private static long crunch(Env env) {
        long x = 0;
        while (!Scope.current().isCancelled() && !env.stopping()) {
            x = Env.busyWork(x);
        }
        return x;
    }
}
