package dev.steward.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steward.jdbc.JdbcDialect;
import dev.steward.jdbc.JdbcSchema;
import dev.steward.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database for one benchmark trial, dropped at the end: H2 in memory, a new schema on the
 * local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}) or a new database
 * on the local MariaDB (127.0.0.1:3306, {@code root}). PostgreSQL runs with
 * {@code reWriteBatchedInserts=true}, as production hosts should configure it.
 *
 * <p>{@value #POSTGRESQL_ASYNC_COMMIT} is PostgreSQL with {@code synchronous_commit = off} on each
 * connection: a commit returns before its WAL record is flushed to disk. PostgreSQL documents that
 * this risks losing the last few hundred milliseconds of commits in a crash, never consistency.
 * It shows what the disk's flush latency costs: every unit of work appends to the one audit chain,
 * so commits are serialized by the head-row lock, and with durable commits each one waits for its
 * own flush.
 */
public final class BenchDatabase implements AutoCloseable {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
    /** The name, beside the {@link JdbcDialect} names, of PostgreSQL with asynchronous commit. */
    public static final String POSTGRESQL_ASYNC_COMMIT = "POSTGRESQL_ASYNC_COMMIT";

    private final JdbcDialect dialect;
    private final String name;
    private final HikariDataSource pool;

    private BenchDatabase(JdbcDialect dialect, String name, String url, String initSql) {
        this.dialect = dialect;
        this.name = name;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        config.setMaximumPoolSize(8);
        config.setPoolName("bench-" + name);
        this.pool = new HikariDataSource(config);
    }

    /**
     * @param target a {@link JdbcDialect} name, or {@value #POSTGRESQL_ASYNC_COMMIT}
     * @return a new, empty database with Steward's schema
     */
    public static BenchDatabase open(String target) {
        boolean async = target.equals(POSTGRESQL_ASYNC_COMMIT);
        JdbcDialect dialect = async ? JdbcDialect.POSTGRESQL : JdbcDialect.valueOf(target);
        String name = "stw_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        BenchDatabase db = switch (dialect) {
            case H2 -> new BenchDatabase(dialect, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                    null);
            case POSTGRESQL -> {
                admin(dialect, "CREATE SCHEMA " + name);
                yield new BenchDatabase(dialect, name, POSTGRES + "?user=postgres&reWriteBatchedInserts=true"
                        + "&currentSchema=" + name, async ? "SET synchronous_commit TO off" : null);
            }
            case MARIADB -> {
                admin(dialect, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                yield new BenchDatabase(dialect, name, MARIADB + name + "?user=root", null);
            }
        };
        JdbcSchema.builder().tablePrefix("steward_").build().migrate(db.pool);
        return db;
    }

    /** @return a store on this database */
    public JdbcStore store() {
        return JdbcStore.builder(pool).tablePrefix("steward_").build();
    }

    @Override
    public void close() {
        pool.close();
        switch (dialect) {
            case POSTGRESQL -> admin(dialect, "DROP SCHEMA " + name + " CASCADE");
            case MARIADB -> admin(dialect, "DROP DATABASE " + name);
            case H2 -> { }
        }
    }

    private static void admin(JdbcDialect dialect, String sql) {
        String url = dialect == JdbcDialect.POSTGRESQL ? POSTGRES + "?user=postgres" : MARIADB + "?user=root";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(dialect + " at " + url + " is needed by this benchmark: " + e.getMessage(),
                    e);
        }
    }
}
