package dev.steward.review;

/** Where a {@link ReviewItem} is: {@code PENDING → DECIDED}, or {@code PENDING → LAPSED} at close. */
public enum ReviewItemStatus {
    /** Waiting for its reviewer. */
    PENDING,
    /** Decided by its reviewer. */
    DECIDED,
    /** Left undecided when its cycle closed; handled by the cycle's {@link UndecidedPolicy}. */
    LAPSED
}
