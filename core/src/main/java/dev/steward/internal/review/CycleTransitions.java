package dev.steward.internal.review;

import dev.steward.InvalidTransitionException;
import dev.steward.audit.AuditAction;
import dev.steward.internal.Changes;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.spi.EntityType;
import java.util.Map;

/**
 * Every change of a review cycle's status, each with its lifecycle check and its audit event: a
 * campaign's close ({@code OPEN → CLOSING → CLOSED}) and a micro-review settled by its last decision
 * ({@code OPEN → CLOSED}) move cycles only through here.
 */
final class CycleTransitions {
    private CycleTransitions() {
    }

    /**
     * {@return the cycle, now closing: its undecided items are settled next}
     *
     * @param c the unit of work
     * @param cycle the cycle as the unit holds it, open
     * @param reason why it closes
     * @throws InvalidTransitionException if it is not open
     */
    static ReviewCycle closing(Changes c, ReviewCycle cycle, String reason) {
        ReviewCycle closing = move(c, cycle, ReviewCycleStatus.CLOSING, reason);
        c.update(EntityType.REVIEW_CYCLE, closing, AuditAction.REVIEW_CYCLE_CLOSING, reason, Map.of());
        return closing;
    }

    /**
     * {@return the cycle, closed and immutable from now on}
     *
     * @param c the unit of work
     * @param cycle the cycle as the unit holds it, closing (or open, for a settled micro-review)
     * @param reason why it closed
     * @throws InvalidTransitionException if it is closed already
     */
    static ReviewCycle close(Changes c, ReviewCycle cycle, String reason) {
        ReviewCycle closed = move(c, cycle, ReviewCycleStatus.CLOSED, reason);
        c.update(EntityType.REVIEW_CYCLE, closed, AuditAction.REVIEW_CYCLE_CLOSED, reason,
                Map.of("items", Long.toString(cycle.itemCount())));
        return closed;
    }

    private static ReviewCycle move(Changes c, ReviewCycle cycle, ReviewCycleStatus target, String reason) {
        if (!cycle.status().canMoveTo(target)) {
            throw new InvalidTransitionException("review cycle " + cycle.id(), cycle.status().name(), target.name());
        }
        return cycle.withStatus(target, c.actor().id(), reason, c.now());
    }
}
