package dev.steward.internal;

import dev.steward.NotFoundException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.audit.AuditWriter;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewItem;
import dev.steward.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One unit of work in progress: writes go to the store's transaction, and each write records the
 * audit event that must commit with it. Not thread-safe; lives for one unit of work.
 */
public final class Changes {
    private final StoreTransaction tx;
    private final Actor actor;
    private final Instant now;
    private final AuditWriter audit;
    private final List<AuditEvent> events = new ArrayList<>();
    private final Map<IdentityId, Identity> identities = new LinkedHashMap<>();
    private final Map<GrantId, Grant> grants = new LinkedHashMap<>();
    private final Map<CredentialId, Credential> credentials = new LinkedHashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    Changes(StoreTransaction tx, Actor actor, Instant now, AuditWriter audit) {
        this.tx = tx;
        this.actor = actor;
        this.now = now;
        this.audit = audit;
    }

    /** @return the open transaction, for reads */
    public StoreTransaction tx() {
        return tx;
    }

    /** @return who makes the change */
    public Actor actor() {
        return actor;
    }

    /** @return the instant of the change, from the configured clock */
    public Instant now() {
        return now;
    }

    /**
     * {@return the identity with this id, as this unit of work sees it}
     *
     * @param id an identity id
     * @throws NotFoundException if no identity has this id
     */
    public Identity identity(IdentityId id) {
        return tx.findIdentity(id).orElseThrow(() -> new NotFoundException("identity", id.value()));
    }

    /**
     * {@return the grant with this id, as this unit of work sees it}
     *
     * @param id a grant id
     * @throws NotFoundException if no grant has this id
     */
    public Grant grant(GrantId id) {
        return tx.findGrant(id).orElseThrow(() -> new NotFoundException("grant", id.value()));
    }

    /**
     * Inserts a new identity and records its event.
     *
     * @param identity the identity
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId insert(Identity identity, AuditAction action, String reason, Map<String, String> details) {
        tx.insertIdentity(identity);
        identities.put(identity.id(), identity);
        return event(action, "identity", identity.id().value(), reason, details);
    }

    /**
     * Updates an identity and records its event.
     *
     * @param identity the new snapshot
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId update(Identity identity, AuditAction action, String reason, Map<String, String> details) {
        tx.updateIdentity(identity);
        identities.put(identity.id(), identity);
        return event(action, "identity", identity.id().value(), reason, details);
    }

    /**
     * Inserts a new grant and records its event.
     *
     * @param grant the grant
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId insert(Grant grant, AuditAction action, String reason, Map<String, String> details) {
        tx.insertGrant(grant);
        grants.put(grant.id(), grant);
        return event(action, "grant", grant.id().value(), reason, details);
    }

    /**
     * Updates a grant and records its event.
     *
     * @param grant the new snapshot
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId update(Grant grant, AuditAction action, String reason, Map<String, String> details) {
        tx.updateGrant(grant);
        grants.put(grant.id(), grant);
        return event(action, "grant", grant.id().value(), reason, details);
    }

    /**
     * {@return the credential with this id, as this unit of work sees it}
     *
     * @param id a credential id
     * @throws NotFoundException if no credential has this id
     */
    public Credential credential(CredentialId id) {
        return tx.findCredential(id).orElseThrow(() -> new NotFoundException("credential", id.value()));
    }

    /**
     * Inserts a new credential and records its event.
     *
     * @param credential the credential
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId insert(Credential credential, AuditAction action, String reason, Map<String, String> details) {
        tx.insertCredential(credential);
        credentials.put(credential.id(), credential);
        return event(action, "credential", credential.id().value(), reason, details);
    }

    /**
     * Updates a credential and records its event.
     *
     * @param credential the new snapshot
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId update(Credential credential, AuditAction action, String reason, Map<String, String> details) {
        tx.updateCredential(credential);
        credentials.put(credential.id(), credential);
        return event(action, "credential", credential.id().value(), reason, details);
    }

    /**
     * Inserts a new review cycle and records its event.
     *
     * @param cycle the cycle
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId insert(ReviewCycle cycle, AuditAction action, String reason, Map<String, String> details) {
        tx.insertReviewCycle(cycle);
        return event(action, "review-cycle", cycle.id().value(), reason, details);
    }

    /**
     * Updates a review cycle and records its event.
     *
     * @param cycle the new snapshot
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId update(ReviewCycle cycle, AuditAction action, String reason, Map<String, String> details) {
        tx.updateReviewCycle(cycle);
        return event(action, "review-cycle", cycle.id().value(), reason, details);
    }

    /**
     * Inserts a cycle's snapshotted items as one batch; the cycle's own event (written with
     * {@link #insert(ReviewCycle, AuditAction, String, Map)}) records them.
     *
     * @param items the items
     */
    public void insertItems(List<ReviewItem> items) {
        tx.insertReviewItems(items);
    }

    /**
     * Updates a review item and records its event.
     *
     * @param item the new snapshot
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId update(ReviewItem item, AuditAction action, String reason, Map<String, String> details) {
        tx.updateReviewItem(item);
        return event(action, "review-item", item.id().value(), reason, details);
    }

    /**
     * Runs a side effect (a notification) once this unit of work has committed, and never if it
     * rolls back; a failing side effect is logged and does not undo the commit.
     *
     * @param effect the side effect
     */
    public void afterCommit(Runnable effect) {
        afterCommit.add(effect);
    }

    /**
     * Records an event about an entity that this unit of work does not change.
     *
     * @param action the event's action
     * @param targetType the kind of entity
     * @param targetId its id
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId note(AuditAction action, String targetType, String targetId, String reason,
            Map<String, String> details) {
        return event(action, targetType, targetId, reason, details);
    }

    /**
     * Records an event that goes with no entity write (e.g. a decision made inside the unit).
     *
     * @param event the draft event
     */
    public void record(AuditEvent event) {
        events.add(event);
    }

    private AuditEventId event(AuditAction action, String targetType, String targetId, String reason,
            Map<String, String> details) {
        AuditEventId id = audit.nextId();
        events.add(new AuditEvent(0, id, now, action, AuditOutcome.SUCCESS, actor.id(), List.of(), targetType,
                targetId, reason, Optional.empty(), details, "", ""));
        return id;
    }

    List<Runnable> afterCommitEffects() {
        return afterCommit;
    }

    List<AuditEvent> events() {
        return events;
    }

    Iterable<Identity> identities() {
        return identities.values();
    }

    Iterable<Grant> grants() {
        return grants.values();
    }

    Iterable<Credential> credentials() {
        return credentials.values();
    }
}
