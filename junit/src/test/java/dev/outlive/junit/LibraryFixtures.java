package dev.outlive.junit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test classes that use real libraries, run only through EngineTestKit by
 * {@link LibraryLifecyclesAgentIT} (tagged {@code outlive-fixture}, so Surefire and Failsafe skip
 * them): the library is closed correctly in one test and left open in the other.
 */
final class LibraryFixtures {
    private LibraryFixtures() {
    }

    /** A HikariCP pool over embedded H2 in each test: one closes it, one does not. */
    @Tag(Fixtures.TAG)
    @LeakCheck(grace = "500ms")
    static class Hikari {
        /** The pools the leaky test left open, for the real test to close once it has its verdict. */
        static final List<HikariDataSource> LEFT_OPEN = new CopyOnWriteArrayList<>();

        @Test
        void closesItsPool() throws SQLException {
            try (HikariDataSource ds = new HikariDataSource(config("closes"))) {
                assertTrue(selectOne(ds));
            }
        }

        @Test
        void neverClosesItsPool() throws SQLException {
            HikariDataSource ds = new HikariDataSource(config("never-closes"));
            LEFT_OPEN.add(ds);
            assertTrue(selectOne(ds));
        }

        private static HikariConfig config(String name) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:h2:mem:outlive-junit-" + name + ";DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
            config.setPassword("");
            config.setPoolName("hikari-" + name);
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(1);
            return config;
        }

        private static boolean selectOne(HikariDataSource ds) throws SQLException {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1")) {
                return rs.next();
            }
        }
    }
}
