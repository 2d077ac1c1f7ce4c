package dev.steward.credential;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle state of a {@link Credential}:
 * {@code ACTIVE → ROTATED (valid until its overlap ends) → EXPIRED}, {@code ACTIVE → EXPIRED},
 * and {@code ACTIVE | ROTATED → REVOKED}. {@code EXPIRED} and {@code REVOKED} are terminal.
 */
public enum CredentialStatus {
    /** Valid until its expiry. */
    ACTIVE,
    /** Replaced by a successor; still valid until its overlap ends. */
    ROTATED,
    /** Past its expiry or its overlap. Terminal. */
    EXPIRED,
    /** Withdrawn, e.g. after an exposure. Terminal. */
    REVOKED;

    /**
     * {@return whether the lifecycle allows moving from this state to {@code target}}
     *
     * @param target the state to move to
     */
    public boolean canMoveTo(CredentialStatus target) {
        return successors().contains(target);
    }

    /** @return whether no transition leaves this state */
    public boolean isTerminal() {
        return successors().isEmpty();
    }

    private Set<CredentialStatus> successors() {
        switch (this) {
            case ACTIVE:
                return EnumSet.of(ROTATED, EXPIRED, REVOKED);
            case ROTATED:
                return EnumSet.of(EXPIRED, REVOKED);
            default:
                return EnumSet.noneOf(CredentialStatus.class);
        }
    }
}
