package dev.steward.spi;

import java.util.List;

/**
 * Durable home of identities, grants, credentials, access reviews and the audit log. A backend
 * implements this and proves it with the TCK's {@code GovernanceStoreCompatibilityKit}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #transact(UnitOfWork)} runs the work as one atomic unit: every write it made, audit
 *       events included, is committed if the work returns, and none is if it throws. The work's
 *       exception reaches the caller unchanged (a {@link dev.steward.StewardException} as such;
 *       a backend failure as {@link dev.steward.BackendUnavailableException}).</li>
 *   <li>Updates are optimistic: an update whose {@code version} is not the stored version plus
 *       one throws {@link dev.steward.ConflictException}; so does inserting an existing id.</li>
 *   <li>The audit chain is linear: between {@link StoreTransaction#lockAuditHead()} and commit no
 *       other unit of work may append, so sequences are dense and each event links to the one
 *       before.</li>
 *   <li>Every committed insert or update of an identity, grant or credential gets a place in the
 *       change sequence ({@link #changesSince(long, int)}), which other instances follow to
 *       refresh; recorded credential and grant usage does not, and neither do review cycles and
 *       items: no instance caches them, and a cycle's items would flood the sequence.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface GovernanceStore {
    /**
     * Runs a unit of work in one transaction.
     *
     * @param work the work
     * @param <T> its result
     * @return the work's result, after commit
     */
    <T> T transact(UnitOfWork<T> work);

    /**
     * @param afterSequence the last change already seen; 0 for all
     * @param max the most changes to return
     * @return committed changes with a sequence greater than {@code afterSequence}, in order
     */
    List<StoreChange> changesSince(long afterSequence, int max);

    /** @return the sequence of the last committed change, 0 if none */
    long lastChangeSequence();

    /** @return whether committed data survives a restart of the process */
    boolean isDurable();

    /** @return a short name for messages, e.g. {@code in-memory} or {@code jdbc(postgresql)} */
    default String name() {
        return getClass().getSimpleName();
    }
}
