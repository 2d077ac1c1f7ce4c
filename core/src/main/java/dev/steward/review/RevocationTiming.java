package dev.steward.review;

/** When a {@link ReviewDecision#REVOKE} decision takes effect. */
public enum RevocationTiming {
    /** In the same unit of work as the decision. */
    IMMEDIATELY,
    /** When the cycle closes, so that the campaign's revocations land together. */
    AT_CLOSE
}
