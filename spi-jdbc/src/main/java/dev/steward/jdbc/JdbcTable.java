package dev.steward.jdbc;

import dev.steward.ConflictException;
import dev.steward.Page;
import dev.steward.ValidationException;
import dev.steward.spi.EntityField;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.EntityUsage;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One entity type's table, its SQL derived from the type: a column per indexed field (named as the
 * field), then {@code doc} (core's codec), {@code version} and {@code id}, then the usage columns
 * ({@code last_used_at}, {@code use_count}) if the type has usage, which only inserts and
 * {@link #recordUsage} write. Finds, inserts and updates go through the unit's {@link WriteBuffer}.
 *
 * @param <E> the entity
 */
final class JdbcTable<E> implements EntityTable<E> {
    private final EntityType<E> type;
    private final String table;
    private final Sql sql;
    private final WriteBuffer buffer;
    private final List<EntityField<E>> indexed;
    private final List<EntityField<E>> usageFields;
    private final String columns;
    private final String insertSql;
    private final String updateSql;

    JdbcTable(EntityType<E> type, String table, Sql sql, WriteBuffer buffer) {
        this.type = type;
        this.table = table;
        this.sql = sql;
        this.buffer = buffer;
        usageFields = type.usage().map(u -> List.of(u.lastUsedAtField(), u.useCountField())).orElse(List.of());
        indexed = type.fields().stream().filter(f -> !usageFields.contains(f)).toList();
        List<String> read = new ArrayList<>(List.of("doc"));
        usageFields.forEach(f -> read.add(f.name()));
        columns = String.join(", ", read);
        List<String> inserted = new ArrayList<>();
        indexed.forEach(f -> inserted.add(f.name()));
        inserted.addAll(List.of("doc", "version", "id"));
        usageFields.forEach(f -> inserted.add(f.name()));
        insertSql = "INSERT INTO " + table + " (" + String.join(", ", inserted) + ") VALUES ("
                + String.join(", ", Collections.nCopies(inserted.size(), "?")) + ")";
        List<String> set = new ArrayList<>();
        indexed.forEach(f -> set.add(f.name() + " = ?"));
        set.addAll(List.of("doc = ?", "version = ?"));
        updateSql = "UPDATE " + table + " SET " + String.join(", ", set) + " WHERE id = ? AND version = ?";
    }

    EntityType<E> type() {
        return type;
    }

    @Override
    public Optional<E> find(String id) {
        return buffer.find(this, id);
    }

    /**
     * A unique field (a credential's {@code predecessor_id}) is checked here first, so that the
     * usual conflict fails at once and without aborting the transaction.
     */
    @Override
    public void insert(E entity) {
        requireFirstVersion(entity);
        for (EntityField<E> field : indexed) {
            Object taken = field.unique() ? field.value(entity) : null;
            if (taken != null) {
                buffer.flush();
                boolean held = sql.select("SELECT 1 FROM " + table + " WHERE " + field.name() + " = ?",
                        ps -> Sql.bind(ps, 1, field.valueType(), taken), ResultSet::next);
                if (held) {
                    throw new ConflictException(type.name() + " " + field.name() + " " + taken + " is taken");
                }
            }
        }
        buffer.insert(this, entity);
    }

    @Override
    public void update(E entity) {
        buffer.update(this, entity);
    }

    /** A page in id order: one row more than the limit tells whether another page follows. */
    @Override
    public Page<E> query(EntityQuery<E> query) {
        buffer.flush();
        Where where = Where.of(query.criteria());
        query.cursor().ifPresent(where::after);
        int limit = query.limit();
        return sql.select("SELECT " + columns + ", id FROM " + table + where.sql() + " ORDER BY id LIMIT ?", ps -> {
            int next = where.bind(ps);
            ps.setInt(next, limit + 1);
        }, rs -> {
            List<E> items = new ArrayList<>(Math.min(limit, 64));
            String lastId = null;
            while (rs.next()) {
                if (items.size() == limit) {
                    return new Page<>(items, Optional.of(lastId));
                }
                items.add(read(rs));
                lastId = rs.getString("id");
            }
            return new Page<>(items, Optional.empty());
        });
    }

    /** Usage is telemetry: added in place, forward only, with no new version and no change entry. */
    @Override
    public void recordUsage(String id, Instant lastUsedAt, long uses) {
        if (type.usage().isEmpty()) {
            throw new ValidationException(type.name(), "has no usage telemetry");
        }
        buffer.flush();
        BigDecimal at = Nanos.of(lastUsedAt);
        sql.execute("UPDATE " + table + " SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ? "
                + "THEN ? ELSE last_used_at END, use_count = use_count + ? WHERE id = ?", ps -> {
                    ps.setBigDecimal(1, at);
                    ps.setBigDecimal(2, at);
                    ps.setLong(3, uses);
                    ps.setString(4, id);
                });
        buffer.forget(this, id);
    }

    private void requireFirstVersion(E entity) {
        if (type.version(entity) != 1) {
            throw new ValidationException(type.name() + ".version", "must be 1 on insert");
        }
    }

    /** {@return the stored row, as the database has it} */
    Optional<E> select(String id) {
        return sql.select("SELECT " + columns + " FROM " + table + " WHERE id = ?", ps -> ps.setString(1, id),
                rs -> rs.next() ? Optional.of(read(rs)) : Optional.empty());
    }

    /** {@return the stored version, or {@code null} if there is no such row} */
    Long storedVersion(String id) {
        return sql.select("SELECT version FROM " + table + " WHERE id = ?", ps -> ps.setString(1, id),
                rs -> rs.next() ? rs.getLong(1) : null);
    }

    /** Sends new rows as one batch; a duplicate id (a concurrent unit's, say) is a conflict. */
    void insertRows(List<E> rows) {
        sql.batch(insertSql, rows, this::bindInsert, () -> rows.size() == 1
                ? type.name() + " " + type.id(rows.get(0)) + " already exists"
                : "one of " + rows.size() + " new " + type.name() + " records already exists (first: "
                        + type.id(rows.get(0)) + ")");
    }

    /** {@return whether the row was at version {@code basedOn} and is now written} */
    boolean updateRow(E entity, long basedOn) {
        return sql.update(updateSql, ps -> {
            int next = bindDocument(ps, entity);
            ps.setString(next, type.id(entity));
            ps.setLong(next + 1, basedOn);
        }, () -> type.name() + " " + type.id(entity) + " conflicts with a concurrent unit of work") == 1;
    }

    private void bindInsert(PreparedStatement ps, E entity) throws SQLException {
        int next = bindDocument(ps, entity);
        ps.setString(next++, type.id(entity));
        for (EntityField<E> f : usageFields) {
            Sql.bind(ps, next++, f.valueType(), f.value(entity));
        }
    }

    /** Binds the indexed columns, {@code doc} and {@code version}; returns the next index. */
    private int bindDocument(PreparedStatement ps, E entity) throws SQLException {
        int next = 1;
        for (EntityField<E> f : indexed) {
            Sql.bind(ps, next++, f.valueType(), f.value(entity));
        }
        ps.setString(next++, type.codec().encode(entity));
        ps.setLong(next++, type.version(entity));
        return next;
    }

    /** An entity from its {@code doc} and, if it has usage, the usage columns after it. */
    private E read(ResultSet rs) throws SQLException {
        E decoded = type.codec().decode(rs.getString(1));
        Optional<EntityUsage<E>> usage = type.usage();
        if (usage.isEmpty()) {
            return decoded;
        }
        return usage.get().with(decoded, Optional.ofNullable(rs.getBigDecimal(2)).map(Nanos::instant),
                rs.getLong(3));
    }
}
