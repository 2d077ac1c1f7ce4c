package dev.steward.springai;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.AuditHead;
import dev.steward.spi.EntityTable;
import dev.steward.spi.EntityType;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.util.List;

/** The in-memory store, whose audit appends fail while {@link #failing} is set. */
final class AuditOutageStore implements GovernanceStore {
    private final GovernanceStore delegate = InMemoryStore.create();
    volatile boolean failing;

    @Override
    public <T> T transact(UnitOfWork<T> work) {
        return delegate.transact(tx -> work.run(new StoreTransaction() {
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
                if (failing) {
                    throw new IllegalStateException("audit volume full");
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
        }));
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
        return false;
    }
}
