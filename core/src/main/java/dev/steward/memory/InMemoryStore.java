package dev.steward.memory;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.spi.AuditHead;
import dev.steward.spi.EntityField;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.EntityUsage;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A {@link GovernanceStore} in memory: for tests, and for hosts that do not need durability.
 * Honours the same contract as a database store: units of work are atomic (writes are buffered
 * and applied at commit), updates are version-checked, and the change sequence is kept. One
 * generic table serves every {@link EntityType}.
 *
 * <p>Thread-safe: units of work run one at a time under one lock, so they are serializable.
 */
public final class InMemoryStore implements GovernanceStore {
    /**
     * The field each type's rows are also kept by, so that a query on one value of it (a cycle's
     * items) costs no scan of the others; absent for types that need none.
     */
    private static final Map<EntityType<?>, EntityField<?>> GROUPED_BY =
            Map.of(EntityType.REVIEW_ITEM, EntityType.REVIEW_ITEM.field("cycle_id"));

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<EntityType<?>, Rows<?>> rows = new LinkedHashMap<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private final List<AuditCheckpoint> checkpoints = new ArrayList<>();
    private final List<StoreChange> changes = new ArrayList<>();

    private InMemoryStore() {
        for (EntityType<?> type : EntityType.all()) {
            rows.put(type, rows(type));
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> Rows<E> rows(EntityType<E> type) {
        return new Rows<>(type, (EntityField<E>) GROUPED_BY.get(type));
    }

    /** @return a new, empty store */
    public static InMemoryStore create() {
        return new InMemoryStore();
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        lock.lock();
        try {
            Tx tx = new Tx();
            T result = work.run(tx);
            tx.commit();
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoreChange> changesSince(long afterSequence, int max) {
        lock.lock();
        try {
            int from = (int) Math.max(0, Math.min(afterSequence, changes.size()));
            int to = (int) Math.min(changes.size(), (long) from + max);
            return List.copyOf(changes.subList(from, to));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long lastChangeSequence() {
        lock.lock();
        try {
            return changes.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public String name() {
        return "in-memory";
    }

    /** The committed rows of one type, by id, by grouping value, and by each unique field's value. */
    private static final class Rows<E> {
        final EntityType<E> type;
        final TreeMap<String, E> byId = new TreeMap<>();
        final EntityField<E> group;
        final Map<Object, TreeMap<String, E>> byGroup = new HashMap<>();
        final Map<EntityField<E>, Map<Object, String>> unique = new HashMap<>();

        Rows(EntityType<E> type, EntityField<E> group) {
            this.type = type;
            this.group = group;
            type.fields().stream().filter(EntityField::unique).forEach(f -> unique.put(f, new HashMap<>()));
        }

        void put(String id, E row) {
            E old = byId.put(id, row);
            if (group != null) {
                if (old != null) {
                    TreeMap<String, E> was = byGroup.get(group.value(old));
                    if (was != null) {
                        was.remove(id);
                    }
                }
                byGroup.computeIfAbsent(group.value(row), g -> new TreeMap<>()).put(id, row);
            }
            unique.forEach((field, holders) -> {
                if (old != null && field.value(old) != null) {
                    holders.remove(field.value(old), id);
                }
                if (field.value(row) != null) {
                    holders.put(field.value(row), id);
                }
            });
        }
    }

    private final class Tx implements StoreTransaction {
        private final Map<EntityType<?>, Table<?>> tables = new LinkedHashMap<>();
        private final List<AuditEvent> auditWrites = new ArrayList<>();
        private final List<AuditCheckpoint> checkpointWrites = new ArrayList<>();
        private boolean headLocked;

        @Override
        @SuppressWarnings("unchecked")
        public <E> EntityTable<E> table(EntityType<E> type) {
            return (Table<E>) tables.computeIfAbsent(type, t -> new Table<>((Rows<E>) rows.get(type)));
        }

        @Override
        public AuditHead lockAuditHead() {
            headLocked = true;
            long next = audit.size() + auditWrites.size();
            AuditEvent last = !auditWrites.isEmpty() ? auditWrites.get(auditWrites.size() - 1)
                    : audit.isEmpty() ? null : audit.get(audit.size() - 1);
            return new AuditHead(next, last == null ? AuditHead.GENESIS_HASH : last.hash());
        }

        @Override
        public void appendAudit(List<AuditEvent> events) {
            if (!headLocked) {
                throw new IllegalStateException("lockAuditHead() must be called before appendAudit()");
            }
            AuditHead head = lockAuditHead();
            long expected = head.nextSequence();
            String previous = head.lastHash();
            for (AuditEvent e : events) {
                if (e.sequence() != expected || !e.previousHash().equals(previous)) {
                    throw new ConflictException("audit event " + e.id() + " does not continue the chain at "
                            + expected);
                }
                expected++;
                previous = e.hash();
                auditWrites.add(e);
            }
        }

        @Override
        public void appendCheckpoint(AuditCheckpoint checkpoint) {
            checkpointWrites.add(checkpoint);
        }

        @Override
        public List<AuditEvent> readAudit(long fromSequence, int limit) {
            int total = audit.size() + auditWrites.size();
            int from = (int) Math.max(0, Math.min(fromSequence, total));
            int to = (int) Math.min(total, (long) from + Math.max(0, limit));
            List<AuditEvent> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                out.add(i < audit.size() ? audit.get(i) : auditWrites.get(i - audit.size()));
            }
            return out;
        }

        @Override
        public List<AuditCheckpoint> checkpoints() {
            List<AuditCheckpoint> all = new ArrayList<>(checkpoints);
            all.addAll(checkpointWrites);
            return Collections.unmodifiableList(all);
        }

        void commit() {
            for (EntityType<?> type : EntityType.all()) {
                Table<?> table = tables.get(type);
                if (table != null) {
                    table.commit();
                }
            }
            audit.addAll(auditWrites);
            checkpoints.addAll(checkpointWrites);
        }
    }

    /** One type's rows as a unit sees them: the committed rows under the unit's own writes. */
    private final class Table<E> implements EntityTable<E> {
        private final Rows<E> committed;
        private final EntityType<E> type;
        private final TreeMap<String, E> writes = new TreeMap<>();
        /** Ids inserted or updated by this unit, in order; usage alone is not a change. */
        private final Set<String> changed = new LinkedHashSet<>();
        /** Unique values this unit's writes hold, by field. */
        private final Map<EntityField<E>, Map<Object, String>> claimed = new HashMap<>();

        Table(Rows<E> committed) {
            this.committed = committed;
            this.type = committed.type;
        }

        @Override
        public Optional<E> find(String id) {
            return Optional.ofNullable(read(id));
        }

        @Override
        public void insert(E entity) {
            String id = type.id(entity);
            if (type.version(entity) != 1) {
                throw new ValidationException(type.name() + ".version", "must be 1 on insert");
            }
            if (read(id) != null) {
                throw new ConflictException(type.name() + " " + id + " already exists");
            }
            write(id, entity);
        }

        @Override
        public void update(E entity) {
            String id = type.id(entity);
            E stored = read(id);
            if (stored == null) {
                throw new NotFoundException(type.name(), id);
            }
            long version = type.version(entity);
            if (version != type.version(stored) + 1) {
                throw new ConflictException(type.name() + " " + id + " is at version " + type.version(stored)
                        + "; this change was based on version " + (version - 1));
            }
            write(id, type.usage().map(u -> u.keepStored(entity, stored)).orElse(entity));
        }

        @Override
        public Page<E> query(EntityQuery<E> query) {
            NavigableMap<String, E> rows = committed.byId;
            if (committed.group != null) {
                Optional<Object> group = query.equalsValue(committed.group);
                if (group.isPresent()) {
                    NavigableMap<String, E> ofGroup = committed.byGroup.get(group.get());
                    rows = ofGroup != null ? ofGroup : Collections.emptyNavigableMap();
                }
            }
            return lazyPage(rows, writes, query.cursor(), query.limit(), query::matches);
        }

        @Override
        public void recordUsage(String id, Instant lastUsedAt, long uses) {
            EntityUsage<E> usage = type.usage().orElseThrow(() -> new ValidationException(type.name(),
                    "has no usage telemetry"));
            E stored = read(id);
            if (stored != null) {
                writes.put(id, usage.record(stored, lastUsedAt, uses));
            }
        }

        private E read(String id) {
            E pending = writes.get(id);
            return pending != null ? pending : committed.byId.get(id);
        }

        /** Writes a new snapshot after checking that no other entity holds its unique values. */
        private void write(String id, E entity) {
            for (EntityField<E> field : committed.unique.keySet()) {
                Object value = field.value(entity);
                if (value != null) {
                    Map<Object, String> mine = claimed.computeIfAbsent(field, f -> new HashMap<>());
                    String holder = mine.containsKey(value) ? mine.get(value) : committed.unique.get(field).get(value);
                    if (holder != null && !holder.equals(id)) {
                        throw new ConflictException(type.name() + " " + field.name() + " " + value + " is taken by "
                                + holder);
                    }
                    mine.put(value, id);
                }
            }
            writes.put(id, entity);
            changed.add(id);
        }

        void commit() {
            writes.forEach(committed::put);
            type.changeKind().ifPresent(kind -> {
                for (String id : changed) {
                    changes.add(new StoreChange(changes.size() + 1L, kind, id, type.version(writes.get(id))));
                }
            });
        }
    }

    /**
     * A page over committed values and this unit's writes without copying either: both are walked
     * in id order at once, a write hiding the committed value of the same id, so that a unit that
     * has written a few entities does not copy a million committed ones to read a page.
     */
    private static <V> Page<V> lazyPage(NavigableMap<String, V> committed, NavigableMap<String, V> writes,
            Optional<String> cursor, int limit, Predicate<V> filter) {
        Iterator<Map.Entry<String, V>> a = cursor.map(c -> committed.tailMap(c, false)).orElse(committed)
                .entrySet().iterator();
        Iterator<Map.Entry<String, V>> b = cursor.map(c -> writes.tailMap(c, false)).orElse(writes)
                .entrySet().iterator();
        Map.Entry<String, V> x = a.hasNext() ? a.next() : null;
        Map.Entry<String, V> y = b.hasNext() ? b.next() : null;
        List<V> items = new ArrayList<>(Math.min(limit, 64));
        String last = null;
        while (x != null || y != null) {
            int order = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
            Map.Entry<String, V> e = order < 0 ? x : y;
            if (order <= 0) {
                x = a.hasNext() ? a.next() : null;
            }
            if (order >= 0) {
                y = b.hasNext() ? b.next() : null;
            }
            if (filter.test(e.getValue())) {
                if (items.size() == limit) {
                    return new Page<>(items, Optional.of(last));
                }
                items.add(e.getValue());
                last = e.getKey();
            }
        }
        return new Page<>(items, Optional.empty());
    }
}
