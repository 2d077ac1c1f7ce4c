package dev.steward.internal.review;

import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.internal.Changes;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.Redaction;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewPolicy;
import dev.steward.review.ReviewScope;
import dev.steward.spi.EntityType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Event-triggered micro-reviews, opened in the unit of work of the event itself (so the review
 * exists exactly when the change does) for the accountable human: a leaver's successor, the owner
 * of an identity whose access widened, the person on whose behalf a new delegation acts; the
 * policy's fallback reviewer when that human cannot review. Does nothing unless
 * {@link ReviewPolicy#eventReviews()} is on, except warn of a leaver's orphans.
 */
public final class EventReviews {
    private static final Log LOG = Log.of(EventReviews.class);
    private final Kernel kernel;

    /** @param kernel the shared state */
    public EventReviews(Kernel kernel) {
        this.kernel = kernel;
    }

    private ReviewPolicy policy() {
        return kernel.settings().reviews();
    }

    /**
     * A person left: the identities that passed to a successor are reviewed by the successor, and
     * orphaned ones (no successor) by the fallback reviewer, their grants and credentials with them.
     * A leaver is never silent: when event reviews are off, or nobody can review the review that
     * opens, a warning names the leaver and the identities left behind.
     *
     * @param c the leaver's unit of work
     * @param leaver who left
     * @param successor who took over, if anyone did
     * @param affected the identities that passed or were orphaned
     */
    public void ownerLeft(Changes c, Identity leaver, Optional<IdentityId> successor, List<Identity> affected) {
        if (affected.isEmpty()) {
            return;
        }
        if (!policy().eventReviews()) {
            if (successor.isEmpty()) {
                List<IdentityId> orphans = affected.stream().map(Identity::id).toList();
                c.afterCommit(() -> LOG.warn("{} left without a successor; the orphaned identities {} have no "
                        + "reviewer until one is assigned (turn on event reviews to send them to a fallback "
                        + "reviewer)", leaver.id(), orphans));
            }
            return;
        }
        Set<IdentityId> subjects = affected.stream().map(Identity::id).collect(Collectors.toSet());
        String name = leaver.name() + " left; " + affected.size() + " identities "
                + successor.map(s -> "passed to " + s.value()).orElse("orphaned, for the fallback reviewer");
        open(c, ReviewOrigin.OWNER_LEFT, name, scope(subjects, EnumSet.allOf(ReviewItemKind.class)), null);
    }

    /**
     * A grant was approved. A delegated one is reviewed by the person it acts for (or, for a
     * non-human delegator, that one's owner); a direct grant to a non-human identity approved by
     * someone other than its owner widens its access, and its owner reviews it.
     *
     * @param c the approval's unit of work
     * @param grant the approved grant
     * @param approver who approved it
     */
    public void grantApproved(Changes c, Grant grant, Identity approver) {
        if (!policy().eventReviews()) {
            return;
        }
        Identity grantee = c.identity(grant.grantee());
        Optional<IdentityId> reviewer;
        ReviewOrigin origin;
        if (grant.delegatedBy().isPresent()) {
            Optional<Identity> delegator = c.tx().table(EntityType.IDENTITY).find(grant.delegatedBy().get().value());
            reviewer = delegator.flatMap(d -> d.kind() == IdentityKind.HUMAN ? Optional.of(d.id()) : d.owner());
            origin = ReviewOrigin.NEW_DELEGATION;
        } else if (grantee.kind() != IdentityKind.HUMAN && !grantee.owner().filter(approver.id()::equals).isPresent()) {
            reviewer = grantee.owner();
            origin = ReviewOrigin.GRANT_WIDENED;
        } else {
            return;
        }
        if (reviewer.filter(approver.id()::equals).isPresent()) {
            return;
        }
        String name = (origin == ReviewOrigin.NEW_DELEGATION ? "new delegation to " : "access widened for ")
                + grantee.name() + ": " + String.join(",", grant.actions()) + " on " + grant.resource().value();
        open(c, origin, name, scope(Set.of(grantee.id()), EnumSet.of(ReviewItemKind.GRANT)), snapshot -> {
            snapshot.grant(grant, grantee, reviewer);
            return snapshot.items();
        });
    }

    private static ReviewScope scope(Set<IdentityId> subjects, Set<ReviewItemKind> kinds) {
        return new ReviewScope(Set.of(), Set.of(), Set.of(), subjects, kinds, List.of(), Set.of(), Optional.empty(),
                Set.of());
    }

    /** Opens the review with the fallback reviewer; a review nobody can take is logged after commit. */
    private void open(Changes c, ReviewOrigin origin, String name, ReviewScope scope,
            Function<Snapshot, List<ReviewItem>> items) {
        String redacted = Redaction.text(name);
        String clipped = redacted.length() <= 200 ? redacted : redacted.substring(0, 200) + "…";
        Function<Snapshot, List<ReviewItem>> take = items == null ? Snapshot::take : items;
        ReviewCycleId id = ReviewCycleId.random();
        Cycles.open(c, id, Cycles.Plan.micro(clipped, origin, scope, c.now().plus(policy().eventReviewDueIn()),
                policy().fallbackReviewer()),
                kernel.settings().reviews().reviewers().orElse(kernel.settings().managers()),
                kernel.settings().credentials(), kernel.settings().notifier(), snapshot -> {
                    List<ReviewItem> taken = take.apply(snapshot);
                    long unassigned = taken.stream().filter(i -> i.reviewer().isEmpty()).count();
                    if (unassigned > 0) {
                        c.afterCommit(() -> LOG.warn("review {} ({}) has {} items that nobody can review: neither "
                                + "the accountable human nor the fallback reviewer {} is an active human", id, clipped,
                                unassigned, policy().fallbackReviewer().map(IdentityId::value).orElse("(none)")));
                    }
                    return taken;
                });
    }
}
