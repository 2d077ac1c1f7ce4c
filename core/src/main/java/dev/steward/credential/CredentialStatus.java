package dev.steward.credential;

/**
 * Lifecycle state of a {@link Credential}:
 * {@code ACTIVE → ROTATED (valid until its overlap ends) → EXPIRED}, and {@code * → REVOKED}.
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

    /** @return whether no transition leaves this state */
    public boolean isTerminal() {
        return this == EXPIRED || this == REVOKED;
    }
}
