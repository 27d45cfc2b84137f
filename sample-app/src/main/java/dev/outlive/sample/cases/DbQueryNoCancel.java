package dev.outlive.sample.cases;

import dev.outlive.Scope;
import dev.outlive.sample.Case;
import dev.outlive.sample.Env;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cause 7: a database query that ignores cancellation (Go: {@code db.Query} instead of
 * {@code db.QueryContext}). A long query runs to the end whether or not anyone still wants the
 * rows. The embedded H2 database runs the query on the calling thread, so the task is busy
 * (RUNNABLE), not blocked on a socket as it would be with a database server.
 */
public final class DbQueryNoCancel implements Case {
    /** Makes each query's text unique, so {@link #awaitRunning} can find it among H2's sessions. */
    private static final AtomicInteger QUERIES = new AtomicInteger();

    /** A query that would take hours: a sum over ten trillion generated rows. */
    static String longQuery(String tag) {
        return "SELECT SUM(X * X) AS " + tag + " FROM SYSTEM_RANGE(1, 10000000000000)";
    }

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
    public void runLeaky(Env env) throws Exception {
        String tag = "LEAKY_SUM_" + QUERIES.incrementAndGet();
        env.pool().submit(() -> {
            try (Connection c = env.connection(); Statement st = c.createStatement()) {
                env.onStop(() -> cancelQuietly(st)); // the demo's escape hatch, not the fix
                try (ResultSet rs = st.executeQuery(longQuery(tag))) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            } catch (SQLException e) {
                return -1L;
            }
        });
        awaitRunning(env, tag);
    }

    @Override
    public void runFixed(Env env) throws Exception {
        Scope request = Scope.current();
        String tag = "FIXED_SUM_" + QUERIES.incrementAndGet();
        env.pool().submit(() -> {
            try (Connection c = env.connection(); Statement st = c.createStatement()) {
                // Statement.cancel() only reaches a statement that is executing: a cancel that comes
                // earlier is lost, so the timeout stays as the bound and the scope is checked first.
                st.setQueryTimeout(30);
                request.onCancel(() -> cancelQuietly(st)); // the twin of db.QueryContext(ctx, ...)
                request.checkCancelled();
                try (ResultSet rs = st.executeQuery(longQuery(tag))) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            } catch (SQLException e) {
                return -1L; // H2 reports the cancelled statement as an error: expected here
            }
        });
        awaitRunning(env, tag);
    }

    /**
     * Waits until H2 lists the query as executing in another session, so the request ends while it
     * really runs (and the fixed variant's cancel reaches it rather than arriving before it started).
     */
    static void awaitRunning(Env env, String tag) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Env.MAX_WAIT.toNanos();
        try (Connection c = env.connection(); PreparedStatement ps = c.prepareStatement(
                // not this session: H2 shows a statement's parameters in its text, so this very query matches
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE ? AND SESSION_ID <> SESSION_ID()")) {
            ps.setString(1, "%" + tag + "%");
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("timed out waiting for query " + tag + " to start");
    }

    static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException e) {
            // already closed: the query is over anyway
        }
    }
}
