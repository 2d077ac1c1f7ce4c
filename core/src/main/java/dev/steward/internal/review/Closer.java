package dev.steward.internal.review;

import dev.steward.ConflictException;
import dev.steward.InvalidTransitionException;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.audit.AuditAction;
import dev.steward.identity.Actor;
import dev.steward.internal.Kernel;
import dev.steward.internal.Pages;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemQuery;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.UndecidedPolicy;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Closes a cycle in bounded units of work: {@code OPEN → CLOSING} first, then the undecided items
 * page by page (revoked or kept and flagged, per the cycle's policy), then the revocations deferred
 * to the close, then {@code CLOSING → CLOSED}. A close that stops half way leaves the cycle
 * {@code CLOSING}, and the next close or sweep finishes it.
 */
final class Closer {
    private static final int PAGE = 500;

    private final Kernel kernel;
    private final Decisions decisions;

    Closer(Kernel kernel, Decisions decisions) {
        this.kernel = kernel;
        this.decisions = decisions;
    }

    /**
     * @param id the cycle
     * @param actor who closes it
     * @param reason why
     * @param check the actor's rule, run in the first unit
     * @return the closed cycle
     */
    ReviewCycle close(ReviewCycleId id, Actor actor, String reason, Consumer<dev.steward.internal.Changes> check) {
        kernel.change(actor, c -> {
            check.accept(c);
            ReviewCycle cycle = c.tx().table(EntityType.REVIEW_CYCLE).find(id.value()).orElseThrow(() ->
                    new NotFoundException("review cycle",
                    id.value()));
            if (cycle.status() == ReviewCycleStatus.CLOSED) {
                throw new InvalidTransitionException("review cycle " + id, cycle.status().name(), "CLOSED");
            }
            if (cycle.status() == ReviewCycleStatus.OPEN) {
                CycleTransitions.closing(c, cycle, reason);
            }
            return null;
        });
        return finish(id, actor, reason);
    }

    /** Settles a closing cycle's items and marks it closed. */
    ReviewCycle finish(ReviewCycleId id, Actor actor, String reason) {
        ReviewItemQuery pending = ReviewItemQuery.all().cycle(id).status(ReviewItemStatus.PENDING).limit(PAGE);
        while (true) {
            Page<ReviewItem> page = kernel.read(tx -> tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(pending)));
            if (page.items().isEmpty()) {
                break;
            }
            kernel.change(actor, c -> {
                ReviewCycle cycle = c.tx().table(EntityType.REVIEW_CYCLE).find(id.value()).orElseThrow();
                for (ReviewItem stale : page.items()) {
                    ReviewItem item = Decisions.item(c, stale.id());
                    if (item.isPending()) {
                        lapse(c, cycle, item);
                    }
                }
                return null;
            });
        }
        ReviewItemQuery decided = ReviewItemQuery.all().cycle(id).status(ReviewItemStatus.DECIDED).limit(PAGE);
        Pages.forEach(kernel::page, EntityQuery.of(decided), page -> {
            if (page.items().stream().anyMatch(Closer::deferred)) {
                kernel.change(actor, c -> {
                    for (ReviewItem stale : page.items()) {
                        ReviewItem item = Decisions.item(c, stale.id());
                        if (deferred(item)) {
                            decisions.revoke(c, item, "revoked in review " + id + ": " + item.comment())
                                    .ifPresent(t -> c.update(EntityType.REVIEW_ITEM, item.revoked(t),
                                            AuditAction.REVIEW_REVOCATION_APPLIED,
                                            item.comment(), Map.of("cycle", id.value(), "target", item.target())));
                        }
                    }
                    return null;
                });
            }
        });
        return kernel.change(actor, c -> {
            ReviewCycle cycle = c.tx().table(EntityType.REVIEW_CYCLE).find(id.value()).orElseThrow();
            if (cycle.status() != ReviewCycleStatus.CLOSING) {
                throw new ConflictException("review cycle " + id + " is " + cycle.status() + "; another close won");
            }
            return CycleTransitions.close(c, cycle, reason);
        });
    }

    private static boolean deferred(ReviewItem item) {
        return item.decision().filter(d -> d == ReviewDecision.REVOKE).isPresent() && item.revokedAt().isEmpty();
    }

    private void lapse(dev.steward.internal.Changes c, ReviewCycle cycle, ReviewItem item) {
        Instant now = c.now();
        boolean revoke = cycle.undecided() == UndecidedPolicy.REVOKE;
        String note = revoke ? "not decided by the close; revoked by the cycle's policy"
                : "not decided by the close; kept and flagged";
        Optional<Instant> revoked = revoke
                ? decisions.revoke(c, item, "not certified in review " + cycle.id()) : Optional.empty();
        c.update(EntityType.REVIEW_ITEM, item.lapsed(note, !revoke, revoked, now), AuditAction.REVIEW_ITEM_LAPSED, note,
                Map.of("cycle", cycle.id().value(), "policy", cycle.undecided().name(), "target", item.target()));
    }
}
