package dev.steward.review;

import dev.steward.Page;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import java.util.Optional;

/**
 * Access reviews: opens certification campaigns, takes reviewers' decisions, closes cycles and
 * reports on them; reconfirms agents. Obtained from {@link dev.steward.Steward#reviews()};
 * thread-safe. Every change writes audit events in the same unit of work.
 *
 * <p>Rules enforced here:
 * <ul>
 *   <li>only an active human reviews, and never their own access (separation of duties); agents
 *       never review, nor does the host system;</li>
 *   <li>an item is decided once: of two reviewers deciding it at the same time one wins and the
 *       other gets a {@link dev.steward.ConflictException};</li>
 *   <li>a closed cycle is immutable ({@link dev.steward.InvalidTransitionException}).</li>
 * </ul>
 *
 * <pre>{@code
 * ReviewCycle q3 = steward.reviews().open(ReviewCycleSpec.named("Q3 agents")
 *     .identityKinds(IdentityKind.AGENT).fallbackReviewer(secOps.id()).dueIn(Duration.ofDays(14)), hr);
 * for (ReviewItem item : steward.reviews().items(ReviewItemQuery.all().cycle(q3.id())
 *         .reviewer(alice.id()).status(ReviewItemStatus.PENDING)).items()) {
 *     steward.reviews().decide(item.id(), item.useCount() == 0 ? ReviewDecision.REVOKE : ReviewDecision.CERTIFY,
 *         alice.asActor(), "checked against the project list");
 * }
 * ReviewReport report = steward.reviews().report(steward.reviews().close(q3.id(), hr, "due").id());
 * }</pre>
 */
public interface ReviewService {
    /**
     * Opens a campaign: snapshots the items the scope covers and assigns each a reviewer (the
     * accountable owner for non-human identities; the host's relation, e.g. the manager, for a
     * person's access; the fallback reviewer when those are missing, not active humans, or the
     * subject itself). Reviewers are told through the notifier after the cycle is stored.
     *
     * @param spec what to review
     * @param actor an active human or the host system
     * @return the open cycle
     * @throws dev.steward.ValidationException if no fallback reviewer is given or the spec is invalid
     */
    ReviewCycle open(ReviewCycleSpec spec, Actor actor);

    /**
     * {@return the cycle with this id, if it exists}
     *
     * @param id a cycle id
     */
    Optional<ReviewCycle> find(ReviewCycleId id);

    /**
     * {@return the cycle with this id}
     *
     * @param id a cycle id
     * @throws dev.steward.NotFoundException if no cycle has this id
     */
    ReviewCycle get(ReviewCycleId id);

    /**
     * {@return one page of the cycles the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<ReviewCycle> query(ReviewCycleQuery query);

    /**
     * {@return the review item with this id}
     *
     * @param id an item id
     * @throws dev.steward.NotFoundException if no item has this id
     */
    ReviewItem item(ReviewItemId id);

    /**
     * {@return one page of the review items the query matches, ordered by id}
     *
     * @param query the filter, the cursor and the page size
     */
    Page<ReviewItem> items(ReviewItemQuery query);

    /**
     * Certifies or revokes one item. A revoke takes effect in the same unit of work unless the
     * cycle defers revocations to its close.
     *
     * @param id the item
     * @param decision {@link ReviewDecision#CERTIFY} or {@link ReviewDecision#REVOKE}
     * @param reviewer the item's reviewer: an active human who is not its subject
     * @param comment why
     * @return the decided item
     * @throws dev.steward.ConflictException if the item was already decided
     * @throws dev.steward.PolicyViolationException if the reviewer may not decide it
     */
    ReviewItem decide(ReviewItemId id, ReviewDecision decision, Actor reviewer, String comment);

    /**
     * Decides an ownership item by passing the identity to another accountable human, at once.
     *
     * @param id an ownership item
     * @param newOwner an active human
     * @param reviewer the item's reviewer
     * @param comment why
     * @return the decided item
     */
    ReviewItem reassign(ReviewItemId id, IdentityId newOwner, Actor reviewer, String comment);

    /**
     * Takes one decision over every pending item of the reviewer in a cycle that the filter covers.
     * Items decided meanwhile by someone else are skipped, not failed.
     *
     * @param cycle the cycle
     * @param filter which items
     * @param decision {@link ReviewDecision#CERTIFY} or {@link ReviewDecision#REVOKE}
     * @param reviewer the reviewer whose items these are
     * @param comment why
     * @return what it decided
     */
    BulkDecision decideAll(ReviewCycleId cycle, ReviewItemFilter filter, ReviewDecision decision, Actor reviewer,
            String comment);

    /**
     * Hands a pending item to another reviewer: an active human who is not its subject. The item's
     * reviewer may hand it on; an unassigned item may be assigned by the cycle's fallback reviewer or
     * the host system.
     *
     * @param id the item
     * @param to the new reviewer
     * @param actor who hands it on
     * @param comment why
     * @return the item, with its new reviewer
     */
    ReviewItem forward(ReviewItemId id, IdentityId to, Actor actor, String comment);

    /**
     * Closes a cycle: applies deferred revocations and the cycle's policy to undecided items, page
     * by page, then marks it closed. Afterwards it is immutable.
     *
     * @param id the cycle
     * @param actor an active human or the host system
     * @param reason why
     * @return the closed cycle
     */
    ReviewCycle close(ReviewCycleId id, Actor actor, String reason);

    /**
     * Reconfirms that an agent is still needed, restarting its reconfirmation period; certifying its
     * reconfirmation review item does the same. An agent that the lifecycle sweep suspended
     * because its reconfirmation lapsed is reconfirmed, then resumed (an {@code IDENTITY_RESUMED}
     * event in the same unit of work); an agent suspended for any other reason is reconfirmed and
     * stays suspended.
     *
     * @param agent the agent
     * @param owner its accountable owner
     * @param comment why it is still needed
     * @return the reconfirmed agent
     */
    Identity reconfirm(IdentityId agent, Actor owner, String comment);

    /**
     * @param id a cycle
     * @return its evidence report, as of now
     */
    ReviewReport report(ReviewCycleId id);
}
