package dev.steward.internal.review;

import dev.steward.ConflictException;
import dev.steward.GovernanceRule;
import dev.steward.InvalidTransitionException;
import dev.steward.NotFoundException;
import dev.steward.PolicyViolationException;
import dev.steward.audit.AuditAction;
import dev.steward.credential.CredentialId;
import dev.steward.grant.GrantId;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.internal.Changes;
import dev.steward.internal.Rules;
import dev.steward.internal.credential.CredentialTransitions;
import dev.steward.internal.grant.GrantTransitions;
import dev.steward.internal.identity.IdentityTransitions;
import dev.steward.internal.identity.Leavers;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemQuery;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.RevocationTiming;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The rules and effects of a decision inside a unit of work: who may decide, the item's single
 * versioned update, the revocation it applies, the reconfirmation a certified agent ownership is,
 * and the close of a micro-review whose last item was decided.
 */
final class Decisions {
    private final Leavers leavers;

    Decisions(Leavers leavers) {
        this.leavers = leavers;
    }

    /**
     * The actor must be an active human: the host system and agents never review.
     *
     * @param c the unit of work
     * @return the reviewing human
     */
    static Identity reviewingHuman(Changes c) {
        if (c.actor().isSystem()) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                    "reviews need an active human; the host system cannot review");
        }
        Identity identity = Rules.activeActor(c).orElseThrow();
        if (identity.kind() != IdentityKind.HUMAN) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                    "reviews need an active human; " + identity.id() + " is " + identity.kind());
        }
        return identity;
    }

    static ReviewItem item(Changes c, ReviewItemId id) {
        return c.tx().table(EntityType.REVIEW_ITEM).find(id.value()).orElseThrow(() ->
                new NotFoundException("review item", id.value()));
    }

    static ReviewCycle cycle(Changes c, ReviewItem item) {
        return c.tx().table(EntityType.REVIEW_CYCLE).find(item.cycle().value())
                .orElseThrow(() -> new NotFoundException("review cycle", item.cycle().value()));
    }

    /** A closed or closing cycle takes no decision and hands nothing on. */
    static void requireOpen(ReviewCycle cycle, String change) {
        if (!cycle.isOpen()) {
            throw new InvalidTransitionException("review cycle " + cycle.id(), cycle.status().name(), change);
        }
    }

    /** The reviewer decides items assigned to them, never about their own access. */
    static void requireReviewer(ReviewItem item, Identity reviewer) {
        if (reviewer.id().equals(item.subject())) {
            throw new PolicyViolationException(GovernanceRule.SEPARATION_OF_DUTIES,
                    reviewer.id() + " cannot review their own access (" + item.id() + ")");
        }
        if (!item.reviewer().filter(reviewer.id()::equals).isPresent()) {
            throw new PolicyViolationException(GovernanceRule.REVIEW_ASSIGNMENT, "item " + item.id()
                    + " is assigned to " + item.reviewer().map(IdentityId::value).orElse("nobody") + ", not "
                    + reviewer.id());
        }
    }

    static void requirePending(ReviewItem item) {
        if (!item.isPending()) {
            throw new ConflictException("review item " + item.id() + " is already " + item.status()
                    + item.decidedBy().map(b -> " by " + b.value()).orElse(""));
        }
    }

    /**
     * Decides one item: checks, applies its effect, and writes the item once.
     *
     * @param c the unit of work
     * @param reviewer the reviewing human
     * @param cycle the item's cycle, open
     * @param item the item, as read in this unit
     * @param decision the decision
     * @param newOwner the new owner, for a reassignment
     * @param comment the reviewer's comment
     * @return the decided item
     */
    ReviewItem decide(Changes c, Identity reviewer, ReviewCycle cycle, ReviewItem item, ReviewDecision decision,
            Optional<IdentityId> newOwner, String comment) {
        requireOpen(cycle, "a decision");
        requirePending(item);
        requireReviewer(item, reviewer);
        Optional<Instant> revoked = Optional.empty();
        if (decision == ReviewDecision.REVOKE && cycle.revocation() == RevocationTiming.IMMEDIATELY) {
            revoked = revoke(c, item, "revoked in review " + cycle.id() + ": " + comment);
        } else if (decision == ReviewDecision.REASSIGN) {
            reassign(c, item, newOwner.orElseThrow(), comment);
        } else if (decision == ReviewDecision.CERTIFY && item.kind() == ReviewItemKind.OWNERSHIP) {
            reconfirmIfAgent(c, item, reviewer, comment);
        }
        ReviewItem decided = item.decided(reviewer.id(), decision, newOwner, comment, revoked, c.now());
        c.update(EntityType.REVIEW_ITEM, decided, AuditAction.REVIEW_ITEM_DECIDED, comment, Map.of("decision",
                decision.name(), "cycle",
                cycle.id().value(), "kind", item.kind().name(), "target", item.target(), "subject",
                item.subject().value(), "revoked", revoked.isPresent() ? "true" : "false"));
        closeIfSettled(c, cycle);
        return decided;
    }

    /** A micro-review closes as soon as nothing in it is pending; a campaign waits for its close. */
    private static void closeIfSettled(Changes c, ReviewCycle cycle) {
        if (cycle.origin() == ReviewOrigin.CAMPAIGN) {
            return;
        }
        ReviewItemQuery pending = ReviewItemQuery.all().cycle(cycle.id()).status(ReviewItemStatus.PENDING).limit(1);
        if (c.tx().table(EntityType.REVIEW_ITEM).query(EntityQuery.of(pending)).items().isEmpty()) {
            ReviewCycle fresh = c.tx().table(EntityType.REVIEW_CYCLE).find(cycle.id().value()).orElseThrow();
            CycleTransitions.close(c, fresh, "every item decided");
        }
    }

    /**
     * Removes the access an item stands for: revokes the grant or credential, suspends the identity
     * of an ownership item. Access already gone is left as it is.
     *
     * @return when it was revoked, or empty if nothing was left to revoke
     */
    Optional<Instant> revoke(Changes c, ReviewItem item, String reason) {
        Map<String, String> details = Map.of("reviewItem", item.id().value());
        switch (item.kind()) {
            case GRANT:
                return c.tx().table(EntityType.GRANT).find(GrantId.of(item.target()).value())
                        .flatMap(g -> GrantTransitions.revokeIfLive(c, g, reason, details)).map(g -> c.now());
            case CREDENTIAL:
                return c.tx().table(EntityType.CREDENTIAL).find(CredentialId.of(item.target()).value())
                        .flatMap(cr -> CredentialTransitions.revokeIfLive(c, cr, reason, details)).map(cr -> c.now());
            default:
                Identity i = c.tx().table(EntityType.IDENTITY).find(IdentityId.of(item.target()).value()).orElse(null);
                if (i == null || i.status() != IdentityStatus.ACTIVE) {
                    return Optional.empty();
                }
                leavers.suspend(c, i, reason, SuspensionCause.REVIEW);
                return Optional.of(c.now());
        }
    }

    private static void reassign(Changes c, ReviewItem item, IdentityId newOwner, String comment) {
        Identity subject = c.identity(IdentityId.of(item.target()));
        if (newOwner.equals(subject.id())) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_OWNER_REQUIRED,
                    subject.id() + " cannot own itself");
        }
        Rules.activeHumanOwner(c, newOwner, c.now());
        IdentityTransitions.transferOwner(c, subject, newOwner, comment, Map.of("reviewItem", item.id().value()));
    }

    /** The owner certifying an agent's ownership reconfirms the agent (and resumes it if its reconfirmation lapsed). */
    private static void reconfirmIfAgent(Changes c, ReviewItem item, Identity reviewer, String comment) {
        Identity subject = c.tx().table(EntityType.IDENTITY).find(IdentityId.of(item.target()).value()).orElse(null);
        if (subject != null && subject.kind() == IdentityKind.AGENT
                && (subject.status() == IdentityStatus.ACTIVE || Reconfirmations.suspendedForLapse(subject))
                && subject.owner().filter(reviewer.id()::equals).isPresent()) {
            Reconfirmations.reconfirm(c, subject, comment, Map.of("reviewItem", item.id().value()));
        }
    }
}
