package dev.steward.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle state of an {@link Identity}:
 * {@code PENDING_APPROVAL → ACTIVE ⇄ SUSPENDED → RETIRED}, {@code PENDING_APPROVAL → REJECTED}.
 * An active identity may also be retired directly. {@code RETIRED} and {@code REJECTED} are
 * terminal.
 */
public enum IdentityStatus {
    /** Registered, waiting for a human's approval; may not act. */
    PENDING_APPROVAL,
    /** Approved; may act within its grants. */
    ACTIVE,
    /** Temporarily barred from acting; may be resumed. */
    SUSPENDED,
    /** Permanently ended. Terminal. */
    RETIRED,
    /** Refused at approval. Terminal. */
    REJECTED;

    /**
     * @param target the state to move to
     * @return whether the lifecycle allows moving from this state to {@code target}
     */
    public boolean canMoveTo(IdentityStatus target) {
        return successors().contains(target);
    }

    /** @return whether no transition leaves this state */
    public boolean isTerminal() {
        return successors().isEmpty();
    }

    private Set<IdentityStatus> successors() {
        switch (this) {
            case PENDING_APPROVAL:
                return EnumSet.of(ACTIVE, REJECTED);
            case ACTIVE:
                return EnumSet.of(SUSPENDED, RETIRED);
            case SUSPENDED:
                return EnumSet.of(ACTIVE, RETIRED);
            default:
                return EnumSet.noneOf(IdentityStatus.class);
        }
    }
}
