package dev.steward.memory;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialQuery;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityQuery;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemQuery;
import dev.steward.spi.AuditHead;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * and applied at commit), updates are version-checked, and the change sequence is kept.
 *
 * <p>Thread-safe: units of work run one at a time under one lock, so they are serializable.
 */
public final class InMemoryStore implements GovernanceStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, Identity> identities = new TreeMap<>();
    private final TreeMap<String, Grant> grants = new TreeMap<>();
    private final TreeMap<String, Credential> credentials = new TreeMap<>();
    private final TreeMap<String, ReviewCycle> reviewCycles = new TreeMap<>();
    private final TreeMap<String, ReviewItem> reviewItems = new TreeMap<>();
    /** The same items by cycle, so that a cycle's pages cost no scan of other cycles' items. */
    private final Map<String, TreeMap<String, ReviewItem>> reviewItemsByCycle = new HashMap<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private final List<AuditCheckpoint> checkpoints = new ArrayList<>();
    private final List<StoreChange> changes = new ArrayList<>();
    /** Predecessor id to successor id: a credential has at most one successor. */
    private final Map<String, String> successors = new HashMap<>();

    private InMemoryStore() {
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

    private final class Tx implements StoreTransaction {
        private final Map<String, Identity> identityWrites = new LinkedHashMap<>();
        private final Map<String, Grant> grantWrites = new LinkedHashMap<>();
        private final Map<String, Credential> credentialWrites = new LinkedHashMap<>();
        private final Map<String, String> successorWrites = new HashMap<>();
        private final Map<String, ReviewCycle> cycleWrites = new LinkedHashMap<>();
        private final TreeMap<String, ReviewItem> itemWrites = new TreeMap<>();
        private final List<AuditEvent> auditWrites = new ArrayList<>();
        private final List<AuditCheckpoint> checkpointWrites = new ArrayList<>();
        /** Credentials inserted or updated by this unit; usage alone is not a change. */
        private final Set<String> changedCredentials = new HashSet<>();
        /** Grants inserted or updated by this unit; usage alone is not a change. */
        private final Set<String> changedGrants = new HashSet<>();
        private boolean headLocked;

        @Override
        public Optional<Identity> findIdentity(IdentityId id) {
            return Optional.ofNullable(read(identityWrites, identities, id.value()));
        }

        @Override
        public void insertIdentity(Identity identity) {
            insert("identity", identityWrites, identities, identity.id().value(), identity, identity.version());
        }

        @Override
        public void updateIdentity(Identity identity) {
            Identity stored = read(identityWrites, identities, identity.id().value());
            update("identity", identityWrites, identity.id().value(), identity, identity.version(),
                    stored == null ? null : stored.version());
        }

        @Override
        public Page<Identity> queryIdentities(IdentityQuery query) {
            return page(identities, identityWrites, query.cursor(), query.limit(), query::matches);
        }

        @Override
        public Optional<Grant> findGrant(GrantId id) {
            return Optional.ofNullable(read(grantWrites, grants, id.value()));
        }

        @Override
        public void insertGrant(Grant grant) {
            insert("grant", grantWrites, grants, grant.id().value(), grant, grant.version());
            changedGrants.add(grant.id().value());
        }

        @Override
        public void updateGrant(Grant grant) {
            Grant stored = read(grantWrites, grants, grant.id().value());
            update("grant", grantWrites, grant.id().value(), stored == null ? grant : grant.withUsageOf(stored),
                    grant.version(), stored == null ? null : stored.version());
            changedGrants.add(grant.id().value());
        }

        @Override
        public void recordGrantUsage(GrantId id, Instant lastUsedAt, long uses) {
            Grant stored = read(grantWrites, grants, id.value());
            if (stored != null) {
                grantWrites.put(id.value(), stored.withUsage(lastUsedAt, uses));
            }
        }

        @Override
        public Optional<ReviewCycle> findReviewCycle(ReviewCycleId id) {
            return Optional.ofNullable(read(cycleWrites, reviewCycles, id.value()));
        }

        @Override
        public void insertReviewCycle(ReviewCycle cycle) {
            insert("review cycle", cycleWrites, reviewCycles, cycle.id().value(), cycle, cycle.version());
        }

        @Override
        public void updateReviewCycle(ReviewCycle cycle) {
            ReviewCycle stored = read(cycleWrites, reviewCycles, cycle.id().value());
            update("review cycle", cycleWrites, cycle.id().value(), cycle, cycle.version(),
                    stored == null ? null : stored.version());
        }

        @Override
        public Page<ReviewCycle> queryReviewCycles(ReviewCycleQuery query) {
            return page(reviewCycles, cycleWrites, query.cursor(), query.limit(), query::matches);
        }

        @Override
        public Optional<ReviewItem> findReviewItem(ReviewItemId id) {
            return Optional.ofNullable(read(itemWrites, reviewItems, id.value()));
        }

        @Override
        public void insertReviewItems(List<ReviewItem> items) {
            for (ReviewItem item : items) {
                insert("review item", itemWrites, reviewItems, item.id().value(), item, item.version());
            }
        }

        @Override
        public void updateReviewItem(ReviewItem item) {
            ReviewItem stored = read(itemWrites, reviewItems, item.id().value());
            update("review item", itemWrites, item.id().value(), item, item.version(),
                    stored == null ? null : stored.version());
        }

        @Override
        public Page<ReviewItem> queryReviewItems(ReviewItemQuery query) {
            NavigableMap<String, ReviewItem> committed = reviewItems;
            if (query.cycle().isPresent()) {
                NavigableMap<String, ReviewItem> ofCycle = reviewItemsByCycle.get(query.cycle().get().value());
                committed = ofCycle != null ? ofCycle : EMPTY_ITEMS;
            }
            return lazyPage(committed, itemWrites, query.cursor(), query.limit(), query::matches);
        }

        @Override
        public Page<Grant> queryGrants(GrantQuery query) {
            return page(grants, grantWrites, query.cursor(), query.limit(), query::matches);
        }

        @Override
        public Optional<Credential> findCredential(CredentialId id) {
            return Optional.ofNullable(read(credentialWrites, credentials, id.value()));
        }

        @Override
        public void insertCredential(Credential credential) {
            if (credential.predecessor().isPresent()) {
                String predecessor = credential.predecessor().get().value();
                if (successors.containsKey(predecessor) || successorWrites.containsKey(predecessor)) {
                    throw new ConflictException("credential " + predecessor + " already has a successor");
                }
                successorWrites.put(predecessor, credential.id().value());
            }
            insert("credential", credentialWrites, credentials, credential.id().value(), credential,
                    credential.version());
            changedCredentials.add(credential.id().value());
        }

        @Override
        public void updateCredential(Credential credential) {
            Credential stored = read(credentialWrites, credentials, credential.id().value());
            update("credential", credentialWrites, credential.id().value(), stored == null ? credential
                    : credential.withUsageOf(stored), credential.version(), stored == null ? null : stored.version());
            changedCredentials.add(credential.id().value());
        }

        @Override
        public Page<Credential> queryCredentials(CredentialQuery query) {
            return page(credentials, credentialWrites, query.cursor(), query.limit(), query::matches);
        }

        @Override
        public void recordCredentialUsage(CredentialId id, Instant lastUsedAt, long uses) {
            Credential stored = read(credentialWrites, credentials, id.value());
            if (stored != null) {
                credentialWrites.put(id.value(), stored.withUsage(lastUsedAt, uses));
            }
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
            identityWrites.forEach((id, identity) -> {
                identities.put(id, identity);
                changes.add(new StoreChange(changes.size() + 1L, StoreChange.Kind.IDENTITY, id, identity.version()));
            });
            grantWrites.forEach((id, grant) -> {
                grants.put(id, grant);
                if (changedGrants.contains(id)) {
                    changes.add(new StoreChange(changes.size() + 1L, StoreChange.Kind.GRANT, id, grant.version()));
                }
            });
            credentialWrites.forEach((id, credential) -> {
                credentials.put(id, credential);
                if (changedCredentials.contains(id)) {
                    changes.add(new StoreChange(changes.size() + 1L, StoreChange.Kind.CREDENTIAL, id,
                            credential.version()));
                }
            });
            successors.putAll(successorWrites);
            reviewCycles.putAll(cycleWrites);
            itemWrites.forEach((id, item) -> {
                reviewItems.put(id, item);
                reviewItemsByCycle.computeIfAbsent(item.cycle().value(), c -> new TreeMap<>()).put(id, item);
            });
            audit.addAll(auditWrites);
            checkpoints.addAll(checkpointWrites);
        }
    }

    private static final NavigableMap<String, ReviewItem> EMPTY_ITEMS = Collections.emptyNavigableMap();

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

    private static <V> V read(Map<String, V> writes, Map<String, V> committed, String id) {
        V pending = writes.get(id);
        return pending != null ? pending : committed.get(id);
    }

    private static <V> void insert(String entity, Map<String, V> writes, Map<String, V> committed, String id,
            V value, long version) {
        if (version != 1) {
            throw new ValidationException(entity + ".version", "must be 1 on insert");
        }
        if (read(writes, committed, id) != null) {
            throw new ConflictException(entity + " " + id + " already exists");
        }
        writes.put(id, value);
    }

    private static <V> void update(String entity, Map<String, V> writes, String id, V value, long version,
            Long storedVersion) {
        if (storedVersion == null) {
            throw new NotFoundException(entity, id);
        }
        if (version != storedVersion + 1) {
            throw new ConflictException(entity + " " + id + " is at version " + storedVersion
                    + "; this change was based on version " + (version - 1));
        }
        writes.put(id, value);
    }

    /** A page over committed values and this unit's writes (few, so sorted on the spot), ordered by id. */
    private static <V> Page<V> page(NavigableMap<String, V> committed, Map<String, V> writes,
            Optional<String> cursor, int limit, Predicate<V> filter) {
        return lazyPage(committed, writes.isEmpty() ? Collections.emptyNavigableMap() : new TreeMap<>(writes), cursor,
                limit, filter);
    }
}
