package dev.steward.review;

/** What a reviewer decides about a {@link ReviewItem}. */
public enum ReviewDecision {
    /** The access is still needed and right. */
    CERTIFY,
    /**
     * The access goes: the grant or credential is revoked, an ownership item's identity is
     * suspended; at once, or when the cycle closes if it defers revocations.
     */
    REVOKE,
    /** An ownership item's identity passes to another accountable human. */
    REASSIGN
}
