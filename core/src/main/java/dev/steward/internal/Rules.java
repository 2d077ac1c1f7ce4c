package dev.steward.internal;

import dev.steward.GovernanceRule;
import dev.steward.PolicyViolationException;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.Optional;

/** Checks of who may do what, shared by the services; each failure names its governance rule. */
public final class Rules {
    private Rules() {
    }

    /**
     * The actor must be the host system or an active, unexpired identity.
     *
     * @param c the unit of work
     * @return the acting identity, or empty for the host system
     */
    public static Optional<Identity> activeActor(Changes c) {
        Actor actor = c.actor();
        if (actor.isSystem()) {
            return Optional.empty();
        }
        Identity identity = c.tx().table(EntityType.IDENTITY).find(actor.id().value()).orElseThrow(() ->
                new PolicyViolationException(
                GovernanceRule.ACTOR_NOT_ACTIVE, "actor " + actor.id() + " is not a known identity"));
        if (identity.status() != IdentityStatus.ACTIVE || identity.isExpiredAt(c.now())) {
            throw new PolicyViolationException(GovernanceRule.ACTOR_NOT_ACTIVE,
                    "actor " + actor.id() + " is " + identity.status() + (identity.isExpiredAt(c.now()) ? " and expired" : ""));
        }
        return Optional.of(identity);
    }

    /**
     * The actor must be the host system or an active human: for lifecycle changes of others.
     *
     * @param c the unit of work
     */
    public static void systemOrHuman(Changes c) {
        activeActor(c).ifPresent(identity -> {
            if (identity.kind() != IdentityKind.HUMAN) {
                throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                        "only a human or the host system may make this change; " + identity.id() + " is "
                                + identity.kind());
            }
        });
    }

    /**
     * The actor must be an active human (not the host system): for approvals.
     *
     * @param c the unit of work
     * @return the approving human
     */
    public static Identity approvingHuman(Changes c) {
        if (c.actor().isSystem()) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                    "approvals need an active human; the host system cannot approve");
        }
        Identity identity = activeActor(c).orElseThrow();
        if (identity.kind() != IdentityKind.HUMAN) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                    "approvals need an active human; " + identity.id() + " is " + identity.kind());
        }
        return identity;
    }

    /**
     * Separation of duties: the approver is none of the given parties.
     *
     * @param approver the approver
     * @param what what is being approved, for the message
     * @param requester who asked
     * @param subject whose access or identity it is
     */
    public static void separated(IdentityId approver, String what, IdentityId requester, IdentityId subject) {
        if (approver.equals(requester)) {
            throw new PolicyViolationException(GovernanceRule.SEPARATION_OF_DUTIES,
                    approver + " requested " + what + " and cannot also approve it");
        }
        if (approver.equals(subject)) {
            throw new PolicyViolationException(GovernanceRule.SEPARATION_OF_DUTIES,
                    approver + " cannot approve " + what + " for themselves");
        }
    }

    /**
     * The owner must be an active, unexpired human.
     *
     * @param c the unit of work
     * @param owner the owner's id
     * @param now the instant
     * @return the owner
     */
    public static Identity activeHumanOwner(Changes c, IdentityId owner, Instant now) {
        Identity identity = c.tx().table(EntityType.IDENTITY).find(owner.value()).orElseThrow(() ->
                new PolicyViolationException(
                GovernanceRule.HUMAN_OWNER_REQUIRED, "owner " + owner + " is not a known identity"));
        if (identity.kind() != IdentityKind.HUMAN) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_OWNER_REQUIRED,
                    "owner " + owner + " is " + identity.kind() + "; only humans own identities");
        }
        if (identity.status() != IdentityStatus.ACTIVE || identity.isExpiredAt(now)) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_OWNER_REQUIRED, "owner " + owner + " is "
                    + (identity.status() == IdentityStatus.ACTIVE ? "expired" : identity.status())
                    + "; owners must be active");
        }
        return identity;
    }
}
