package dev.steward.internal.review;

import dev.steward.spi.PluginFailures;
import dev.steward.ConflictException;
import dev.steward.InvalidTransitionException;
import dev.steward.audit.AuditAction;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.internal.Changes;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.Pages;
import dev.steward.internal.identity.Leavers;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemQuery;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewNotice;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewPolicy;
import dev.steward.review.ReviewScope;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The review part of the lifecycle sweep: finishes interrupted closes, closes cycles at their due
 * date, reminds reviewers, escalates overdue items, opens recurring cycles, opens reconfirmation
 * reviews and suspends agents whose reconfirmation lapsed. Each change is its own unit of work and
 * its notices go out only after it commits; a {@link ConflictException} means another instance
 * made the change, and it is skipped without a notice.
 */
public final class ReviewSweep {
    private static final Log LOG = Log.of(ReviewSweep.class);
    private static final Actor SWEEP = Actor.system("lifecycle-sweep");
    private static final int PAGE = 500;

    /**
     * What the review sweep changed.
     *
     * @param cyclesOpened recurring cycles and reconfirmation reviews opened
     * @param cyclesClosed cycles closed at their due date, or whose interrupted close was finished
     * @param reminders reminders sent
     * @param escalations items escalated
     * @param agentsSuspended agents suspended because their reconfirmation lapsed
     */
    public record Counts(int cyclesOpened, int cyclesClosed, int reminders, int escalations, int agentsSuspended) {
    }

    private final Kernel kernel;
    private final DefaultReviewService reviews;
    private final Leavers leavers;

    /**
     * @param kernel the shared state
     * @param reviews the review service, for its closes and its reviewer relation
     * @param leavers the suspension cascade
     */
    public ReviewSweep(Kernel kernel, DefaultReviewService reviews, Leavers leavers) {
        this.kernel = kernel;
        this.reviews = reviews;
        this.leavers = leavers;
    }

    /** @return what it changed */
    public Counts sweep() {
        Instant now = kernel.settings().clock().instant();
        int closed = 0;
        int reminded = 0;
        int escalated = 0;
        for (ReviewCycle cycle : cycles(ReviewCycleQuery.all().status(ReviewCycleStatus.CLOSING))) {
            closed += attempt(() -> reviews.closer().finish(cycle.id(), SWEEP, cycle.statusReason()));
        }
        for (ReviewCycle cycle : cycles(ReviewCycleQuery.all().status(ReviewCycleStatus.OPEN))) {
            if (cycle.closeAtDue() && !now.isBefore(cycle.dueAt())) {
                closed += attempt(() -> reviews.closer().close(cycle.id(), SWEEP, "due date reached", c -> { }));
                continue;
            }
            if (cycle.reminderInterval().isPresent()) {
                Duration every = cycle.reminderInterval().get();
                reminded += eachPending(cycle, i -> i.reviewer().isPresent()
                        && !now.isBefore(i.lastRemindedAt().orElse(cycle.openedAt()).plus(every)), this::remind);
            }
            if (cycle.escalateAfter().filter(d -> !now.isBefore(cycle.openedAt().plus(d))).isPresent()) {
                escalated += eachPending(cycle, i -> i.escalatedAt().isEmpty(), this::escalate);
            }
        }
        int opened = recur(now) + reconfirmationReviews(now);
        return new Counts(opened, closed, reminded, escalated, suspendUnreconfirmed(now));
    }

    private List<ReviewCycle> cycles(ReviewCycleQuery query) {
        return Pages.all(kernel::page, EntityQuery.of(query.limit(PAGE)));
    }

    /** Runs a change; a conflict means another instance made it. @return 1 if it was made here */
    private static int attempt(Runnable change) {
        try {
            change.run();
            return 1;
        } catch (ConflictException | InvalidTransitionException e) {
            LOG.debug("another instance made this change first", e);
            return 0;
        }
    }

    /** Handles a cycle's pending items that {@code due} selects, one unit of work per page. */
    private int eachPending(ReviewCycle cycle, Predicate<ReviewItem> due, ItemAction action) {
        ReviewItemQuery q = ReviewItemQuery.all().cycle(cycle.id()).status(ReviewItemStatus.PENDING).limit(PAGE);
        int[] done = {0};
        Pages.forEach(kernel::page, EntityQuery.of(q), page -> {
            if (page.items().stream().anyMatch(due)) {
                done[0] += attemptCount(() -> kernel.change(SWEEP, c -> {
                    int n = 0;
                    for (ReviewItem stale : page.items()) {
                        ReviewItem item = Decisions.item(c, stale.id());
                        if (item.isPending() && due.test(item)) {
                            action.apply(c, cycle, item);
                            n++;
                        }
                    }
                    return n;
                }));
            }
        });
        return done[0];
    }

    private static int attemptCount(java.util.function.Supplier<Integer> change) {
        try {
            return change.get();
        } catch (ConflictException e) {
            LOG.debug("another instance made this change first", e);
            return 0;
        }
    }

    /** What the sweep does to one due item inside a unit of work. */
    @FunctionalInterface
    private interface ItemAction {
        void apply(Changes c, ReviewCycle cycle, ReviewItem item);
    }

    private void remind(Changes c, ReviewCycle cycle, ReviewItem item) {
        ReviewItem reminded = item.reminded(c.now());
        IdentityId reviewer = item.reviewer().orElseThrow();
        c.update(EntityType.REVIEW_ITEM, reminded, AuditAction.REVIEW_ITEM_REMINDED,
                "reminder " + reminded.remindersSent(),
                Map.of("reviewer", reviewer.value(), "dueAt", cycle.dueAt().toString()));
        notifyAfter(c, ReviewNotice.Kind.REMINDER, reviewer, cycle, reminded);
    }

    private void escalate(Changes c, ReviewCycle cycle, ReviewItem item) {
        Optional<IdentityId> to = cycle.escalateTo()
                .or(() -> item.reviewer().flatMap(this::managerOf))
                .or(cycle::fallbackReviewer)
                .or(item::reviewer);
        ReviewItem escalated = item.escalated(c.now());
        c.update(EntityType.REVIEW_ITEM, escalated, AuditAction.REVIEW_ITEM_ESCALATED,
                "pending " + Checks.words(cycle.escalateAfter()
                .orElseThrow()) + " after the cycle opened", Map.of("to", to.map(IdentityId::value).orElse("")));
        to.ifPresent(recipient -> notifyAfter(c, ReviewNotice.Kind.ESCALATED, recipient, cycle, escalated));
    }

    /** The host's relation, whose failure only means escalating to the fallback instead. */
    private Optional<IdentityId> managerOf(IdentityId reviewer) {
        try {
            return reviews.relation().managerOf(reviewer);
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.warn("the host's reviewer relation failed for {}; escalating to the fallback", reviewer, e);
            return Optional.empty();
        }
    }

    private void notifyAfter(Changes c, ReviewNotice.Kind kind, IdentityId recipient, ReviewCycle cycle,
            ReviewItem item) {
        ReviewNotice notice = Notices.of(kind, recipient, cycle, item, c.now());
        c.afterCommit(() -> Notices.send(kernel.settings().notifier(), notice));
    }

    /** Opens the next cycle of each recurring campaign whose period has passed. */
    private int recur(Instant now) {
        int opened = 0;
        for (ReviewCycle cycle : cycles(ReviewCycleQuery.all().origin(ReviewOrigin.CAMPAIGN))) {
            if (cycle.recurEvery().isEmpty() || now.isBefore(cycle.openedAt().plus(cycle.recurEvery().get()))) {
                continue;
            }
            ReviewCycleId next = Cycles.derivedId("recurrence of " + cycle.id().value());
            if (kernel.read(tx -> tx.table(EntityType.REVIEW_CYCLE).find(next.value())).isPresent()) {
                continue;
            }
            reviews.flushUsage();
            opened += attempt(() -> kernel.change(SWEEP, c -> open(c, next, Cycles.Plan.recurring(cycle, c.now()),
                    null)));
        }
        return opened;
    }

    private ReviewCycle open(Changes c, ReviewCycleId id, Cycles.Plan plan,
            Function<Snapshot, List<ReviewItem>> items) {
        return Cycles.open(c, id, plan, reviews.relation(), kernel.settings().credentials(),
                kernel.settings().notifier(), items);
    }

    /**
     * Opens a reconfirmation review for each active agent whose reconfirmation fell due and that
     * has none for this period. One first found past its grace period (no sweep ran in between)
     * gets its review all the same, due a full grace period from now: no agent is suspended
     * without notice.
     */
    private int reconfirmationReviews(Instant now) {
        ReviewPolicy policy = kernel.settings().reviews();
        if (policy.reconfirmAgentsEvery().isEmpty()) {
            return 0;
        }
        Duration every = policy.reconfirmAgentsEvery().get();
        Set<IdentityId> underReview = new HashSet<>();
        cycles(ReviewCycleQuery.all().origin(ReviewOrigin.RECONFIRMATION).status(ReviewCycleStatus.OPEN))
                .forEach(c -> underReview.addAll(c.scope().subjects()));
        int opened = 0;
        for (Identity agent : activeAgents()) {
            Instant due = agent.reconfirmationBase().plus(every);
            if (now.isBefore(due) || underReview.contains(agent.id())) {
                continue;
            }
            ReviewCycleId id = reconfirmationId(agent, due);
            if (kernel.read(tx -> tx.table(EntityType.REVIEW_CYCLE).find(id.value())).isPresent()) {
                continue;
            }
            Instant dueAt = Collections.max(List.of(due, now)).plus(policy.reconfirmationGrace());
            ReviewScope scope = new ReviewScope(Set.of(), Set.of(), Set.of(), Set.of(agent.id()),
                    EnumSet.of(ReviewItemKind.OWNERSHIP), List.of(), Set.of(), Optional.empty(), Set.of());
            opened += attempt(() -> kernel.change(SWEEP, c -> open(c, id, Cycles.Plan.micro("reconfirm " + agent.name(),
                    ReviewOrigin.RECONFIRMATION, scope, dueAt, policy.fallbackReviewer()), null)));
        }
        return opened;
    }

    private static ReviewCycleId reconfirmationId(Identity agent, Instant due) {
        return Cycles.derivedId("reconfirmation of " + agent.id().value() + " due " + due);
    }

    /**
     * Suspends agents whose reconfirmation period and grace have both passed, and whose
     * reconfirmation review for this period has reached its own due date: never one that was not
     * given a review, and the grace period to act on it.
     */
    private int suspendUnreconfirmed(Instant now) {
        ReviewPolicy policy = kernel.settings().reviews();
        if (policy.reconfirmAgentsEvery().isEmpty()) {
            return 0;
        }
        Duration every = policy.reconfirmAgentsEvery().get();
        Duration window = every.plus(policy.reconfirmationGrace());
        String reason = Reconfirmations.LAPSED + "not reconfirmed by its owner within " + Checks.words(every)
                + " and a grace period of " + Checks.words(policy.reconfirmationGrace());
        int suspended = 0;
        for (Identity agent : activeAgents()) {
            if (now.isBefore(agent.reconfirmationBase().plus(window)) || !noticeGiven(agent, every, now)) {
                continue;
            }
            suspended += attemptCount(() -> kernel.change(SWEEP, c -> {
                Identity fresh = c.identity(agent.id());
                if (fresh.status() != IdentityStatus.ACTIVE || c.now().isBefore(fresh.reconfirmationBase().plus(window))
                        || !fresh.reconfirmationBase().equals(agent.reconfirmationBase())) {
                    return 0;
                }
                leavers.suspend(c, fresh, reason, SuspensionCause.RECONFIRMATION_LAPSED);
                return 1;
            }));
        }
        return suspended;
    }

    /** @return whether the agent's reconfirmation review for its current period exists and is due by {@code now} */
    private boolean noticeGiven(Identity agent, Duration every, Instant now) {
        ReviewCycleId id = reconfirmationId(agent, agent.reconfirmationBase().plus(every));
        return kernel.read(tx -> tx.table(EntityType.REVIEW_CYCLE).find(id.value())).filter(r ->
                !now.isBefore(r.dueAt())).isPresent();
    }

    private List<Identity> activeAgents() {
        IdentityQuery q = IdentityQuery.all().kind(IdentityKind.AGENT).status(IdentityStatus.ACTIVE).limit(PAGE);
        return Pages.all(kernel::page, EntityQuery.of(q));
    }
}
