package dev.steward.grant;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle state of a {@link Grant}: {@code REQUESTED → ACTIVE → REVOKED | EXPIRED},
 * {@code REQUESTED → DENIED}. Only {@code ACTIVE} grants allow anything, and only within their
 * conditions.
 */
public enum GrantStatus {
    /** Waiting for a human's approval. */
    REQUESTED,
    /** Approved; allows its actions while its conditions hold. */
    ACTIVE,
    /** Refused at approval. Terminal. */
    DENIED,
    /** Withdrawn. Terminal. */
    REVOKED,
    /** Past its end or its use limit. Terminal. */
    EXPIRED;

    /**
     * @param target the state to move to
     * @return whether the lifecycle allows moving from this state to {@code target}
     */
    public boolean canMoveTo(GrantStatus target) {
        return successors().contains(target);
    }

    /** @return whether no transition leaves this state */
    public boolean isTerminal() {
        return successors().isEmpty();
    }

    private Set<GrantStatus> successors() {
        switch (this) {
            case REQUESTED:
                return EnumSet.of(ACTIVE, DENIED, REVOKED);
            case ACTIVE:
                return EnumSet.of(REVOKED, EXPIRED);
            default:
                return EnumSet.noneOf(GrantStatus.class);
        }
    }
}
