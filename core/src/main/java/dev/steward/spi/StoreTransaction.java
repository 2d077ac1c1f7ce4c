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
    /** @param id an identity id @return the stored identity, if any */
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

    /** @param query filter and page @return identities ordered by id */
    Page<Identity> queryIdentities(IdentityQuery query);

    /** @param id a grant id @return the stored grant, if any */
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

    /** @param query filter and page @return grants ordered by id */
    Page<Grant> queryGrants(GrantQuery query);

    /** @param id a credential id @return the stored credential, if any */
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

    /** @param query filter and page @return credentials ordered by id */
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

    /** @param id a review cycle id @return the stored cycle, if any */
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

    /** @param query filter and page @return cycles ordered by id */
    Page<ReviewCycle> queryReviewCycles(ReviewCycleQuery query);

    /** @param id a review item id @return the stored item, if any */
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

    /** @param query filter and page @return items ordered by id */
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
