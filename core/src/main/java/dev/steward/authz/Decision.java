package dev.steward.authz;

import dev.steward.audit.AuditEventId;
import dev.steward.grant.GrantId;
import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to an {@link AccessRequest}: allowed or denied, why, which grants matched, and the
 * audit event that records it. An issued key that the request carried in its identity, action or
 * resource is not echoed: it appears as its fingerprint, as in the audit event
 * ({@link dev.steward.credential.SecretScanner#redact}).
 *
 * @param allowed whether the request is allowed
 * @param reason the reason code
 * @param message a readable explanation
 * @param identity the identity that asked
 * @param action the action asked for
 * @param resource the resource asked for
 * @param matchedGrants the grants that allowed it, one per link of the chain; empty when denied
 * @param auditEventId the id of the audit event recording the decision
 * @param decidedAt the instant of the decision, from the configured clock
 */
public record Decision(
        boolean allowed,
        DecisionReason reason,
        String message,
        IdentityId identity,
        String action,
        String resource,
        List<GrantId> matchedGrants,
        AuditEventId auditEventId,
        Instant decidedAt) {

    /**
     * Checks that nothing is null and copies the grant list.
     *
     * @param allowed whether the request is allowed
     * @param reason the reason code
     * @param message a readable explanation
     * @param identity the identity that asked
     * @param action the action asked for
     * @param resource the resource asked for
     * @param matchedGrants the grants that allowed it, one per link of the chain; empty when denied
     * @param auditEventId the id of the audit event recording the decision
     * @param decidedAt the instant of the decision, from the configured clock
     */
    public Decision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        matchedGrants = List.copyOf(matchedGrants);
        Objects.requireNonNull(auditEventId, "auditEventId");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
