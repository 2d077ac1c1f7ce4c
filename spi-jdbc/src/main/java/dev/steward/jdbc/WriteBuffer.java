package dev.steward.jdbc;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit's writes before they are sent, and the rows it has seen. Inserts wait and go as one batch
 * per table, in {@link EntityType#all()} order; an update is checked at once against the version the
 * unit knows and sent versioned against it, so a concurrent change still fails it. Each row the unit
 * read or wrote is kept as the database has it now: a unit re-reads the same rows (the acting
 * identity, say) many times, and each read after the first costs no round trip. The unit's changes
 * for the change sequence are collected here too, each with the version the unit leaves it at.
 */
final class WriteBuffer {
    /** Writes not yet sent, by entity and id, in the order they were made. */
    private final Map<String, Pending<?>> pending = new LinkedHashMap<>();
    private final Map<String, Object> rows = new HashMap<>();
    private final Map<String, StoreChange> changes = new LinkedHashMap<>();

    <E> Optional<E> find(JdbcTable<E> table, String id) {
        String key = key(table, id);
        Pending<?> p = pending.get(key);
        Object known = p != null ? p.value : rows.get(key);
        if (known != null) {
            return Optional.of(table.type().cast(known));
        }
        Optional<E> found = table.select(id);
        found.ifPresent(v -> rows.put(key, v));
        return found;
    }

    <E> void insert(JdbcTable<E> table, E entity) {
        String id = table.type().id(entity);
        String key = key(table, id);
        if (pending.containsKey(key) || rows.containsKey(key)) {
            throw new ConflictException(table.type().name() + " " + id + " already exists");
        }
        pending.put(key, new Pending<>(table, entity, true, 0));
        changed(table.type(), id, 1);
    }

    /** Checked now against the row this unit knows (or reads); written at the next flush. */
    <E> void update(JdbcTable<E> table, E entity) {
        EntityType<E> type = table.type();
        String id = type.id(entity);
        String key = key(table, id);
        @SuppressWarnings("unchecked")
        Pending<E> p = (Pending<E>) pending.get(key);
        E row = find(table, id).orElseThrow(() -> new NotFoundException(type.name(), id));
        long known = type.version(row);
        long version = type.version(entity);
        if (version != known + 1) {
            throw new ConflictException(type.name() + " " + id + " is at version " + known
                    + "; this change was based on version " + (version - 1));
        }
        E written = type.usage().map(u -> u.keepStored(entity, row)).orElse(entity);
        if (p != null) {
            p.value = written;
        } else {
            pending.put(key, new Pending<>(table, written, false, known));
        }
        changed(type, id, version);
    }

    /** Drops the unit's copy of a row that changed in the database behind it (usage recorded). */
    void forget(JdbcTable<?> table, String id) {
        rows.remove(key(table, id));
    }

    /** {@return the unit's changes for the change sequence, not yet numbered, in the order made} */
    Collection<StoreChange> changes() {
        return changes.values();
    }

    /**
     * Writes what this unit has buffered: new rows in one batch per table, then each update,
     * versioned against the version the unit based it on. Runs before any query, before the head
     * lock and at commit.
     */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending<?>> writes = new ArrayList<>(pending.values());
        pending.clear();
        for (EntityType<?> type : EntityType.all()) {
            insertAll(type, writes);
        }
        for (Pending<?> p : writes) {
            if (!p.insert) {
                p.send();
            }
        }
        for (Pending<?> p : writes) {
            rows.put(key(p.table, p.id()), p.value);
        }
    }

    private static <E> void insertAll(EntityType<E> type, List<Pending<?>> writes) {
        JdbcTable<E> table = null;
        List<E> batch = new ArrayList<>();
        for (Pending<?> p : writes) {
            if (p.insert && p.table.type() == type) {
                @SuppressWarnings("unchecked")
                JdbcTable<E> t = (JdbcTable<E>) p.table;
                table = t;
                batch.add(type.cast(p.value));
            }
        }
        if (table != null) {
            table.insertRows(batch);
        }
    }

    private void changed(EntityType<?> type, String id, long version) {
        type.changeKind().ifPresent(kind -> changes.put(type.name() + ':' + id,
                new StoreChange(0, kind, id, version)));
    }

    private static String key(JdbcTable<?> table, String id) {
        return table.type().name() + ':' + id;
    }

    /** A buffered insert or update; an update of a row this unit inserted stays an insert. */
    private static final class Pending<E> {
        final JdbcTable<E> table;
        final boolean insert;
        /** For an update: the stored version it was based on. */
        final long basedOn;
        E value;

        Pending(JdbcTable<E> table, E value, boolean insert, long basedOn) {
            this.table = table;
            this.value = value;
            this.insert = insert;
            this.basedOn = basedOn;
        }

        String id() {
            return table.type().id(value);
        }

        /** Sends an update; a row no longer at the version it was based on fails the unit. */
        void send() {
            if (!table.updateRow(value, basedOn)) {
                Long stored = table.storedVersion(id());
                String name = table.type().name();
                if (stored == null) {
                    throw new NotFoundException(name, id());
                }
                throw new ConflictException(name + " " + id() + " is at version " + stored
                        + "; this change was based on version " + basedOn);
            }
        }
    }
}
