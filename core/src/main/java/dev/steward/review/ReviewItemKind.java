package dev.steward.review;

/** What a {@link ReviewItem} asks a reviewer to certify. */
public enum ReviewItemKind {
    /** An active grant. */
    GRANT,
    /** An active credential (shown by its fingerprint only). */
    CREDENTIAL,
    /** The ownership of a non-human identity: is it still needed, and is its owner right? */
    OWNERSHIP
}
