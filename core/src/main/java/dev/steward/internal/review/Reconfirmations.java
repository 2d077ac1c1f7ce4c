package dev.steward.internal.review;

import dev.steward.audit.AuditAction;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.internal.Changes;
import dev.steward.internal.identity.IdentityTransitions;
import dev.steward.spi.EntityType;
import java.util.Map;

/**
 * An owner's reconfirmation of an agent, direct or by certifying its review: restarts the
 * reconfirmation period and resumes the agent if it was suspended because its reconfirmation
 * lapsed ({@link SuspensionCause#RECONFIRMATION_LAPSED}), and only then: another suspension stays
 * until someone resumes it, whatever its reason says.
 */
final class Reconfirmations {
    /** How the sweep's reason for a lapsed-reconfirmation suspension starts. */
    static final String LAPSED = "reconfirmation lapsed: ";

    private Reconfirmations() {
    }

    /** @return whether the agent is suspended because its reconfirmation lapsed */
    static boolean suspendedForLapse(Identity agent) {
        return agent.status() == IdentityStatus.SUSPENDED
                && agent.suspensionCause().filter(SuspensionCause.RECONFIRMATION_LAPSED::equals).isPresent();
    }

    /**
     * Records the reconfirmation (once per instant) and resumes a lapse-suspended agent.
     *
     * @param c the unit of work
     * @param agent the agent as the unit holds it
     * @param comment the owner's comment
     * @param details further facts for the events
     */
    static void reconfirm(Changes c, Identity agent, String comment, Map<String, String> details) {
        boolean resume = suspendedForLapse(agent);
        Identity fresh = agent;
        if (!agent.reconfirmedAt().filter(c.now()::equals).isPresent()) {
            fresh = agent.withReconfirmation(comment, c.now());
            c.update(EntityType.IDENTITY, fresh, AuditAction.IDENTITY_RECONFIRMED, comment, details);
        }
        if (resume) {
            String reason = "reconfirmed by its owner after its reconfirmation lapsed: " + comment;
            IdentityTransitions.resume(c, fresh, reason, details);
        }
    }
}
