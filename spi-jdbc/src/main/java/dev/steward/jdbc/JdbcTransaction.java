package dev.steward.jdbc;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewItem;
import dev.steward.spi.AuditHead;
import dev.steward.spi.Criterion;
import dev.steward.spi.EntityField;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.PluginFailures;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One unit of work on one connection. Every method runs its SQL at once, so reads see this unit's
 * own writes; changes and the head row are written by {@link #finish()} just before commit.
 */
final class JdbcTransaction implements StoreTransaction {
    private static final String USAGE_COLUMNS = "doc, last_used_at, use_count";
    private static final List<String> USAGE = List.of("last_used_at", "use_count");
    private final Connection connection;
    private final Tables t;
    private final String storeName;
    /** This unit's changes by entity, each with the version the unit leaves it at. */
    private final Map<String, StoreChange> changes = new LinkedHashMap<>();
    /** Writes not yet sent, by entity and id, in the order they were made. */
    private final Map<String, Pending<?>> pending = new LinkedHashMap<>();
    /**
     * Each row this unit has read or written, as the database has it now: a unit re-reads the
     * same rows (the acting identity, say) many times, and each read after the first costs no
     * round trip. Updates are still versioned against the database at flush.
     */
    private final Map<String, Object> rows = new HashMap<>();
    private final Entity<Identity> identities;
    private final Entity<Grant> grants;
    private final Entity<Credential> credentials;
    private final Entity<ReviewCycle> reviewCycles;
    private final Entity<ReviewItem> reviewItems;
    private final Map<EntityType<?>, Entity<?>> entities = new HashMap<>();
    private final Map<EntityType<?>, Table<?>> tables = new HashMap<>();
    private Head head;
    private boolean headDirty;

    JdbcTransaction(Connection connection, Tables tables, String storeName) {
        this.connection = connection;
        this.t = tables;
        this.storeName = storeName;
        identities = new Entity<>(EntityType.IDENTITY, tables.identities, "doc",
                i -> i.id().value(), Identity::version,
                List.of("kind", "status", "owner_id", "environment", "orphaned", "expires_at"), List.of(),
                JdbcTransaction::bindIdentity, JdbcTransaction::bindIdentity, rs -> EntityType.IDENTITY.codec().decode(rs.getString(1)));
        grants = new Entity<>(EntityType.GRANT, tables.grants, USAGE_COLUMNS,
                g -> g.id().value(), Grant::version, List.of("grantee_id", "status", "delegated_by"), USAGE,
                (ps, g) -> bindUsage(ps, bindGrant(ps, g), g.lastUsedAt(), g.useCount()), JdbcTransaction::bindGrant,
                rs -> usage(EntityType.GRANT, rs));
        credentials = new Entity<>(EntityType.CREDENTIAL, tables.credentials,
                USAGE_COLUMNS, c -> c.id().value(), Credential::version,
                List.of("identity_id", "type", "status", "issued_at", "predecessor_id"), USAGE,
                (ps, c) -> bindUsage(ps, bindCredential(ps, c), c.lastUsedAt(), c.useCount()),
                JdbcTransaction::bindCredential,
                rs -> usage(EntityType.CREDENTIAL, rs));
        reviewCycles = new Entity<>(EntityType.REVIEW_CYCLE, tables.reviewCycles, "doc",
                c -> c.id().value(), ReviewCycle::version, List.of("origin", "status"), List.of(),
                JdbcTransaction::bindReviewCycle, JdbcTransaction::bindReviewCycle,
                rs -> EntityType.REVIEW_CYCLE.codec().decode(rs.getString(1)));
        reviewItems = new Entity<>(EntityType.REVIEW_ITEM, tables.reviewItems, "doc",
                i -> i.id().value(), ReviewItem::version, List.of("cycle_id", "reviewer_id", "status"), List.of(),
                JdbcTransaction::bindReviewItem, JdbcTransaction::bindReviewItem,
                rs -> EntityType.REVIEW_ITEM.codec().decode(rs.getString(1)));
        for (Entity<?> e : List.of(identities, grants, credentials, reviewCycles, reviewItems)) {
            entities.put(e.type, e);
        }
    }

    /** An entity with usage from its {@code doc}, {@code last_used_at} and {@code use_count} columns. */
    private static <E> E usage(EntityType<E> type, ResultSet rs) throws SQLException {
        return type.usage().orElseThrow().with(type.codec().decode(rs.getString(1)),
                Optional.ofNullable(rs.getBigDecimal(2)).map(Nanos::instant), rs.getLong(3));
    }

    private static int bindUsage(PreparedStatement ps, int next, Optional<Instant> lastUsedAt, long useCount)
            throws SQLException {
        ps.setBigDecimal(next, lastUsedAt.map(Nanos::of).orElse(null));
        ps.setLong(next + 1, useCount);
        return next + 2;
    }

    private static int bindReviewCycle(PreparedStatement ps, ReviewCycle c) throws SQLException {
        ps.setString(1, c.origin().name());
        ps.setString(2, c.status().name());
        ps.setString(3, EntityType.REVIEW_CYCLE.codec().encode(c));
        ps.setLong(4, c.version());
        ps.setString(5, c.id().value());
        return 6;
    }

    private static int bindReviewItem(PreparedStatement ps, ReviewItem i) throws SQLException {
        ps.setString(1, i.cycle().value());
        ps.setString(2, i.reviewer().map(IdentityId::value).orElse(null));
        ps.setString(3, i.status().name());
        ps.setString(4, EntityType.REVIEW_ITEM.codec().encode(i));
        ps.setLong(5, i.version());
        ps.setString(6, i.id().value());
        return 7;
    }

    private static int bindIdentity(PreparedStatement ps, Identity i) throws SQLException {
        ps.setString(1, i.kind().name());
        ps.setString(2, i.status().name());
        ps.setString(3, i.owner().map(IdentityId::value).orElse(null));
        ps.setString(4, i.environment());
        ps.setBoolean(5, i.isOrphaned());
        ps.setBigDecimal(6, i.expiresAt().map(Nanos::of).orElse(null));
        ps.setString(7, EntityType.IDENTITY.codec().encode(i));
        ps.setLong(8, i.version());
        ps.setString(9, i.id().value());
        return 10;
    }

    private static int bindGrant(PreparedStatement ps, Grant g) throws SQLException {
        ps.setString(1, g.grantee().value());
        ps.setString(2, g.status().name());
        ps.setString(3, g.delegatedBy().map(IdentityId::value).orElse(null));
        ps.setString(4, EntityType.GRANT.codec().encode(g));
        ps.setLong(5, g.version());
        ps.setString(6, g.id().value());
        return 7;
    }

    private static int bindCredential(PreparedStatement ps, Credential c) throws SQLException {
        ps.setString(1, c.identity().value());
        ps.setString(2, c.type().name());
        ps.setString(3, c.status().name());
        ps.setBigDecimal(4, Nanos.of(c.issuedAt()));
        ps.setString(5, c.predecessor().map(CredentialId::value).orElse(null));
        ps.setString(6, EntityType.CREDENTIAL.codec().encode(c));
        ps.setLong(7, c.version());
        ps.setString(8, c.id().value());
        return 9;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> EntityTable<E> table(EntityType<E> type) {
        return (EntityTable<E>) tables.computeIfAbsent(type, t -> new Table<>((Entity<E>) entities.get(type)));
    }

    /** One type's rows: reads and writes go through this unit's buffer and row cache. */
    private final class Table<E> implements EntityTable<E> {
        private final Entity<E> entity;

        Table(Entity<E> entity) {
            this.entity = entity;
        }

        @Override
        public Optional<E> find(String id) {
            return JdbcTransaction.this.find(entity, id);
        }

        /**
         * A unique field (a credential's {@code predecessor_id}) is checked here first, so that the
         * usual conflict fails at once and without aborting the transaction.
         */
        @Override
        public void insert(E value) {
            requireFirstVersion(entity.name, entity.version.applyAsLong(value));
            for (EntityField<E> field : entity.type.fields()) {
                Object taken = field.unique() ? field.value(value) : null;
                if (taken != null) {
                    flush();
                    boolean held = select("SELECT 1 FROM " + entity.table + " WHERE " + field.name() + " = ?",
                            ps -> ps.setString(1, (String) taken), ResultSet::next);
                    if (held) {
                        throw new ConflictException(entity.name + " " + field.name() + " " + taken + " is taken");
                    }
                }
            }
            JdbcTransaction.this.insert(entity, value);
        }

        @Override
        public void update(E value) {
            JdbcTransaction.this.update(entity, value);
        }

        @Override
        public Page<E> query(EntityQuery<E> query) {
            Where w = new Where();
            for (Criterion<E> c : query.criteria()) {
                w.add(c);
            }
            return page(entity.table, entity.columns, w, query.cursor(), query.limit(), entity.reader);
        }

        @Override
        public void recordUsage(String id, Instant lastUsedAt, long uses) {
            if (entity.type.usage().isEmpty()) {
                throw new ValidationException(entity.name, "has no usage telemetry");
            }
            JdbcTransaction.this.recordUsage(entity, id, lastUsedAt, uses);
        }
    }

    /** Usage is telemetry: added in place, forward only, with no new version and no change entry. */
    private void recordUsage(Entity<?> entity, String id, Instant lastUsedAt, long uses) {
        flush();
        execute("UPDATE " + entity.table + " SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ? "
                + "THEN ? ELSE last_used_at END, use_count = use_count + ? WHERE id = ?", ps -> {
                    ps.setBigDecimal(1, Nanos.of(lastUsedAt));
                    ps.setBigDecimal(2, Nanos.of(lastUsedAt));
                    ps.setLong(3, uses);
                    ps.setString(4, id);
                });
        rows.remove(entity.key(id));
    }

    // The audit log

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
            flush();
            head = select("SELECT next_sequence, last_hash, last_change, checkpoints FROM " + t.head
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
        batch("INSERT INTO " + t.auditEvents + " (sequence, event_id, hash, doc) VALUES (?, ?, ?, ?)", events,
                (ps, e) -> {
                    ps.setLong(1, e.sequence());
                    ps.setString(2, e.id().value());
                    ps.setString(3, e.hash());
                    ps.setString(4, docs.get(i[0]++));
                });
        head.nextSequence = expected;
        head.lastHash = previous;
        headDirty = true;
    }

    @Override
    public void appendCheckpoint(AuditCheckpoint checkpoint) {
        Head h = lockHead();
        long position = h.checkpoints + 1;
        execute("INSERT INTO " + t.auditCheckpoints + " (position, sequence, doc) VALUES (?, ?, ?)", ps -> {
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
        return select("SELECT doc FROM " + t.auditEvents + " WHERE sequence >= ? ORDER BY sequence LIMIT ?", ps -> {
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
        return select("SELECT doc FROM " + t.auditCheckpoints + " ORDER BY position", ps -> { }, rs -> {
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
        flush();
        if (!changes.isEmpty()) {
            Head h = lockHead();
            List<StoreChange> numbered = new ArrayList<>(changes.size());
            for (StoreChange c : changes.values()) {
                numbered.add(new StoreChange(++h.lastChange, c.kind(), c.id(), c.version()));
            }
            batch("INSERT INTO " + t.changes + " (sequence, kind, entity_id, version) VALUES (?, ?, ?, ?)", numbered,
                    (ps, c) -> {
                        ps.setLong(1, c.sequence());
                        ps.setString(2, c.kind().name());
                        ps.setString(3, c.id());
                        ps.setLong(4, c.version());
                    });
            headDirty = true;
        }
        if (headDirty) {
            execute("UPDATE " + t.head + " SET next_sequence = ?, last_hash = ?, last_change = ?, checkpoints = ? "
                    + "WHERE id = 1", ps -> {
                        ps.setLong(1, head.nextSequence);
                        ps.setString(2, head.lastHash);
                        ps.setLong(3, head.lastChange);
                        ps.setLong(4, head.checkpoints);
                    });
        }
    }

    // Helpers

    private static void requireFirstVersion(String entity, long version) {
        if (version != 1) {
            throw new ValidationException(entity + ".version", "must be 1 on insert");
        }
    }

    private <T> Optional<T> find(Entity<T> entity, String id) {
        String key = entity.key(id);
        Pending<?> p = pending.get(key);
        Object known = p != null ? p.value : rows.get(key);
        if (known != null) {
            return Optional.of(entity.type.cast(known));
        }
        Optional<T> found = select("SELECT " + entity.columns + " FROM " + entity.table + " WHERE id = ?",
                ps -> ps.setString(1, id), rs -> rs.next() ? Optional.of(entity.reader.read(rs)) : Optional.empty());
        found.ifPresent(v -> rows.put(key, v));
        return found;
    }

    private <T> void insert(Entity<T> entity, T value) {
        requireFirstVersion(entity.name, entity.version.applyAsLong(value));
        String id = entity.id.apply(value);
        String key = entity.key(id);
        if (pending.containsKey(key) || rows.containsKey(key)) {
            throw new ConflictException(entity.name + " " + id + " already exists");
        }
        pending.put(key, new Pending<>(entity, value, true, 0));
        changed(entity, id, entity.version.applyAsLong(value));
    }

    /** Checked now against the row this unit knows (or reads); written at the next flush. */
    private <T> void update(Entity<T> entity, T value) {
        String id = entity.id.apply(value);
        @SuppressWarnings("unchecked")
        Pending<T> p = (Pending<T>) pending.get(entity.key(id));
        T row = find(entity, id).orElseThrow(() -> new NotFoundException(entity.name, id));
        long known = entity.version.applyAsLong(row);
        long version = entity.version.applyAsLong(value);
        if (version != known + 1) {
            throw new ConflictException(entity.name + " " + id + " is at version " + known
                    + "; this change was based on version " + (version - 1));
        }
        T written = entity.type.usage().map(u -> u.keepStored(value, row)).orElse(value);
        if (p != null) {
            p.value = written;
        } else {
            pending.put(entity.key(id), new Pending<>(entity, written, false, known));
        }
        changed(entity, id, version);
    }

    /** Review cycles and items stay out of the change sequence: no instance caches them. */
    private void changed(Entity<?> entity, String id, long version) {
        if (entity.kind != null) {
            changes.put(entity.key(id), new StoreChange(0, entity.kind, id, version));
        }
    }

    private Long storedVersion(String table, String id) {
        return select("SELECT version FROM " + table + " WHERE id = ?", ps -> ps.setString(1, id),
                rs -> rs.next() ? rs.getLong(1) : null);
    }

    /**
     * Writes what this unit has buffered: new rows in one batch per table, then each update,
     * versioned against the version the unit based it on. Runs before any query and at commit.
     */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending<?>> writes = new ArrayList<>(pending.values());
        pending.clear();
        for (Entity<?> entity : List.of(identities, grants, credentials, reviewCycles, reviewItems)) {
            insertAll(entity, writes);
        }
        for (Pending<?> p : writes) {
            if (!p.insert) {
                updateOne(p);
            }
        }
        for (Pending<?> p : writes) {
            rows.put(p.entity.key(p.id()), p.value);
        }
    }

    private <T> void insertAll(Entity<T> entity, List<Pending<?>> writes) {
        List<T> rows = new ArrayList<>();
        for (Pending<?> p : writes) {
            if (p.insert && p.entity == entity) {
                rows.add(entity.type.cast(p.value));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(entity.insertSql)) {
            for (T row : rows) {
                entity.insertBinder.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            if (SqlFailures.isUniqueViolation(e)) {
                throw new ConflictException(rows.size() == 1
                        ? entity.name + " " + entity.id.apply(rows.get(0)) + " already exists"
                        : "one of " + rows.size() + " new " + entity.name + " records already exists (first: "
                                + entity.id.apply(rows.get(0)) + ")");
            }
            throw failure(e);
        } catch (RuntimeException | Error e) {
            throw failure(e);
        }
    }

    private <T> void updateOne(Pending<T> p) {
        Entity<T> entity = p.entity;
        int rows;
        try (PreparedStatement ps = connection.prepareStatement(entity.updateSql)) {
            int next = entity.updateBinder.bind(ps, p.value);
            ps.setLong(next, p.basedOn);
            rows = ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlFailures.isUniqueViolation(e)) {
                throw new ConflictException(entity.name + " " + p.id() + " conflicts with a concurrent unit of work");
            }
            throw failure(e);
        } catch (RuntimeException | Error e) {
            throw failure(e);
        }
        if (rows == 0) {
            Long stored = storedVersion(entity.table, p.id());
            if (stored == null) {
                throw new NotFoundException(entity.name, p.id());
            }
            throw new ConflictException(entity.name + " " + p.id() + " is at version " + stored
                    + "; this change was based on version " + p.basedOn);
        }
    }

    private void execute(String sql, Binder binder) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException | RuntimeException | Error e) {
            throw failure(e);
        }
    }

    private <T> void batch(String sql, List<T> items, BatchBinder<T> binder) {
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
            throw failure(e);
        }
    }

    private <T> T select(String sql, Binder binder, Reader<T> reader) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException | RuntimeException | Error e) {
            throw failure(e);
        }
    }

    /** A page in id order: one row more than the limit tells whether another page follows. */
    private <T> Page<T> page(String table, String columns, Where where, Optional<String> cursor, int limit,
            Reader<T> row) {
        flush();
        cursor.ifPresent(c -> where.add("id > ?", c));
        String sql = "SELECT " + columns + ", id FROM " + table + where.sql() + " ORDER BY id LIMIT ?";
        return select(sql, ps -> {
            int next = where.bind(ps);
            ps.setInt(next, limit + 1);
        }, rs -> {
            List<T> items = new ArrayList<>(Math.min(limit, 64));
            String lastId = null;
            while (rs.next()) {
                if (items.size() == limit) {
                    return new Page<>(items, Optional.of(lastId));
                }
                items.add(row.read(rs));
                lastId = rs.getString("id");
            }
            return new Page<>(items, Optional.empty());
        });
    }

    /** A driver failure of any kind fails the unit typed; a Steward exception from decoding passes. */
    private RuntimeException failure(Throwable e) {
        return e instanceof SQLException sql ? JdbcStore.failure(storeName, sql)
                : PluginFailures.unavailable(storeName, "the database driver failed; the unit of work was rolled back", e);
    }

    /**
     * How one entity maps to its table: the indexed columns a binder fills first, then {@code doc},
     * {@code version} and {@code id}; inserts may add columns after those.
     */
    private static final class Entity<T> {
        final EntityType<T> type;
        final String name;
        final StoreChange.Kind kind;
        final String table;
        final String columns;
        final Function<T, String> id;
        final ToLongFunction<T> version;
        final String insertSql;
        final String updateSql;
        final RowBinder<T> insertBinder;
        final RowBinder<T> updateBinder;
        final Reader<T> reader;

        Entity(EntityType<T> type, String table, String columns, Function<T, String> id, ToLongFunction<T> version,
                List<String> indexed, List<String> insertOnly, RowBinder<T> insertBinder, RowBinder<T> updateBinder,
                Reader<T> reader) {
            this.type = type;
            this.name = type.name();
            this.kind = type.changeKind().orElse(null);
            this.table = table;
            this.columns = columns;
            this.id = id;
            this.version = version;
            List<String> inserted = new ArrayList<>(indexed);
            inserted.addAll(List.of("doc", "version", "id"));
            inserted.addAll(insertOnly);
            this.insertSql = "INSERT INTO " + table + " (" + String.join(", ", inserted) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(inserted.size(), "?")) + ")";
            List<String> set = new ArrayList<>();
            indexed.forEach(c -> set.add(c + " = ?"));
            set.addAll(List.of("doc = ?", "version = ?"));
            this.updateSql = "UPDATE " + table + " SET " + String.join(", ", set) + " WHERE id = ? AND version = ?";
            this.insertBinder = insertBinder;
            this.updateBinder = updateBinder;
            this.reader = reader;
        }

        String key(String id) {
            return name + ':' + id;
        }
    }

    /** A buffered insert or update; an update of a row this unit inserted stays an insert. */
    private static final class Pending<T> {
        final Entity<T> entity;
        final boolean insert;
        /** For an update: the stored version it was based on. */
        final long basedOn;
        T value;

        Pending(Entity<T> entity, T value, boolean insert, long basedOn) {
            this.entity = entity;
            this.value = value;
            this.insert = insert;
            this.basedOn = basedOn;
        }

        String id() {
            return entity.id.apply(value);
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

    /** A conjunction of conditions with their parameters. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        <E> void add(Criterion<E> c) {
            String column = c.field().name();
            Object value = c.value() instanceof Instant t ? Nanos.of(t) : c.value();
            switch (c.op()) {
                case EQUALS -> add(column + " = ?", value);
                case BEFORE -> add(column + " < ?", value);
                default -> add("(" + column + " IS NULL OR " + column + " < ?)", value);
            }
        }

        void add(String condition, Object value) {
            conditions.add(condition);
            values.add(value);
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        int bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v instanceof Boolean b) {
                    ps.setBoolean(i + 1, b);
                } else if (v instanceof java.math.BigDecimal d) {
                    ps.setBigDecimal(i + 1, d);
                } else if (v instanceof Long n) {
                    ps.setLong(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) v);
                }
            }
            return values.size() + 1;
        }
    }

    @FunctionalInterface
    private interface RowBinder<T> {
        /** @return the index of the next parameter */
        int bind(PreparedStatement ps, T row) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface BatchBinder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
