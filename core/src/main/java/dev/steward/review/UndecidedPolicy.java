package dev.steward.review;

/** What happens at close to the items of a {@link ReviewCycle} that nobody decided. */
public enum UndecidedPolicy {
    /** Revoke them, as if the reviewer had decided {@link ReviewDecision#REVOKE}. */
    REVOKE,
    /** Keep the access and flag the item in the report. */
    KEEP_AND_FLAG
}
