package dev.steward.identity;

import dev.steward.authz.EnforcementMode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One actor governed by Steward: a person, a service account, a workload or an AI agent. An
 * immutable snapshot; every change produces a new snapshot with a higher {@code version}.
 *
 * @param id the identity's id
 * @param kind what kind of actor it is
 * @param name a human-readable name, e.g. an email address or an agent's name
 * @param status where it is in its lifecycle
 * @param owner the accountable human; present for every non-human identity
 * @param environment where it acts, e.g. {@code prod}
 * @param attributes free-form attributes supplied by the host
 * @param parent the identity that started this one (an agent started by another agent)
 * @param purpose why it exists
 * @param createdBy who registered it
 * @param createdAt when it was registered
 * @param expiresAt when it ends; always present for agents
 * @param approval who approved it, if it has been approved
 * @param orphanedAt when its owner left without a successor; empty while it has a valid owner
 * @param enforcementMode how the tool-call guard treats its denied calls
 * @param statusReason the reason given for the last lifecycle change
 * @param updatedAt when it last changed
 * @param version the optimistic-concurrency version, starting at 1
 * @param reconfirmedAt when its owner last reconfirmed that it is still needed (agents, see
 *     {@code dev.steward.review.ReviewPolicy#reconfirmAgentsEvery}); empty if never
 */
public record Identity(
        IdentityId id,
        IdentityKind kind,
        String name,
        IdentityStatus status,
        Optional<IdentityId> owner,
        String environment,
        Map<String, String> attributes,
        Optional<IdentityId> parent,
        String purpose,
        IdentityId createdBy,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Approval> approval,
        Optional<Instant> orphanedAt,
        EnforcementMode enforcementMode,
        String statusReason,
        Instant updatedAt,
        long version,
        Optional<Instant> reconfirmedAt) {

    /**
     * Checks that required fields are present and copies the attributes.
     *
     * @param id the identity's id
     * @param kind what kind of actor it is
     * @param name a human-readable name, e.g. an email address or an agent's name
     * @param status where it is in its lifecycle
     * @param owner the accountable human; present for every non-human identity
     * @param environment where it acts, e.g. {@code prod}
     * @param attributes free-form attributes supplied by the host
     * @param parent the identity that started this one (an agent started by another agent)
     * @param purpose why it exists
     * @param createdBy who registered it
     * @param createdAt when it was registered
     * @param expiresAt when it ends; always present for agents
     * @param approval who approved it, if it has been approved
     * @param orphanedAt when its owner left without a successor; empty while it has a valid owner
     * @param enforcementMode how the tool-call guard treats its denied calls
     * @param statusReason the reason given for the last lifecycle change
     * @param updatedAt when it last changed
     * @param version the optimistic-concurrency version, starting at 1
     * @param reconfirmedAt when its owner last reconfirmed that it is still needed (agents, see
     *     {@code dev.steward.review.ReviewPolicy#reconfirmAgentsEvery}); empty if never
     */
    public Identity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(environment, "environment");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(orphanedAt, "orphanedAt");
        Objects.requireNonNull(enforcementMode, "enforcementMode");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(reconfirmedAt, "reconfirmedAt");
    }

    /** @return this identity as the actor of a change */
    public Actor asActor() {
        return new Actor(id);
    }

    /**
     * @param actor an actor
     * @return whether the actor is this identity
     */
    public boolean actorIs(Actor actor) {
        return actor.id().equals(id);
    }

    /**
     * @param now the instant to evaluate at
     * @return whether the identity's expiry has passed at {@code now}
     */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /** @return whether the identity's owner left without a successor */
    public boolean isOrphaned() {
        return orphanedAt.isPresent();
    }

    /**
     * @return a copy with the given status and reason, and the version advanced
     * @param newStatus the new status
     * @param reason why
     * @param at when
     */
    public Identity withStatus(IdentityStatus newStatus, String reason, Instant at) {
        return new Identity(id, kind, name, newStatus, owner, environment, attributes, parent, purpose,
                createdBy, createdAt, expiresAt, approval, orphanedAt, enforcementMode, reason, at,
                version + 1, reconfirmedAt);
    }

    /**
     * @return a copy approved by {@code by}, active, with the version advanced
     * @param by the approval
     */
    public Identity withApproval(Approval by) {
        return new Identity(id, kind, name, IdentityStatus.ACTIVE, owner, environment, attributes, parent,
                purpose, createdBy, createdAt, expiresAt, Optional.of(by), orphanedAt, enforcementMode,
                by.reference(), by.at(), version + 1, reconfirmedAt);
    }

    /**
     * @return a copy owned by {@code newOwner}, no longer orphaned, with the version advanced
     * @param newOwner the new accountable human
     * @param reason why ownership moved
     * @param at when
     */
    public Identity withOwner(IdentityId newOwner, String reason, Instant at) {
        return new Identity(id, kind, name, status, Optional.of(newOwner), environment, attributes, parent,
                purpose, createdBy, createdAt, expiresAt, approval, Optional.empty(), enforcementMode, reason, at,
                version + 1, reconfirmedAt);
    }

    /**
     * @return a copy flagged orphaned at {@code at}, with the version advanced
     * @param reason why
     * @param at when the owner left
     */
    public Identity withOrphanedAt(String reason, Instant at) {
        return new Identity(id, kind, name, status, owner, environment, attributes, parent, purpose, createdBy,
                createdAt, expiresAt, approval, Optional.of(at), enforcementMode, reason, at,
                version + 1, reconfirmedAt);
    }

    /**
     * @return a copy with another enforcement mode, with the version advanced
     * @param mode the new mode
     * @param reason why
     * @param at when
     */
    public Identity withEnforcementMode(EnforcementMode mode, String reason, Instant at) {
        return new Identity(id, kind, name, status, owner, environment, attributes, parent, purpose, createdBy,
                createdAt, expiresAt, approval, orphanedAt, mode, reason, at,
                version + 1, reconfirmedAt);
    }

    /**
     * The instant an agent's reconfirmation period counts from: its last reconfirmation, else its
     * approval, else its registration.
     *
     * @return the start of the current reconfirmation period
     */
    public Instant reconfirmationBase() {
        if (reconfirmedAt.isPresent()) {
            return reconfirmedAt.get();
        }
        return approval.isPresent() ? approval.get().at() : createdAt;
    }

    /**
     * @return a copy reconfirmed at {@code at}, with the version advanced
     * @param reason why (the owner's comment)
     * @param at when
     */
    public Identity withReconfirmation(String reason, Instant at) {
        return new Identity(id, kind, name, status, owner, environment, attributes, parent, purpose, createdBy,
                createdAt, expiresAt, approval, orphanedAt, enforcementMode, reason, at,
                version + 1, Optional.of(at));
    }
}
