package dev.steward.internal.grant;

import dev.steward.InvalidTransitionException;
import dev.steward.audit.AuditAction;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Approval;
import dev.steward.internal.Changes;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.util.Map;
import java.util.Optional;

/**
 * Every change of a grant's status, each with its lifecycle check and its audit event: the grant
 * service, the leaver cascade, review decisions, the sweep and the authorizer's use count move
 * grants only through here. A method that meets a grant its lifecycle does not let move throws
 * {@link InvalidTransitionException}; the {@code …IfLive} forms are for cascades and leave such a
 * grant as it is, without an event.
 */
public final class GrantTransitions {
    private GrantTransitions() {
    }

    /**
     * Checks that the grant's lifecycle allows the move.
     *
     * @param grant the grant
     * @param target the state to move to
     * @throws InvalidTransitionException if it does not
     */
    public static void require(Grant grant, GrantStatus target) {
        if (!grant.status().canMoveTo(target)) {
            throw new InvalidTransitionException("grant " + grant.id(), grant.status().name(), target.name());
        }
    }

    /**
     * {@return the approved grant, written with its event: {@code REQUESTED → ACTIVE}}
     *
     * @param c the unit of work
     * @param grant the grant as the unit holds it
     * @param approval who approved it, with the reference
     */
    public static Grant approve(Changes c, Grant grant, Approval approval) {
        require(grant, GrantStatus.ACTIVE);
        Grant approved = grant.withApproval(approval);
        c.update(EntityType.GRANT, approved, AuditAction.GRANT_APPROVED, approval.reference(), Map.of());
        return approved;
    }

    /**
     * {@return the denied grant, written with its event: {@code REQUESTED → DENIED}}
     *
     * @param c the unit of work
     * @param grant the grant as the unit holds it
     * @param reason why
     */
    public static Grant deny(Changes c, Grant grant, String reason) {
        return move(c, grant, GrantStatus.DENIED, AuditAction.GRANT_DENIED, reason, Map.of());
    }

    /**
     * {@return the revoked grant, written with its event: {@code REQUESTED | ACTIVE → REVOKED}}
     *
     * @param c the unit of work
     * @param grant the grant as the unit holds it
     * @param reason why
     * @param details further facts for the event
     * @throws InvalidTransitionException if the grant has already ended
     */
    public static Grant revoke(Changes c, Grant grant, String reason, Map<String, String> details) {
        return move(c, grant, GrantStatus.REVOKED, AuditAction.GRANT_REVOKED, reason, details);
    }

    /**
     * Revokes a grant that has not ended yet; a grant already ended is left as it is, without an
     * event (a cascade or a review meeting access that is gone).
     *
     * @param c the unit of work
     * @param grant the grant as the unit holds it
     * @param reason why
     * @param details further facts for the event
     * @return the revoked grant, or empty if it had already ended
     */
    public static Optional<Grant> revokeIfLive(Changes c, Grant grant, String reason, Map<String, String> details) {
        return grant.status().canMoveTo(GrantStatus.REVOKED) ? Optional.of(revoke(c, grant, reason, details))
                : Optional.empty();
    }

    /**
     * Revokes every grant a query finds that has not ended yet (the grants of a retired identity).
     *
     * @param c the unit of work
     * @param query the grants
     * @param reason why
     */
    public static void revokeAllLive(Changes c, GrantQuery query, String reason) {
        for (Grant g : c.all(EntityQuery.of(query))) {
            revokeIfLive(c, g, reason, Map.of());
        }
    }

    /**
     * {@return the expired grant, written with its event: {@code ACTIVE → EXPIRED}}
     *
     * @param c the unit of work
     * @param grant the grant as the unit holds it
     * @param reason why (its window ended)
     */
    public static Grant expire(Changes c, Grant grant, String reason) {
        return move(c, grant, GrantStatus.EXPIRED, AuditAction.GRANT_EXPIRED, reason, Map.of());
    }

    /**
     * Counts one use of an active, use-limited grant; the last allowed use expires it
     * ({@code ACTIVE → EXPIRED}, recorded as such), any other is recorded as a use.
     *
     * @param c the unit of work
     * @param grant the grant as the unit holds it, active and not exhausted
     * @param reason the event's reason (the decision that used it)
     * @return the grant after the use
     * @throws InvalidTransitionException if the grant is not active
     */
    public static Grant use(Changes c, Grant grant, String reason) {
        if (grant.status() != GrantStatus.ACTIVE) {
            throw new InvalidTransitionException("grant " + grant.id(), grant.status().name(), "a use");
        }
        Grant used = grant.withUse(c.now());
        c.update(EntityType.GRANT, used, used.status() == GrantStatus.EXPIRED ? AuditAction.GRANT_EXPIRED
                : AuditAction.GRANT_USED, reason, Map.of());
        return used;
    }

    private static Grant move(Changes c, Grant grant, GrantStatus target, AuditAction action, String reason,
            Map<String, String> details) {
        require(grant, target);
        Grant moved = grant.withStatus(target, reason, c.now());
        c.update(EntityType.GRANT, moved, action, reason, details);
        return moved;
    }
}
