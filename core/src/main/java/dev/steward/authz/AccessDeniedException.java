package dev.steward.authz;

import dev.steward.StewardException;
import dev.steward.internal.CodePoints;

/**
 * Thrown by the {@link ToolCallGuard} when a call is denied for an identity in
 * {@link EnforcementMode#ENFORCE}: the call did not run. Carries the decision. The message shows
 * the action and resource with hostile code points escaped (see {@link AccessRequest}).
 */
public final class AccessDeniedException extends StewardException {
    private static final long serialVersionUID = 1L;

    private final transient Decision decision;

    /** @param decision the denying decision */
    public AccessDeniedException(Decision decision) {
        super("denied " + decision.identity() + " " + CodePoints.escape(decision.action()) + " on "
                + CodePoints.escape(decision.resource()) + ": "
                + decision.reason() + " (" + decision.message() + "), audit event " + decision.auditEventId());
        this.decision = decision;
    }

    /** @return the denying decision */
    public Decision decision() {
        return decision;
    }
}
