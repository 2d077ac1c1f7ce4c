package dev.steward.tokens;

import dev.steward.StewardException;
import dev.steward.audit.AuditEventId;
import dev.steward.authz.DecisionReason;
import java.util.Objects;
import java.util.Optional;

/**
 * A token, or a token exchange, was refused. Carries the reason code and, when a Steward decision
 * or standing check refused it, the decision's reason and audit event. The message never quotes a
 * token or a key.
 */
public final class TokenRejectedException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    private final TokenRejection reason;
    /** Steward's reason, when a decision or standing check refused it; {@code null} otherwise. */
    private final DecisionReason decisionReason;
    /** The audit event of the refusing decision, when one was recorded; {@code null} otherwise. */
    private final AuditEventId auditEventId;

    /**
     * Creates a refusal without a Steward decision behind it.
     *
     * @param reason why it was refused
     * @param message what was wrong, without secret material
     */
    public TokenRejectedException(TokenRejection reason, String message) {
        this(reason, message, null, null);
    }

    /**
     * Creates a refusal that a Steward decision or standing check made.
     *
     * @param reason why it was refused
     * @param message what was wrong, without secret material
     * @param decisionReason Steward's reason; may be {@code null}
     * @param auditEventId the audit event of the refusing decision; may be {@code null}
     */
    public TokenRejectedException(TokenRejection reason, String message, DecisionReason decisionReason,
            AuditEventId auditEventId) {
        super(Objects.requireNonNull(reason, "reason") + ": " + Objects.requireNonNull(message, "message"));
        this.reason = reason;
        this.decisionReason = decisionReason;
        this.auditEventId = auditEventId;
    }

    /** @return why it was refused */
    public TokenRejection reason() {
        return reason;
    }

    /** @return Steward's reason, when a decision or standing check refused it */
    public Optional<DecisionReason> decisionReason() {
        return Optional.ofNullable(decisionReason);
    }

    /** @return the audit event of the refusing decision, when one was recorded */
    public Optional<AuditEventId> auditEventId() {
        return Optional.ofNullable(auditEventId);
    }
}
