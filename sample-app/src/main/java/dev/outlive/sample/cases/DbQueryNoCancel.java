package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Cause 7: a database query that ignores cancellation (Go: {@code db.Query} instead of
 * {@code db.QueryContext}). A long query runs to the end whether or not anyone still wants the
 * rows. The embedded H2 database runs the query on the calling thread, so the task is busy
 * (RUNNABLE), not blocked on a socket as it would be with a database server.
 */
public final class DbQueryNoCancel implements Case {
    /** A query that would take hours: a sum over ten trillion generated rows. */
    static final String LONG_QUERY = "SELECT SUM(X * X) FROM SYSTEM_RANGE(1, 10000000000000)";

    @Override
    public String name() {
        return "db-query";
    }

    @Override
    public String summary() {
        return "a long JDBC query with no timeout and no Statement.cancel()";
    }

    @Override
    public String expectedKind() {
        return "IGNORED_CANCELLATION";
    }

    @Override
    public void runLeaky(Env env) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            try (Connection c = env.connection(); Statement st = c.createStatement()) {
                env.onStop(() -> cancelQuietly(st)); // the demo's escape hatch, not the fix
                started.countDown();
                try (ResultSet rs = st.executeQuery(LONG_QUERY)) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            } catch (SQLException e) {
                return -1L;
            } finally {
                started.countDown();
            }
        });
        Env.await(started, name());
    }

    @Override
    public void runFixed(Env env) throws InterruptedException {
        Scope request = Scope.current();
        CountDownLatch started = new CountDownLatch(1);
        env.pool().submit(() -> {
            try (Connection c = env.connection(); Statement st = c.createStatement()) {
                st.setQueryTimeout(30); // a bound even if nobody cancels
                request.onCancel(() -> cancelQuietly(st)); // the twin of db.QueryContext(ctx, ...)
                started.countDown();
                try (ResultSet rs = st.executeQuery(LONG_QUERY)) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            } catch (SQLException e) {
                return -1L; // H2 reports the cancelled statement as an error: expected here
            } finally {
                started.countDown();
            }
        });
        Env.await(started, name());
    }

    static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException e) {
            // already closed: the query is over anyway
        }
    }
}
