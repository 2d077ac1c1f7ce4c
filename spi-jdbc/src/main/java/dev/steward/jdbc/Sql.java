package dev.steward.jdbc;

import dev.steward.ConflictException;
import dev.steward.spi.EntityField;
import dev.steward.spi.PluginFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The statements of one unit of work on its connection: each runs at once, values are bound by
 * their {@link EntityField.ValueType}, and every failure of the driver leaves typed. A duplicate key
 * becomes a {@link ConflictException} where the caller says what was duplicated; any other
 * {@link SQLException} is the store's failure ({@link JdbcStore#failure}, which marks what a retry
 * may cure), and a driver's runtime exception or {@link Error} fails the unit as unavailable.
 */
final class Sql {
    private final Connection connection;
    private final String storeName;

    Sql(Connection connection, String storeName) {
        this.connection = connection;
        this.storeName = storeName;
    }

    /** Runs a statement whose row count does not matter. */
    void execute(String sql, Binder binder) {
        update(sql, binder, null);
    }

    /**
     * {@return the number of rows the statement changed}
     *
     * @param sql the statement
     * @param binder its parameters
     * @param duplicate what a duplicate key means, for the conflict's message; {@code null} if a
     *     duplicate key is not expected
     */
    int update(String sql, Binder binder, Supplier<String> duplicate) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException | RuntimeException | Error e) {
            throw failure(e, duplicate);
        }
    }

    /**
     * Sends one statement for many items as one batch.
     *
     * @param sql the statement
     * @param items the items, one parameter set each
     * @param binder an item's parameters
     * @param duplicate as for {@link #update}
     * @param <T> the item
     */
    <T> void batch(String sql, List<T> items, BatchBinder<T> binder, Supplier<String> duplicate) {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException | RuntimeException | Error e) {
            throw failure(e, duplicate);
        }
    }

    /**
     * {@return what the reader makes of the query's rows}
     *
     * @param sql the query
     * @param binder its parameters
     * @param reader reads the result
     * @param <T> the result
     */
    <T> T select(String sql, Binder binder, Reader<T> reader) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException | RuntimeException | Error e) {
            throw failure(e, null);
        }
    }

    /**
     * Binds one value as its value type is stored: text, a boolean, an instant as exact epoch
     * nanoseconds ({@link Nanos}), a long; {@code null} as SQL NULL.
     */
    static void bind(PreparedStatement ps, int index, EntityField.ValueType type, Object value) throws SQLException {
        switch (type) {
            case TEXT -> ps.setString(index, (String) value);
            case INSTANT -> ps.setBigDecimal(index, value == null ? null : Nanos.of((Instant) value));
            case BOOLEAN -> {
                if (value == null) {
                    ps.setNull(index, Types.BOOLEAN);
                } else {
                    ps.setBoolean(index, (Boolean) value);
                }
            }
            case LONG -> {
                if (value == null) {
                    ps.setNull(index, Types.BIGINT);
                } else {
                    ps.setLong(index, (Long) value);
                }
            }
        }
    }

    /** A driver failure of any kind fails the unit typed; a Steward exception from decoding passes. */
    private RuntimeException failure(Throwable e, Supplier<String> duplicate) {
        if (e instanceof SQLException sql) {
            return duplicate != null && SqlFailures.isUniqueViolation(sql) ? new ConflictException(duplicate.get())
                    : JdbcStore.failure(storeName, sql);
        }
        return PluginFailures.unavailable(storeName, "the database driver failed; the unit of work was rolled back", e);
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        /**
         * @param ps the statement
         * @throws SQLException if the driver refuses a value
         */
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Sets a batch statement's parameters for one item. */
    @FunctionalInterface
    interface BatchBinder<T> {
        /**
         * @param ps the statement
         * @param item the item
         * @throws SQLException if the driver refuses a value
         */
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    /** Reads a query's result. */
    @FunctionalInterface
    interface Reader<T> {
        /**
         * {@return what the rows mean}
         *
         * @param rs the result, before its first row
         * @throws SQLException if reading fails
         */
        T read(ResultSet rs) throws SQLException;
    }
}
