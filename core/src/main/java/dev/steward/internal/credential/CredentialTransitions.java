package dev.steward.internal.credential;

import dev.steward.InvalidTransitionException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEventId;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialQuery;
import dev.steward.credential.CredentialStatus;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Changes;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Every change of a credential's status, each with its lifecycle check and its audit event: the
 * credential service, the leaver cascade, review decisions and the sweep move credentials only
 * through here. A method that meets a credential its lifecycle does not let move throws
 * {@link InvalidTransitionException}; the {@code …IfLive} forms are for cascades and leave such a
 * credential as it is, without an event.
 */
public final class CredentialTransitions {
    private CredentialTransitions() {
    }

    /**
     * Checks that the credential's lifecycle allows the move.
     *
     * @param credential the credential
     * @param target the state to move to
     * @throws InvalidTransitionException if it does not
     */
    public static void require(Credential credential, CredentialStatus target) {
        if (!credential.status().canMoveTo(target)) {
            throw new InvalidTransitionException("credential " + credential.id(), credential.status().name(),
                    target.name());
        }
    }

    /**
     * {@return the revoked credential, written with its event: {@code ACTIVE | ROTATED → REVOKED}}
     *
     * @param c the unit of work
     * @param credential the credential as the unit holds it
     * @param reason why
     * @param details further facts for the event
     * @throws InvalidTransitionException if the credential has already ended
     */
    public static Credential revoke(Changes c, Credential credential, String reason, Map<String, String> details) {
        return move(c, credential, CredentialStatus.REVOKED, AuditAction.CREDENTIAL_REVOKED, reason, details);
    }

    /**
     * Revokes a credential that has not ended yet; one already ended is left as it is, without an
     * event (a cascade or a review meeting access that is gone).
     *
     * @param c the unit of work
     * @param credential the credential as the unit holds it
     * @param reason why
     * @param details further facts for the event
     * @return the revoked credential, or empty if it had already ended
     */
    public static Optional<Credential> revokeIfLive(Changes c, Credential credential, String reason,
            Map<String, String> details) {
        return credential.status().canMoveTo(CredentialStatus.REVOKED)
                ? Optional.of(revoke(c, credential, reason, details)) : Optional.empty();
    }

    /**
     * Revokes every credential of an identity that has not ended yet (an identity retired).
     *
     * @param c the unit of work
     * @param identity the holder
     * @param reason why
     */
    public static void revokeAllLive(Changes c, IdentityId identity, String reason) {
        for (Credential credential : c.all(EntityQuery.of(CredentialQuery.all().identity(identity)))) {
            revokeIfLive(c, credential, reason, Map.of());
        }
    }

    /**
     * {@return the expired credential, written with its event: {@code ACTIVE | ROTATED → EXPIRED}}
     *
     * @param c the unit of work
     * @param credential the credential as the unit holds it
     * @param reason why (its expiry or its rotation overlap ended)
     */
    public static Credential expire(Changes c, Credential credential, String reason) {
        return move(c, credential, CredentialStatus.EXPIRED, AuditAction.CREDENTIAL_EXPIRED, reason, Map.of());
    }

    /**
     * {@return the rotated credential, written with its event: {@code ACTIVE → ROTATED}, accepted
     *     until its overlap ends}
     *
     * @param c the unit of work
     * @param old the predecessor as the unit holds it
     * @param successor its successor
     * @param overlapEnd when the predecessor stops being accepted
     * @param reason why
     */
    public static Credential rotate(Changes c, Credential old, Credential successor, Instant overlapEnd,
            String reason) {
        require(old, CredentialStatus.ROTATED);
        Credential rotated = old.rotated(overlapEnd, reason, c.now());
        c.update(EntityType.CREDENTIAL, rotated, AuditAction.CREDENTIAL_ROTATED, reason,
                Map.of("successor", successor.id().value(), "overlapEndsAt", overlapEnd.toString()));
        return rotated;
    }

    /**
     * Records an exposure: a credential still live is revoked by the exposure's event; one already
     * ended stays as it is (terminal states are terminal) and the exposure is recorded on its own.
     *
     * @param c the unit of work
     * @param credential the credential as the unit holds it
     * @param reason the exposure's reason (where it was seen)
     * @param details further facts for the event
     * @return the credential after the exposure and the exposure's event
     */
    public static Exposure expose(Changes c, Credential credential, String reason, Map<String, String> details) {
        if (!credential.status().canMoveTo(CredentialStatus.REVOKED)) {
            return new Exposure(credential, c.note(AuditAction.CREDENTIAL_EXPOSED, EntityType.CREDENTIAL.name(),
                    credential.id().value(), reason, details));
        }
        Credential revoked = credential.withStatus(CredentialStatus.REVOKED, reason, c.now());
        return new Exposure(revoked, c.update(EntityType.CREDENTIAL, revoked, AuditAction.CREDENTIAL_EXPOSED, reason,
                details));
    }

    /**
     * What an exposure left.
     *
     * @param credential the credential after it
     * @param eventId the exposure's event
     */
    public record Exposure(Credential credential, AuditEventId eventId) {
    }

    private static Credential move(Changes c, Credential credential, CredentialStatus target, AuditAction action,
            String reason, Map<String, String> details) {
        require(credential, target);
        Credential moved = credential.withStatus(target, reason, c.now());
        c.update(EntityType.CREDENTIAL, moved, action, reason, details);
        return moved;
    }
}
