package dev.steward.review;

/**
 * Lifecycle of a {@link ReviewCycle}: {@code OPEN → CLOSING → CLOSED}. Decisions are taken only
 * while it is open; while closing, the close policy is applied to its undecided items page by page
 * (a sweep finishes a close that was interrupted); a closed cycle is immutable.
 */
public enum ReviewCycleStatus {
    /** Reviewers decide. */
    OPEN,
    /** Undecided items and deferred revocations are being settled. */
    CLOSING,
    /** Settled and immutable. */
    CLOSED
}
