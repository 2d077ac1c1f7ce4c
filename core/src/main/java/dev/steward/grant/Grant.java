package dev.steward.grant;

import dev.steward.identity.Approval;
import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Permission of one identity to perform actions on the resources a pattern covers, under
 * conditions, with a justification. An immutable snapshot; every change produces a new snapshot
 * with a higher {@code version}.
 *
 * <p>A <em>delegated</em> grant ({@code delegatedBy} present) is usable only when its grantee acts
 * on behalf of the delegator, and only while the delegator holds the same permission (attenuation:
 * the effective permission is the intersection along the chain).
 *
 * @param id the grant's id
 * @param grantee who may act
 * @param actions the actions allowed, e.g. {@code repo:read}
 * @param resource the resources covered
 * @param validFrom the start of the validity window (inclusive)
 * @param validUntil the end of the validity window (exclusive); always present for agents
 * @param environment the only environment it is valid in, if restricted
 * @param maxUses the number of allowed decisions, if limited
 * @param uses the number of decisions that used it so far (counted only for use-limited grants)
 * @param delegatedBy the identity on whose behalf the grantee acts with it, if delegated
 * @param justification why it is needed
 * @param requestedBy who asked for it
 * @param requestedAt when it was asked for
 * @param approval who approved it, if approved
 * @param status where it is in its lifecycle
 * @param statusReason the reason given for the last lifecycle change
 * @param updatedAt when it last changed
 * @param version the optimistic-concurrency version, starting at 1
 * @param lastUsedAt when a decision last allowed something by it, as last recorded (usage
 *     telemetry, recorded in batches like a credential's; see
 *     {@link dev.steward.spi.StoreTransaction#recordGrantUsage})
 * @param useCount how many allowing decisions were recorded; unlike {@code uses}, counted for every
 *     grant and written as telemetry, never as a versioned change
 */
public record Grant(
        GrantId id,
        IdentityId grantee,
        Set<String> actions,
        ResourcePattern resource,
        Instant validFrom,
        Optional<Instant> validUntil,
        Optional<String> environment,
        OptionalLong maxUses,
        long uses,
        Optional<IdentityId> delegatedBy,
        String justification,
        IdentityId requestedBy,
        Instant requestedAt,
        Optional<Approval> approval,
        GrantStatus status,
        String statusReason,
        Instant updatedAt,
        long version,
        Optional<Instant> lastUsedAt,
        long useCount) {

    /**
     * Checks that required fields are present and copies the actions in sorted order.
     *
     * @param id the grant's id
     * @param grantee who may act
     * @param actions the actions allowed, e.g. {@code repo:read}
     * @param resource the resources covered
     * @param validFrom the start of the validity window (inclusive)
     * @param validUntil the end of the validity window (exclusive); always present for agents
     * @param environment the only environment it is valid in, if restricted
     * @param maxUses the number of allowed decisions, if limited
     * @param uses the number of decisions that used it so far (counted only for use-limited grants)
     * @param delegatedBy the identity on whose behalf the grantee acts with it, if delegated
     * @param justification why it is needed
     * @param requestedBy who asked for it
     * @param requestedAt when it was asked for
     * @param approval who approved it, if approved
     * @param status where it is in its lifecycle
     * @param statusReason the reason given for the last lifecycle change
     * @param updatedAt when it last changed
     * @param version the optimistic-concurrency version, starting at 1
     * @param lastUsedAt when a decision last allowed something by it, as last recorded (usage
     *     telemetry, recorded in batches like a credential's; see
     *     {@link dev.steward.spi.StoreTransaction#recordGrantUsage})
     * @param useCount how many allowing decisions were recorded; unlike {@code uses}, counted for every
     *     grant and written as telemetry, never as a versioned change
     */
    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(grantee, "grantee");
        actions = Set.copyOf(new TreeSet<>(actions));
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(delegatedBy, "delegatedBy");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    /**
     * @param now the instant to evaluate at
     * @return whether {@code now} lies inside the validity window
     */
    public boolean isWithinWindow(Instant now) {
        return !now.isBefore(validFrom) && validUntil.map(now::isBefore).orElse(true);
    }

    /** @return whether every allowed use has been consumed */
    public boolean isExhausted() {
        return maxUses.isPresent() && uses >= maxUses.getAsLong();
    }

    /**
     * @param newStatus the new status
     * @param reason why
     * @param at when
     * @return a copy in the new status with the version advanced
     */
    public Grant withStatus(GrantStatus newStatus, String reason, Instant at) {
        return new Grant(id, grantee, actions, resource, validFrom, validUntil, environment, maxUses, uses,
                delegatedBy, justification, requestedBy, requestedAt, approval, newStatus, reason, at,
                version + 1, lastUsedAt, useCount);
    }

    /**
     * @param by the approval
     * @return an active copy approved by {@code by}, with the version advanced
     */
    public Grant withApproval(Approval by) {
        return new Grant(id, grantee, actions, resource, validFrom, validUntil, environment, maxUses, uses,
                delegatedBy, justification, requestedBy, requestedAt, Optional.of(by), GrantStatus.ACTIVE,
                by.reference(), by.at(), version + 1, lastUsedAt, useCount);
    }

    /**
     * @param at when the use happened
     * @return a copy with one more use counted, {@code EXPIRED} if that was the last allowed use,
     *     with the version advanced
     */
    public Grant withUse(Instant at) {
        boolean last = maxUses.isPresent() && uses + 1 >= maxUses.getAsLong();
        return new Grant(id, grantee, actions, resource, validFrom, validUntil, environment, maxUses, uses + 1,
                delegatedBy, justification, requestedBy, requestedAt, approval,
                last ? GrantStatus.EXPIRED : status, last ? "use limit reached" : statusReason, at,
                version + 1, lastUsedAt, useCount);
    }

    /**
     * @param usedAt the latest use
     * @param uses uses to add
     * @return a copy with the usage recorded; the version is unchanged (usage is telemetry)
     */
    public Grant withUsage(Instant usedAt, long uses) {
        Instant latest = lastUsedAt.filter(t -> t.isAfter(usedAt)).orElse(usedAt);
        return new Grant(id, grantee, actions, resource, validFrom, validUntil, environment, maxUses, this.uses,
                delegatedBy, justification, requestedBy, requestedAt, approval, status, statusReason, updatedAt,
                version, Optional.of(latest), useCount + uses);
    }

    /**
     * Usage is telemetry written only by usage recording, so a store keeps the stored usage when it
     * writes an update.
     *
     * @param stored the stored snapshot
     * @return this snapshot with the stored one's last use and use count
     */
    public Grant withUsageOf(Grant stored) {
        return new Grant(id, grantee, actions, resource, validFrom, validUntil, environment, maxUses, uses,
                delegatedBy, justification, requestedBy, requestedAt, approval, status, statusReason, updatedAt,
                version, stored.lastUsedAt, stored.useCount);
    }
}
