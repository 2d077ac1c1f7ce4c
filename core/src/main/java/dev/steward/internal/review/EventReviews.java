package dev.steward.internal.review;

import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.internal.Changes;
import dev.steward.internal.Kernel;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewPolicy;
import dev.steward.review.ReviewScope;
import dev.steward.spi.EntityType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Event-triggered micro-reviews, opened in the unit of work of the event itself (so the review
 * exists exactly when the change does) for the accountable human: a leaver's successor, the owner
 * of an identity whose access widened, the person on whose behalf a new delegation acts. Does
 * nothing unless {@link ReviewPolicy#eventReviews()} is on.
 */
public final class EventReviews {
    private final Kernel kernel;

    /** @param kernel the shared state */
    public EventReviews(Kernel kernel) {
        this.kernel = kernel;
    }

    private ReviewPolicy policy() {
        return kernel.settings().reviews();
    }

    /**
     * A person left and their non-human identities passed to a successor: the successor reviews
     * them, their grants and their credentials.
     *
     * @param c the leaver's unit of work
     * @param leaver who left
     * @param successor who took over
     * @param moved the identities that passed
     */
    public void ownerLeft(Changes c, Identity leaver, IdentityId successor, List<Identity> moved) {
        if (!policy().eventReviews() || moved.isEmpty()) {
            return;
        }
        Set<IdentityId> subjects = moved.stream().map(Identity::id).collect(Collectors.toSet());
        open(c, ReviewOrigin.OWNER_LEFT, leaver.name() + " left; " + moved.size() + " identities passed to "
                + successor.value(), scope(subjects, EnumSet.allOf(ReviewItemKind.class)), null);
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

    private void open(Changes c, ReviewOrigin origin, String name, ReviewScope scope,
            java.util.function.Function<Snapshot, List<dev.steward.review.ReviewItem>> items) {
        String clipped = name.length() <= 200 ? name : name.substring(0, 200) + "…";
        Cycles.open(c, dev.steward.review.ReviewCycleId.random(),
                Cycles.Plan.micro(clipped, origin, scope, c.now().plus(policy().eventReviewDueIn())),
                kernel.settings().reviews().reviewers().orElse(kernel.settings().managers()),
                kernel.settings().credentials(), kernel.settings().notifier(), items);
    }
}
