package dev.steward.review;

/** A risk a {@link ReviewItem} was flagged with when its cycle opened; scopes may select by them. */
public enum ReviewRisk {
    /** Not used for longer than the scope's {@code unusedFor} (never used counts from its start). */
    UNUSED,
    /** A delegated grant: its holder acts on someone else's behalf. */
    DELEGATED,
    /** A grant of an action the host marks privileged. */
    PRIVILEGED,
    /** A credential older than its type's maximum age (due for rotation). */
    PAST_MAX_AGE
}
