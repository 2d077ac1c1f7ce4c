package dev.steward.credential;

/** Why a presented credential was not accepted. */
public enum VerificationFailure {
    /** Not a well-formed Steward key, or its checksum is wrong. */
    MALFORMED,
    /** No such credential, or the secret does not match it. */
    UNKNOWN,
    /** The credential was revoked. */
    REVOKED,
    /** The credential expired, or its rotation overlap ended. */
    EXPIRED,
    /** The credential's identity is not active (pending, suspended, retired, expired). */
    IDENTITY_NOT_ACTIVE,
    /** A challenge was unknown or already used, or a signature did not verify. */
    BAD_PROOF,
    /** A challenge this instance issued was presented after its {@link Challenge#expiresAt()}; it is used up. */
    CHALLENGE_EXPIRED,
    /** An internal error; rejected to fail closed. */
    ERROR
}
