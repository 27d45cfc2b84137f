package dev.outlive.sample;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the cases share: a worker pool, a slow HTTP server and client, an embedded database, and the
 * global stop that ends every leak at the end of a run.
 *
 * <p>Create it before opening any request scope: its pool and threads then belong to the
 * application-lifetime {@code main} scope, which Outlive never reports, so only the cases' own
 * mistakes show up. Leaky work must watch {@link #stopping()} (or register an {@link #onStop} action)
 * so the JVM can end on time; that check is the demo's escape hatch, not part of the fix.
 */
public final class Env implements AutoCloseable {
    /** How long anything in the sample waits at most, so a broken run still ends. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final ExecutorService pool;
    private final HttpServer slowServer;
    private final ExecutorService serverPool;
    private final HttpClient httpClient;
    private final String jdbcUrl;
    private final Connection keepAlive;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Runnable> onStop = new CopyOnWriteArrayList<>();

    public Env() throws IOException, SQLException {
        pool = Executors.newCachedThreadPool(daemonThreads("sample-worker"));
        serverPool = Executors.newCachedThreadPool(daemonThreads("slow-server"));
        slowServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slowServer.createContext("/slow", exchange -> {
            // A backend that answers only when the run ends: a client without a timeout waits for it.
            awaitStop(MAX_WAIT);
            byte[] body = "late\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        slowServer.setExecutor(serverPool);
        slowServer.start();
        // One shared client, made here, as real applications do: its selector thread is application-lifetime.
        httpClient = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5)).build();
        jdbcUrl = "jdbc:h2:mem:outlive-sample;DB_CLOSE_DELAY=-1";
        keepAlive = DriverManager.getConnection(jdbcUrl, "sa", "");
    }

    /** A cached pool of daemon threads, owned by the scope current when the {@code Env} was made. */
    public ExecutorService pool() {
        return pool;
    }

    /** The URI of an endpoint that answers only when the run stops. */
    public URI slowUri() {
        return URI.create("http://127.0.0.1:" + slowServer.getAddress().getPort() + "/slow");
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    /** A new connection to the embedded H2 database. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "sa", "");
    }

    /** True once the run ends: leaky work watches it so the JVM can exit. */
    public boolean stopping() {
        return stop.getCount() == 0;
    }

    /** Waits until the run ends or {@code max} passes; true if it ended. */
    public boolean awaitStop(Duration max) {
        try {
            return stop.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Registers an action that unsticks leaked work when the run ends. */
    public void onStop(Runnable action) {
        onStop.add(action);
    }

    /** Ends every leak: sets the stop flag and runs the registered actions. */
    public void stop() {
        stop.countDown();
        for (Runnable r : onStop) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("sample: stop action failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        stop();
        slowServer.stop(0);
        pool.shutdownNow();
        serverPool.shutdownNow();
        try {
            keepAlive.close();
        } catch (SQLException e) {
            // closing at exit: nothing to do
        }
    }

    /** Daemon threads: leaked work in them never holds the JVM open. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Waits for {@code latch} with the sample's bound; fails loudly rather than hang. */
    public static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    /**
     * CPU work standing for a real computation: a thread doing it is RUNNABLE, not blocked, which is
     * what {@code IGNORED_CANCELLATION} describes.
     */
    public static long busyWork(long seed) {
        long x = seed;
        for (int i = 0; i < 20_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        Thread.yield(); // share the CPU with the other spinning cases
        return x;
    }
}
