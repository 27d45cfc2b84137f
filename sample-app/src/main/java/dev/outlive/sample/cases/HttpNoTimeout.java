package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Cause 6: an HTTP client that ignores cancellation (Go: {@code http.Get} instead of a request made
 * with the context). {@code HttpURLConnection} with no read timeout blocks in a socket read that no
 * interrupt reaches, long after the request that wanted the answer is gone.
 */
public final class HttpNoTimeout implements Case {
    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public String summary() {
        return "HttpURLConnection with no timeout, stuck reading a slow backend";
    }

    @Override
    public String expectedKind() {
        return "BLOCKED_UNINTERRUPTIBLE";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            HttpURLConnection conn = (HttpURLConnection) env.slowUri().toURL().openConnection();
            // No setReadTimeout, no disconnect on cancel: the read waits as long as the server does.
            started.countDown();
            try (InputStream in = conn.getInputStream()) {
                return in.readAllBytes().length;
            } catch (IOException e) {
                return -1;
            }
        });
        Env.await(started, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        Scope request = Scope.current();
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            // A timeout bounds the call even if nobody cancels it; cancelling the future on the
            // request's end abandons it at once (the twin of http.NewRequestWithContext).
            HttpRequest get = HttpRequest.newBuilder(env.slowUri()).timeout(Duration.ofSeconds(30)).build();
            CompletableFuture<HttpResponse<String>> call = env.httpClient().sendAsync(get, HttpResponse.BodyHandlers.ofString());
            request.onCancel(() -> call.cancel(true));
            started.countDown();
            try {
                return call.join().statusCode();
            } catch (CancellationException | java.util.concurrent.CompletionException e) {
                return -1; // the request is gone: nobody wants the answer
            }
        });
        Env.await(started, name());
    }
}
