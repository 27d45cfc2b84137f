package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;

/**
 * A {@code java.util.Timer} made for one request and never cancelled: its thread, started inside the
 * request, lives on with its periodic task: a {@code LINGERING_THREAD}, spawned where the timer was made.
 */
public final class TimerNeverCancelled implements Case {
    @Override
    public String name() {
        return "timer";
    }

    @Override
    public String summary() {
        return "a per-request java.util.Timer never cancelled";
    }

    @Override
    public String expectedKind() {
        return "LINGERING_THREAD";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        Timer timer = new Timer("request-timer", true);
        env.onStop(timer::cancel); // the demo's escape hatch, not the fix
        CountDownLatch ticked = new CountDownLatch(1);
        timer.scheduleAtFixedRate(tick(ticked), 0, 100);
        Env.await(ticked, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        Timer timer = new Timer("request-timer", true);
        Scope.current().onCancel(timer::cancel); // the timer ends with the request
        CountDownLatch ticked = new CountDownLatch(1);
        timer.scheduleAtFixedRate(tick(ticked), 0, 100);
        Env.await(ticked, name());
    }

    private static TimerTask tick(CountDownLatch ticked) {
        return new TimerTask() {
            @Override
            public void run() {
                ticked.countDown();
            }
        };
    }
}
