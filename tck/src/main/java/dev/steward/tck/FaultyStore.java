package dev.steward.tck;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.spi.AuditHead;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.util.List;
import java.util.Objects;

/**
 * A store that passes everything to another until a test tells it to fail, for testing how a host
 * or an adapter behaves in an outage: every unit of work failing, as a lost database would, or
 * only the audit appends, as a full audit volume would. A failure is an
 * {@link IllegalStateException}, which Steward reports as a store failure of its own type.
 *
 * <pre>{@code
 * FaultyStore store = FaultyStore.wrap(InMemoryStore.create());
 * Steward steward = Steward.builder().store(store).build();
 * store.failUnits(true);   // the next unit of work fails
 * }</pre>
 *
 * <p>Thread-safe: the switches may be flipped while other threads use the store.
 */
public final class FaultyStore implements GovernanceStore {
    private final GovernanceStore delegate;
    private volatile boolean failUnits;
    private volatile boolean failAuditAppends;

    private FaultyStore(GovernanceStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * @param delegate the store that does the work while nothing fails
     * @return a store that fails on demand
     */
    public static FaultyStore wrap(GovernanceStore delegate) {
        return new FaultyStore(delegate);
    }

    /** @param fail whether every unit of work fails from now on, before it reaches the delegate */
    public void failUnits(boolean fail) {
        this.failUnits = fail;
    }

    /** @param fail whether every append of audit events fails from now on; other writes go through */
    public void failAuditAppends(boolean fail) {
        this.failAuditAppends = fail;
    }

    @Override
    public String name() {
        return "faulty " + delegate.name();
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        if (failUnits) {
            throw new IllegalStateException("the store is unreachable (a fault injected by the test)");
        }
        return delegate.transact(tx -> work.run(new Transaction(tx)));
    }

    @Override
    public List<StoreChange> changesSince(long afterSequence, int max) {
        return delegate.changesSince(afterSequence, max);
    }

    @Override
    public long lastChangeSequence() {
        return delegate.lastChangeSequence();
    }

    @Override
    public boolean isDurable() {
        return delegate.isDurable();
    }

    /** The delegate's transaction, its audit appends failing while asked to. */
    private final class Transaction implements StoreTransaction {
        private final StoreTransaction tx;

        Transaction(StoreTransaction tx) {
            this.tx = tx;
        }

        @Override
        public <E> EntityTable<E> table(EntityType<E> type) {
            return tx.table(type);
        }

        @Override
        public AuditHead lockAuditHead() {
            return tx.lockAuditHead();
        }

        @Override
        public void appendAudit(List<AuditEvent> events) {
            if (failAuditAppends) {
                throw new IllegalStateException("the audit volume is full (a fault injected by the test)");
            }
            tx.appendAudit(events);
        }

        @Override
        public void appendCheckpoint(AuditCheckpoint checkpoint) {
            tx.appendCheckpoint(checkpoint);
        }

        @Override
        public List<AuditEvent> readAudit(long fromSequence, int limit) {
            return tx.readAudit(fromSequence, limit);
        }

        @Override
        public List<AuditCheckpoint> checkpoints() {
            return tx.checkpoints();
        }
    }
}
