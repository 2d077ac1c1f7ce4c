package dev.steward.spi;

import dev.steward.Page;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operations available inside a {@link UnitOfWork}. Reads see this transaction's own writes.
 * Not thread-safe; valid only during the unit of work.
 */
public interface StoreTransaction {
    /**
     * {@return the stored identity with this id, as this transaction sees it, if any}
     *
     * @param id an identity id
     */
    Optional<Identity> findIdentity(IdentityId id);

    /**
     * @param identity a new identity, version 1
     * @throws dev.steward.ConflictException if the id exists
     */
    void insertIdentity(Identity identity);

    /**
     * @param identity the new snapshot; its version is the stored version plus one
     * @throws dev.steward.ConflictException if the stored version differs
     * @throws dev.steward.NotFoundException if it does not exist
     */
    void updateIdentity(Identity identity);

    /**
     * {@return one page of the identities the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<Identity> queryIdentities(IdentityQuery query);

    /**
     * {@return the stored grant with this id, as this transaction sees it, if any}
     *
     * @param id a grant id
     */
    Optional<Grant> findGrant(GrantId id);

    /**
     * @param grant a new grant, version 1
     * @throws dev.steward.ConflictException if the id exists
     */
    void insertGrant(Grant grant);

    /**
     * @param grant the new snapshot; its version is the stored version plus one
     * @throws dev.steward.ConflictException if the stored version differs
     * @throws dev.steward.NotFoundException if it does not exist
     */
    void updateGrant(Grant grant);

    /**
     * {@return one page of the grants the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<Grant> queryGrants(GrantQuery query);

    /**
     * {@return the stored credential with this id, as this transaction sees it, if any}
     *
     * @param id a credential id
     */
    Optional<Credential> findCredential(CredentialId id);

    /**
     * @param credential a new credential, version 1
     * @throws dev.steward.ConflictException if the id exists
     */
    void insertCredential(Credential credential);

    /**
     * @param credential the new snapshot; its version is the stored version plus one. Its usage
     *     fields are ignored: usage is written only by {@link #recordCredentialUsage}
     * @throws dev.steward.ConflictException if the stored version differs
     * @throws dev.steward.NotFoundException if it does not exist
     */
    void updateCredential(Credential credential);

    /**
     * {@return one page of the credentials the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<Credential> queryCredentials(CredentialQuery query);

    /**
     * Adds usage telemetry to a credential without changing its version or the change sequence:
     * the last-used instant moves forward only, and the use count grows by {@code uses}. Usage is
     * telemetry, not a governance change, so it carries no audit event. Unknown ids are ignored.
     *
     * @param id the credential
     * @param lastUsedAt the latest use
     * @param uses uses to add
     */
    void recordCredentialUsage(CredentialId id, Instant lastUsedAt, long uses);

    /**
     * Adds usage telemetry to a grant, as {@link #recordCredentialUsage} does to a credential: no
     * version, no change sequence, no audit event; the last-used instant moves forward only, the use
     * count grows by {@code uses}, and {@link #updateGrant} keeps the stored usage. Unknown ids are
     * ignored.
     *
     * @param id the grant
     * @param lastUsedAt the latest use
     * @param uses uses to add
     */
    void recordGrantUsage(GrantId id, Instant lastUsedAt, long uses);

    /**
     * {@return the stored review cycle with this id, as this transaction sees it, if any}
     *
     * @param id a review cycle id
     */
    Optional<ReviewCycle> findReviewCycle(ReviewCycleId id);

    /**
     * @param cycle a new cycle, version 1
     * @throws dev.steward.ConflictException if the id exists
     */
    void insertReviewCycle(ReviewCycle cycle);

    /**
     * @param cycle the new snapshot; its version is the stored version plus one
     * @throws dev.steward.ConflictException if the stored version differs
     * @throws dev.steward.NotFoundException if it does not exist
     */
    void updateReviewCycle(ReviewCycle cycle);

    /**
     * {@return one page of the review cycles the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<ReviewCycle> queryReviewCycles(ReviewCycleQuery query);

    /**
     * {@return the stored review item with this id, as this transaction sees it, if any}
     *
     * @param id a review item id
     */
    Optional<ReviewItem> findReviewItem(ReviewItemId id);

    /**
     * Inserts many new items at once (a cycle over a million grants opens with a million items):
     * write them as a batch, not one round trip each.
     *
     * @param items new items, each version 1, with distinct ids
     * @throws dev.steward.ConflictException if an id exists or repeats
     */
    void insertReviewItems(List<ReviewItem> items);

    /**
     * @param item the new snapshot; its version is the stored version plus one. Two reviewers who
     *     decide the same item from the same version: one update wins, the other gets this exception
     * @throws dev.steward.ConflictException if the stored version differs
     * @throws dev.steward.NotFoundException if it does not exist
     */
    void updateReviewItem(ReviewItem item);

    /**
     * {@return one page of the review items the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<ReviewItem> queryReviewItems(ReviewItemQuery query);

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
