package dev.steward.jdbc;

import dev.steward.ConflictException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.spi.AuditHead;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit of work on one connection: a {@link JdbcTable} per entity type over one
 * {@link WriteBuffer}, and the audit log. Reads see this unit's own writes; the buffered rows are
 * sent before any query and before the head lock, and {@link #finish()} writes the changes and the
 * head row just before commit.
 */
final class JdbcTransaction implements StoreTransaction {
    private final Tables t;
    private final Sql sql;
    private final WriteBuffer buffer = new WriteBuffer();
    private final Map<EntityType<?>, JdbcTable<?>> tables = new HashMap<>();
    private Head head;
    private boolean headDirty;

    JdbcTransaction(Connection connection, Tables tables, String storeName) {
        this.t = tables;
        this.sql = new Sql(connection, storeName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> EntityTable<E> table(EntityType<E> type) {
        return (EntityTable<E>) tables.computeIfAbsent(type, k -> new JdbcTable<>(type, t.of(type), sql, buffer));
    }

    @Override
    public AuditHead lockAuditHead() {
        return lockHead().audit();
    }

    /**
     * Sends this unit's buffered rows first, so that the head (which every appending unit on the
     * database waits for) is held only for the audit rows, the change rows and the commit; row locks
     * are thus always taken in one order, entities before the head.
     */
    private Head lockHead() {
        if (head == null) {
            buffer.flush();
            head = sql.select("SELECT next_sequence, last_hash, last_change, checkpoints FROM " + t.head
                    + " WHERE id = 1 FOR UPDATE", ps -> { }, rs -> {
                        if (!rs.next()) {
                            throw new IllegalStateException(t.head + " has no row: was the schema created?");
                        }
                        return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                    });
        }
        return head;
    }

    @Override
    public void appendAudit(List<AuditEvent> events) {
        if (head == null) {
            throw new IllegalStateException("lockAuditHead() must be called before appendAudit()");
        }
        long expected = head.nextSequence;
        String previous = head.lastHash;
        for (AuditEvent e : events) {
            if (e.sequence() != expected || !e.previousHash().equals(previous)) {
                throw new ConflictException("audit event " + e.id() + " does not continue the chain at " + expected);
            }
            expected++;
            previous = e.hash();
        }
        List<String> docs = Documents.events(events);
        int[] i = {0};
        sql.batch("INSERT INTO " + t.auditEvents + " (sequence, event_id, hash, doc) VALUES (?, ?, ?, ?)", events,
                (ps, e) -> {
                    ps.setLong(1, e.sequence());
                    ps.setString(2, e.id().value());
                    ps.setString(3, e.hash());
                    ps.setString(4, docs.get(i[0]++));
                }, null);
        head.nextSequence = expected;
        head.lastHash = previous;
        headDirty = true;
    }

    @Override
    public void appendCheckpoint(AuditCheckpoint checkpoint) {
        Head h = lockHead();
        long position = h.checkpoints + 1;
        sql.execute("INSERT INTO " + t.auditCheckpoints + " (position, sequence, doc) VALUES (?, ?, ?)", ps -> {
            ps.setLong(1, position);
            ps.setLong(2, checkpoint.sequence());
            ps.setString(3, Documents.checkpoint(checkpoint));
        });
        h.checkpoints = position;
        headDirty = true;
    }

    @Override
    public List<AuditEvent> readAudit(long fromSequence, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.select("SELECT doc FROM " + t.auditEvents + " WHERE sequence >= ? ORDER BY sequence LIMIT ?",
                ps -> {
                    ps.setLong(1, fromSequence);
                    ps.setInt(2, limit);
                }, rs -> {
                    List<AuditEvent> events = new ArrayList<>();
                    while (rs.next()) {
                        events.add(Documents.event(rs.getString(1)));
                    }
                    return events;
                });
    }

    @Override
    public List<AuditCheckpoint> checkpoints() {
        return sql.select("SELECT doc FROM " + t.auditCheckpoints + " ORDER BY position", ps -> { }, rs -> {
            List<AuditCheckpoint> all = new ArrayList<>();
            while (rs.next()) {
                all.add(Documents.checkpoint(rs.getString(1)));
            }
            return List.copyOf(all);
        });
    }

    /**
     * Numbers this unit's changes and writes the head, under the head lock: changes get their
     * sequence when the unit is about to commit, so they become visible in sequence order.
     */
    void finish() {
        buffer.flush();
        Collection<StoreChange> changes = buffer.changes();
        if (!changes.isEmpty()) {
            Head h = lockHead();
            List<StoreChange> numbered = new ArrayList<>(changes.size());
            for (StoreChange c : changes) {
                numbered.add(new StoreChange(++h.lastChange, c.kind(), c.id(), c.version()));
            }
            sql.batch("INSERT INTO " + t.changes + " (sequence, kind, entity_id, version) VALUES (?, ?, ?, ?)",
                    numbered, (ps, c) -> {
                        ps.setLong(1, c.sequence());
                        ps.setString(2, c.kind().name());
                        ps.setString(3, c.id());
                        ps.setLong(4, c.version());
                    }, null);
            headDirty = true;
        }
        if (headDirty) {
            sql.execute("UPDATE " + t.head + " SET next_sequence = ?, last_hash = ?, last_change = ?, checkpoints = ? "
                    + "WHERE id = 1", ps -> {
                        ps.setLong(1, head.nextSequence);
                        ps.setString(2, head.lastHash);
                        ps.setLong(3, head.lastChange);
                        ps.setLong(4, head.checkpoints);
                    });
        }
    }

    /** The head row as this unit sees and changes it. */
    private static final class Head {
        long nextSequence;
        String lastHash;
        long lastChange;
        long checkpoints;

        Head(long nextSequence, String lastHash, long lastChange, long checkpoints) {
            this.nextSequence = nextSequence;
            this.lastHash = lastHash;
            this.lastChange = lastChange;
            this.checkpoints = checkpoints;
        }

        AuditHead audit() {
            return new AuditHead(nextSequence, lastHash);
        }
    }
}
