package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for a test class: an H2 in-memory database, a fresh schema on the local
 * PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust authentication)
 * or a fresh database on the local MariaDB (127.0.0.1:3306, {@code root} without a password), with
 * Steward's schema migrated by Flyway. {@link #close()} drops it.
 *
 * <p>When PostgreSQL or MariaDB is unreachable the test is skipped with a loud message, unless
 * {@code STEWARD_REQUIRE_DATABASES} names it ({@code postgresql,mariadb}, as CI sets it): then the
 * test fails.
 */
final class TestDatabase implements AutoCloseable {
    static final String PREFIX = "steward_";
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";

    private static final String[] TABLES = {"identities", "grants", "credentials", "changes", "audit_events",
        "audit_checkpoints", "secrets", "secret_versions", "review_cycles", "review_items"};

    final JdbcDialect dialect;
    private final String name;
    private final String url;
    private final HikariDataSource pool;
    private final List<HikariDataSource> extraPools = new ArrayList<>();

    private TestDatabase(JdbcDialect dialect, String name, String url) {
        this.dialect = dialect;
        this.name = name;
        this.url = url;
        this.pool = newPool();
    }

    /**
     * @param dialect which database
     * @return a new, migrated database of its own, or the test is skipped or failed (see above)
     */
    static TestDatabase open(JdbcDialect dialect) {
        String name = "stw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase db = switch (dialect) {
            case H2 -> new TestDatabase(dialect, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            case POSTGRESQL -> {
                admin(dialect, "CREATE SCHEMA " + name);
                yield new TestDatabase(dialect, name, POSTGRES_URL + "?user=postgres&currentSchema=" + name);
            }
            case MARIADB -> {
                admin(dialect, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                yield new TestDatabase(dialect, name, MARIADB_URL + name + "?user=root");
            }
        };
        JdbcSchema.builder().tablePrefix(PREFIX).build().migrate(db.pool);
        return db;
    }

    /** @return the pool of this database (16 connections) */
    HikariDataSource dataSource() {
        return pool;
    }

    /** @return another pool on the same database, as a second application instance would have */
    HikariDataSource newPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(20);
        config.setConnectionTimeout(10_000);
        config.setPoolName(name + "-" + (extraPools.size() + 1));
        HikariDataSource ds = new HikariDataSource(config);
        extraPools.add(ds);
        return ds;
    }

    /** @return a store on this database */
    JdbcStore store() {
        return JdbcStore.builder(pool).tablePrefix(PREFIX).build();
    }

    /** Empties every table and resets the chain head, for the next test of the class. */
    void reset() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + PREFIX + table);
            }
            s.executeUpdate("UPDATE " + PREFIX + "head SET next_sequence = 0, last_hash = '" + "0".repeat(64)
                    + "', last_change = 0, checkpoints = 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param sql a statement to run on this database with its own connection */
    void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        extraPools.forEach(HikariDataSource::close);
        switch (dialect) {
            case POSTGRESQL -> admin(dialect, "DROP SCHEMA " + name + " CASCADE");
            case MARIADB -> admin(dialect, "DROP DATABASE " + name);
            case H2 -> { }
        }
    }

    private static void admin(JdbcDialect dialect, String sql) {
        String adminUrl = dialect == JdbcDialect.POSTGRESQL ? POSTGRES_URL + "?user=postgres&connectTimeout=5"
                : MARIADB_URL + "?user=root&connectTimeout=5000";
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            String db = dialect.name().toLowerCase(Locale.ROOT);
            String why = dialect + " is unreachable at " + adminUrl + ": " + e.getMessage();
            if (System.getenv().getOrDefault("STEWARD_REQUIRE_DATABASES", "").contains(db)) {
                fail(why + " (STEWARD_REQUIRE_DATABASES requires it)", e);
            }
            System.err.println("*** SKIPPED: " + why + " ***");
            Assumptions.abort(why);
        }
    }
}
