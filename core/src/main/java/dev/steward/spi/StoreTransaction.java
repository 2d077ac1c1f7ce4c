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
