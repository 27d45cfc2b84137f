package dev.outlive.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.outlive.Scope;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * {@code serve} mode: a small HTTP service on 127.0.0.1 where every request runs in a {@link Scope}
 * with a deadline, the way a Go handler runs with {@code r.Context()}. {@code GET /leaky/<case>} and
 * {@code GET /fixed/<case>} run that case inside the request; {@code GET /work?ms=N} does N ms of
 * cooperative work that stops at the deadline; {@code GET /} lists the endpoints.
 */
public final class Serve {
    private Serve() {
    }

    /** Starts the service and returns; its threads keep the JVM running. */
    public static void run(int port, Duration deadline) throws Exception {
        Env env = new Env();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> handle(exchange, env, deadline));
        server.start();
        System.out.println("serving on http://127.0.0.1:" + server.getAddress().getPort() + "/ (each request: a scope with a "
                + deadline.toMillis() + " ms deadline)");
    }

    private static void handle(HttpExchange exchange, Env env, Duration deadline) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (Scope request = Scope.open(exchange.getRequestMethod() + " " + path)) {
            request.deadlineAfter(deadline);
            if (path.equals("/work")) {
                reply(exchange, work(exchange, request));
            } else if (path.startsWith("/leaky/") || path.startsWith("/fixed/")) {
                String variant = path.substring(1, 6);
                Optional<Case> c = Cases.byName(path.substring(7));
                if (c.isEmpty()) {
                    reply(exchange, 404, "no such case\n");
                    return;
                }
                if (variant.equals("leaky")) {
                    c.get().runLeaky(env);
                } else {
                    c.get().runFixed(env);
                }
                reply(exchange, 200, variant + ":" + c.get().name() + " started; the request scope ends now\n");
            } else {
                StringBuilder b = new StringBuilder("GET /work?ms=N       cooperative work, stops at the deadline\n");
                for (Case c : Cases.all()) {
                    b.append(String.format("GET /leaky/%-22s GET /fixed/%-22s %s%n", c.name(), c.name(), c.summary()));
                }
                reply(exchange, 200, b.toString());
            }
        } catch (Exception e) {
            reply(exchange, 500, e + "\n");
        }
    }

    /** Work that checks its scope: a deadline ends it early with 503. */
    private static Response work(HttpExchange exchange, Scope request) {
        String q = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("ms=100");
        long ms = Long.parseLong(q.replaceAll(".*ms=(\\d+).*", "$1"));
        long end = System.nanoTime() + ms * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            if (request.isCancelled()) {
                return new Response(503, "gave up: " + request.cancelReason().orElse("?") + "\n");
            }
            x = Env.busyWork(x);
        }
        return new Response(200, "done " + (x & 0xff) + "\n");
    }

    private record Response(int status, String body) {
    }

    private static void reply(HttpExchange exchange, Response r) throws IOException {
        reply(exchange, r.status(), r.body());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
