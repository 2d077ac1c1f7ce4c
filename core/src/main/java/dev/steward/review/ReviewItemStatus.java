package dev.steward.review;

/**
 * Where a {@link ReviewItem} is: {@code PENDING → DECIDED}, or {@code PENDING → LAPSED} at close.
 * {@code DECIDED} and {@code LAPSED} are terminal (a revocation deferred to the close is recorded on
 * the decided item without changing its state).
 */
public enum ReviewItemStatus {
    /** Waiting for its reviewer. */
    PENDING,
    /** Decided by its reviewer. Terminal. */
    DECIDED,
    /** Left undecided when its cycle closed; handled by the cycle's {@link UndecidedPolicy}. Terminal. */
    LAPSED;

    /**
     * {@return whether the lifecycle allows moving from this state to {@code target}}
     *
     * @param target the state to move to
     */
    public boolean canMoveTo(ReviewItemStatus target) {
        return this == PENDING && target != PENDING;
    }

    /** @return whether no transition leaves this state */
    public boolean isTerminal() {
        return this != PENDING;
    }
}
