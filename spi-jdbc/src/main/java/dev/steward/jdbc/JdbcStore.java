package dev.steward.jdbc;

import dev.steward.BackendUnavailableException;
import dev.steward.StewardException;
import dev.steward.ValidationException;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.PluginFailures;
import dev.steward.spi.StoreChange;
import dev.steward.spi.UnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * A {@link GovernanceStore} on a JDBC {@link DataSource}: PostgreSQL 13+ (production), H2 2.x
 * (embedded) or MariaDB 10.11+ / MySQL 8. Several application instances may share one database.
 *
 * <pre>{@code
 * JdbcSchema.migrate(dataSource, "steward_");          // or run the SQL with your own tool
 * GovernanceStore store = JdbcStore.builder(dataSource).tablePrefix("steward_").build();
 * }</pre>
 *
 * <h2>Transactions</h2>
 * One unit of work is one database transaction at READ COMMITTED on one connection: the state
 * change and its audit events commit together or not at all. Updates are optimistic
 * ({@code UPDATE ... WHERE id = ? AND version = ?}); one that matches no row is a
 * {@link dev.steward.ConflictException}, as on the in-memory store, and so is a duplicate key.
 *
 * <h2>The chain head</h2>
 * A single row, {@code <prefix>head}, holds the next audit sequence, the last event's hash, the last
 * change sequence and the checkpoint count. A unit that appends audit events, checkpoints or changes
 * locks it ({@code SELECT ... FOR UPDATE}) and keeps it until commit. So, across every instance on
 * the database, appends happen one unit at a time: each event links to the one committed before
 * it, and change sequences are given out in commit order, so an instance that follows the change
 * sequence never skips a change that commits late. Units lock their entity rows first and the head
 * last, so the head is held only for the short tail of a unit.
 *
 * <h2>Retries</h2>
 * A unit that fails with a serialization failure, a deadlock or a lock-wait timeout is rolled back
 * and run again from the start, up to {@link Builder#maxAttempts(int) maxAttempts} times in all
 * (3 by default), with a short randomised back-off (about 5 ms, doubling). Then the failure reaches
 * the caller as {@link BackendUnavailableException}. A lost connection is not retried: the outcome
 * of its commit is unknown, so the caller decides (every Steward change is version-checked, so
 * repeating it after it did commit fails with a conflict rather than applying twice). A unit of
 * work must therefore be safe to run more than once, as every unit Steward's core runs is.
 */
public final class JdbcStore implements GovernanceStore {
    private static final int DEFAULT_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Tables tables;
    private final int maxAttempts;
    private final boolean durable;

    private JdbcStore(Builder b, JdbcDialect dialect, boolean durable) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.tables = new Tables(b.prefix);
        this.maxAttempts = b.maxAttempts;
        this.durable = durable;
    }

    /**
     * A store with the default table prefix ({@value Tables#DEFAULT_PREFIX}), its dialect read from
     * the database. The schema must exist: see {@link JdbcSchema}.
     *
     * @param dataSource the database
     * @return the store
     */
    public static JdbcStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * @param dataSource the database
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** @return the database's dialect */
    public JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        Objects.requireNonNull(work, "work");
        for (int attempt = 1;; attempt++) {
            try {
                return attempt(work);
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !SqlFailures.isRetryable(e)) {
                    throw SqlFailures.isRetryable(e) && !(e instanceof StewardException)
                            ? new BackendUnavailableException(name(), "the unit of work kept meeting concurrent "
                                    + "units (" + attempt + " attempts)", e)
                            : e;
                }
                backOff(attempt);
            }
        }
    }

    private <T> T attempt(UnitOfWork<T> work) {
        Connection connection = open();
        try {
            JdbcTransaction tx = new JdbcTransaction(connection, tables, name());
            T result = work.run(tx);
            tx.finish();
            commit(connection);
            return result;
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        } finally {
            close(connection);
        }
    }

    private Connection open() {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (Throwable e) {
            throw PluginFailures.unavailable(name(), "no connection to the database", e);
        }
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return c;
        } catch (Throwable e) {
            close(c);
            throw PluginFailures.unavailable(name(), "no connection to the database", e);
        }
    }

    private void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw failure(name(), e);
        } catch (RuntimeException | Error e) {
            throw PluginFailures.unavailable(name(), "the database driver failed at commit; the outcome of the "
                    + "unit of work is in doubt", e);
        }
    }

    /**
     * @param store the store's name
     * @param e a database failure
     * @return a failure another attempt may not meet, or the typed error for the caller
     */
    static RuntimeException failure(String store, SQLException e) {
        if (SqlFailures.isRetryable(e)) {
            return new RetryableFailure(e);
        }
        return new BackendUnavailableException(store, SqlFailures.isConnectionFailure(e)
                ? "the connection was lost; the unit of work was rolled back or its commit is in doubt"
                : "the database refused the unit of work (SQLState " + e.getSQLState() + "); it was rolled back", e);
    }

    /**
     * Rolls back after any failure, the driver's own errors included. A connection that cannot
     * even roll back is aborted rather than handed back to the pool in an unknown state.
     */
    static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            cause.addSuppressed(e);
            try {
                connection.abort(Runnable::run);
            } catch (Throwable f) {
                PluginFailures.rethrowFatal(f);
                cause.addSuppressed(f);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (Throwable ignored) {
            // The pool discards a connection it cannot close; nothing is lost here.
            PluginFailures.rethrowFatal(ignored);
        }
    }

    private static void backOff(int attempt) {
        long base = 5_000_000L << (attempt - 1);
        LockSupport.parkNanos(base + ThreadLocalRandom.current().nextLong(base));
    }

    @Override
    public List<StoreChange> changesSince(long afterSequence, int max) {
        if (max <= 0) {
            return List.of();
        }
        return query("SELECT sequence, kind, entity_id, version FROM " + tables.changes
                + " WHERE sequence > ? ORDER BY sequence LIMIT ?", ps -> {
                    ps.setLong(1, afterSequence);
                    ps.setInt(2, max);
                }, rs -> {
                    List<StoreChange> changes = new ArrayList<>();
                    while (rs.next()) {
                        changes.add(new StoreChange(rs.getLong(1), StoreChange.Kind.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getLong(4)));
                    }
                    return List.copyOf(changes);
                });
    }

    @Override
    public long lastChangeSequence() {
        return query("SELECT last_change FROM " + tables.head + " WHERE id = 1", ps -> { }, rs -> {
            if (!rs.next()) {
                throw new SQLException("the head row is missing: was the schema created?");
            }
            return rs.getLong(1);
        });
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (Throwable e) {
            throw PluginFailures.unavailable(name(), "reading the change sequence failed", e);
        }
    }

    /** @return true unless the database is an in-memory H2 database */
    @Override
    public boolean isDurable() {
        return durable;
    }

    @Override
    public String name() {
        return "jdbc(" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        return "JdbcStore[" + name() + ", prefix=" + tables.prefix + "]";
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Carries a retryable database failure out of a unit of work to {@link #transact}. */
    static final class RetryableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableFailure(SQLException cause) {
            super("the database asked for the transaction to be retried (SQLState " + cause.getSQLState() + ")",
                    cause);
        }
    }

    /** Options of a {@link JdbcStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String prefix = Tables.DEFAULT_PREFIX;
        private JdbcDialect dialect;
        private int maxAttempts = DEFAULT_ATTEMPTS;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param prefix the tables' prefix, as given to {@link JdbcSchema}: a lowercase letter, then
         *     lowercase letters, digits or underscores, at most 32 characters in all
         * @return this builder
         */
        public Builder tablePrefix(String prefix) {
            this.prefix = Tables.checkPrefix(prefix);
            return this;
        }

        /**
         * @param dialect the database's dialect; read from the database when not set
         * @return this builder
         */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * @param attempts how many times in all a unit of work is run when it meets a serialization
         *     failure, deadlock or lock timeout; 1 to 10
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new ValidationException("maxAttempts", "must be 1 to 10");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Connects once to read the dialect (unless set) and whether the database is durable.
         *
         * @return the store
         * @throws BackendUnavailableException if the database cannot be reached
         */
        public JdbcStore build() {
            try (Connection c = dataSource.getConnection()) {
                JdbcDialect d = dialect != null ? dialect : JdbcDialect.of(c);
                String url = String.valueOf(c.getMetaData().getURL());
                return new JdbcStore(this, d, !(d == JdbcDialect.H2 && url.startsWith("jdbc:h2:mem:")));
            } catch (Throwable e) {
                throw PluginFailures.unavailable("jdbc", "no connection to the database", e);
            }
        }
    }
}
