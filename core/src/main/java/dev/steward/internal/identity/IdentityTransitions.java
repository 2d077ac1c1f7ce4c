package dev.steward.internal.identity;

import dev.steward.InvalidTransitionException;
import dev.steward.audit.AuditAction;
import dev.steward.identity.Approval;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.internal.Changes;
import dev.steward.spi.EntityType;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every change of an identity's status or owner, each with its lifecycle check and its audit
 * event: the identity service, the {@link Leavers} cascade, review decisions, reconfirmations and
 * the sweeps move identities only through here. What must hold besides the lifecycle (who may act,
 * separation of duties, an active owner) is checked by the callers, in {@code internal.Rules}.
 */
public final class IdentityTransitions {
    private IdentityTransitions() {
    }

    /**
     * Checks that an approval may move the identity: {@code PENDING_APPROVAL → ACTIVE}.
     *
     * @param identity the identity
     * @throws InvalidTransitionException if it is not pending approval
     */
    public static void requireApprovable(Identity identity) {
        require(identity, IdentityStatus.ACTIVE, IdentityStatus.PENDING_APPROVAL);
    }

    /**
     * Checks that a rejection may move the identity: {@code PENDING_APPROVAL → REJECTED}.
     *
     * @param identity the identity
     * @throws InvalidTransitionException if it is not pending approval
     */
    public static void requireRejectable(Identity identity) {
        require(identity, IdentityStatus.REJECTED, IdentityStatus.PENDING_APPROVAL);
    }

    /**
     * Checks that a resumption may move the identity: {@code SUSPENDED → ACTIVE}.
     *
     * @param identity the identity
     * @throws InvalidTransitionException if it is not suspended
     */
    public static void requireResumable(Identity identity) {
        require(identity, IdentityStatus.ACTIVE, IdentityStatus.SUSPENDED);
    }

    /**
     * Checks that the identity's ownership may move: it has not ended.
     *
     * @param identity the identity
     * @throws InvalidTransitionException if it has ended
     */
    public static void requireTransferable(Identity identity) {
        if (identity.status().isTerminal()) {
            throw new InvalidTransitionException("identity " + identity.id(), identity.status().name(),
                    "an ownership transfer");
        }
    }

    /**
     * {@return the approved identity, written with its event}
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it, pending approval
     * @param approval who approved it, with the reference
     */
    public static Identity approve(Changes c, Identity identity, Approval approval) {
        requireApprovable(identity);
        Identity approved = identity.withApproval(approval);
        c.update(EntityType.IDENTITY, approved, AuditAction.IDENTITY_APPROVED, approval.reference(), Map.of());
        return approved;
    }

    /**
     * {@return the rejected identity, written with its event}
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it, pending approval
     * @param reason why
     */
    public static Identity reject(Changes c, Identity identity, String reason) {
        requireRejectable(identity);
        Identity rejected = identity.withStatus(IdentityStatus.REJECTED, reason, c.now());
        c.update(EntityType.IDENTITY, rejected, AuditAction.IDENTITY_REJECTED, reason, Map.of());
        return rejected;
    }

    /**
     * {@return the suspended identity, written with its event: {@code ACTIVE → SUSPENDED}} The
     * cascade a suspension starts is {@link Leavers}'.
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it
     * @param reason why
     * @param cause what the suspension is for; it decides what may lift it on its own
     */
    public static Identity suspend(Changes c, Identity identity, String reason, SuspensionCause cause) {
        require(identity, IdentityStatus.SUSPENDED, IdentityStatus.ACTIVE);
        Identity suspended = identity.withSuspension(cause, reason, c.now());
        c.update(EntityType.IDENTITY, suspended, AuditAction.IDENTITY_SUSPENDED, reason,
                Map.of("from", identity.status().name(), "cause", cause.name()));
        return suspended;
    }

    /**
     * {@return the retired identity, written with its event: {@code ACTIVE | SUSPENDED → RETIRED}}
     * The cascade a retirement starts is {@link Leavers}'.
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it
     * @param reason why
     */
    public static Identity retire(Changes c, Identity identity, String reason) {
        require(identity, IdentityStatus.RETIRED, IdentityStatus.ACTIVE, IdentityStatus.SUSPENDED);
        Identity retired = identity.withStatus(IdentityStatus.RETIRED, reason, c.now());
        c.update(EntityType.IDENTITY, retired, AuditAction.IDENTITY_RETIRED, reason,
                Map.of("from", identity.status().name()));
        return retired;
    }

    /**
     * {@return the resumed identity, written with its event: {@code SUSPENDED → ACTIVE}}
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it
     * @param reason why
     * @param details further facts for the event
     */
    public static Identity resume(Changes c, Identity identity, String reason, Map<String, String> details) {
        requireResumable(identity);
        Identity resumed = identity.withStatus(IdentityStatus.ACTIVE, reason, c.now());
        c.update(EntityType.IDENTITY, resumed, AuditAction.IDENTITY_RESUMED, reason, details);
        return resumed;
    }

    /**
     * {@return the identity under its new owner, no longer orphaned, written with its event}
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it, not ended
     * @param newOwner the new accountable human (checked by the caller)
     * @param reason why ownership moved
     * @param details further facts for the event, besides the owners
     * @throws InvalidTransitionException if the identity has ended
     */
    public static Identity transferOwner(Changes c, Identity identity, IdentityId newOwner, String reason,
            Map<String, String> details) {
        requireTransferable(identity);
        Map<String, String> all = new TreeMap<>(details);
        all.put("from", identity.owner().map(IdentityId::value).orElse(""));
        all.put("to", newOwner.value());
        Identity moved = identity.withOwner(newOwner, reason, c.now());
        c.update(EntityType.IDENTITY, moved, AuditAction.IDENTITY_OWNER_TRANSFERRED, reason, all);
        return moved;
    }

    /**
     * {@return the identity flagged orphaned, written with its event: its owner left without a successor}
     *
     * @param c the unit of work
     * @param identity the identity as the unit holds it, not ended
     * @param formerOwner the owner who left
     * @param reason why
     */
    public static Identity orphan(Changes c, Identity identity, IdentityId formerOwner, String reason) {
        Identity orphan = identity.withOrphanedAt(reason, c.now());
        c.update(EntityType.IDENTITY, orphan, AuditAction.IDENTITY_ORPHANED, reason,
                Map.of("formerOwner", formerOwner.value()));
        return orphan;
    }

    private static void require(Identity identity, IdentityStatus target, IdentityStatus... from) {
        for (IdentityStatus allowed : from) {
            if (identity.status() == allowed && allowed.canMoveTo(target)) {
                return;
            }
        }
        throw new InvalidTransitionException("identity " + identity.id(), identity.status().name(), target.name());
    }
}
