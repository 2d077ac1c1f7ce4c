package dev.steward.spi;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import java.util.List;

/**
 * The operations available inside a {@link UnitOfWork}: one {@link EntityTable} per entity type,
 * and the audit log. Reads see this transaction's own writes. Not thread-safe; valid only during
 * the unit of work.
 */
public interface StoreTransaction {
    /**
     * {@return the entities of one type, as this transaction sees them}
     *
     * @param type the entity type
     * @param <E> the entity
     */
    <E> EntityTable<E> table(EntityType<E> type);

    /**
     * Locks the end of the audit chain until this transaction ends, so that no other unit of
     * work appends in between.
     *
     * @return the chain's end
     */
    AuditHead lockAuditHead();

    /**
     * Appends sealed events; they must continue the chain from the locked head.
     *
     * @param events the events, in sequence order
     */
    void appendAudit(List<AuditEvent> events);

    /** @param checkpoint a signed checkpoint to keep */
    void appendCheckpoint(AuditCheckpoint checkpoint);

    /**
     * @param fromSequence the first sequence to read
     * @param limit the most events to return
     * @return events in sequence order
     */
    List<AuditEvent> readAudit(long fromSequence, int limit);

    /** @return every checkpoint, in sequence order */
    List<AuditCheckpoint> checkpoints();
}
