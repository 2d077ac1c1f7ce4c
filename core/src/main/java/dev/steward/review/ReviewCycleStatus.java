package dev.steward.review;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a {@link ReviewCycle}: {@code OPEN → CLOSING → CLOSED}. Decisions are taken only
 * while it is open; while closing, the close policy is applied to its undecided items page by page
 * (a sweep finishes a close that was interrupted); a closed cycle is immutable. A micro-review whose
 * last item is decided has nothing left to settle and moves {@code OPEN → CLOSED} at once.
 */
public enum ReviewCycleStatus {
    /** Reviewers decide. */
    OPEN,
    /** Undecided items and deferred revocations are being settled. */
    CLOSING,
    /** Settled and immutable. Terminal. */
    CLOSED;

    /**
     * {@return whether the lifecycle allows moving from this state to {@code target}}
     *
     * @param target the state to move to
     */
    public boolean canMoveTo(ReviewCycleStatus target) {
        return successors().contains(target);
    }

    /** @return whether no transition leaves this state */
    public boolean isTerminal() {
        return successors().isEmpty();
    }

    private Set<ReviewCycleStatus> successors() {
        switch (this) {
            case OPEN:
                return EnumSet.of(CLOSING, CLOSED);
            case CLOSING:
                return EnumSet.of(CLOSED);
            default:
                return EnumSet.noneOf(ReviewCycleStatus.class);
        }
    }
}
