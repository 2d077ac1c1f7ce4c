package dev.steward.internal.review;

import dev.steward.audit.AuditAction;
import dev.steward.identity.IdentityId;
import dev.steward.identity.ManagerDirectory;
import dev.steward.internal.Changes;
import dev.steward.internal.credential.CredentialSettings;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewNotice;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewScope;
import dev.steward.review.RevocationTiming;
import dev.steward.review.UndecidedPolicy;
import dev.steward.spi.EntityType;
import dev.steward.spi.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Opens cycles inside a unit of work: the cycle, its snapshotted items, their event and notices. */
final class Cycles {
    /**
     * @param seed what makes the cycle unique, e.g. the cycle it recurs from
     * @return an id every instance derives alike from the seed, so that two instances opening the
     *     same cycle conflict instead of opening it twice
     */
    static ReviewCycleId derivedId(String seed) {
        return ReviewCycleId.of(java.util.UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
    }

    /** Items are handed to the store in batches of this many. */
    private static final int BATCH = 10_000;

    private Cycles() {
    }

    /** The settings of a new cycle, as a campaign spec or an event gives them. */
    record Plan(String name, ReviewOrigin origin, ReviewScope scope, Instant dueAt,
            Optional<IdentityId> fallbackReviewer, Optional<IdentityId> escalateTo, Optional<Duration> reminderInterval,
            Optional<Duration> escalateAfter, boolean closeAtDue, UndecidedPolicy undecided,
            RevocationTiming revocation, Optional<Duration> recurEvery, Optional<ReviewCycleId> previousCycle) {

        /** @return the plan of a micro-review: closed at its due date, undecided items kept and flagged */
        static Plan micro(String name, ReviewOrigin origin, ReviewScope scope, Instant dueAt,
                Optional<IdentityId> fallbackReviewer) {
            return new Plan(name, origin, scope, dueAt, fallbackReviewer, Optional.empty(), Optional.empty(),
                    Optional.empty(), true, UndecidedPolicy.KEEP_AND_FLAG, RevocationTiming.IMMEDIATELY,
                    Optional.empty(), Optional.empty());
        }

        /** @return the plan of the cycle that recurs from {@code c}, opening at {@code now} */
        static Plan recurring(ReviewCycle c, Instant now) {
            return new Plan(c.name(), c.origin(), c.scope(), now.plus(Duration.between(c.openedAt(), c.dueAt())),
                    c.fallbackReviewer(), c.escalateTo(), c.reminderInterval(), c.escalateAfter(), c.closeAtDue(),
                    c.undecided(), c.revocation(), c.recurEvery(), Optional.of(c.id()));
        }
    }

    /**
     * Opens a cycle in the unit of work; reviewers are notified after it commits.
     *
     * @param c the unit of work
     * @param id the new cycle's id
     * @param plan the cycle's settings
     * @param relation who reviews people's access
     * @param credentials credential policies, for the maximum-age risk
     * @param notifier who tells reviewers
     * @param items makes the items, given the draft cycle and the reviewer assignment; the scope's
     *     snapshot when null
     * @return the open cycle
     */
    static ReviewCycle open(Changes c, ReviewCycleId id, Plan plan, ManagerDirectory relation,
            CredentialSettings credentials, Notifier notifier, Function<Snapshot, List<ReviewItem>> items) {
        Instant now = c.now();
        ReviewCycle draft = cycle(plan, id, c.actor().id(), now, 0);
        Snapshot snapshot = new Snapshot(c.tx(), draft, new Reviewers(c.tx(), relation, now), credentials, now);
        List<ReviewItem> taken = items == null ? snapshot.take() : items.apply(snapshot);
        ReviewCycle cycle = cycle(plan, draft.id(), c.actor().id(), now, taken.size());
        Map<ReviewItemKind, Integer> perKind = new EnumMap<>(ReviewItemKind.class);
        int unassigned = 0;
        for (ReviewItem item : taken) {
            perKind.merge(item.kind(), 1, Integer::sum);
            unassigned += item.reviewer().isEmpty() ? 1 : 0;
        }
        c.insert(EntityType.REVIEW_CYCLE, cycle, AuditAction.REVIEW_CYCLE_OPENED, plan.name(), Map.of("origin",
                plan.origin().name(),
                "items", Integer.toString(taken.size()), "grants", count(perKind, ReviewItemKind.GRANT),
                "credentials", count(perKind, ReviewItemKind.CREDENTIAL), "ownerships",
                count(perKind, ReviewItemKind.OWNERSHIP), "unassigned", Integer.toString(unassigned),
                "dueAt", cycle.dueAt().toString(), "previousCycle",
                plan.previousCycle().map(ReviewCycleId::value).orElse("")));
        for (int from = 0; from < taken.size(); from += BATCH) {
            c.insertAll(EntityType.REVIEW_ITEM, taken.subList(from, Math.min(taken.size(), from + BATCH)));
        }
        if (notifier != Notifier.NONE) {
            c.afterCommit(() -> {
                for (ReviewItem item : taken) {
                    item.reviewer().ifPresent(r -> Notices.send(notifier, Notices.of(ReviewNotice.Kind.ASSIGNED, r,
                            cycle, item, now)));
                }
            });
        }
        return cycle;
    }

    private static String count(Map<ReviewItemKind, Integer> perKind, ReviewItemKind kind) {
        return Integer.toString(perKind.getOrDefault(kind, 0));
    }

    private static ReviewCycle cycle(Plan p, ReviewCycleId id, IdentityId by, Instant now, long itemCount) {
        return ReviewCycle.builder().id(id).name(p.name()).origin(p.origin()).status(ReviewCycleStatus.OPEN)
                .scope(p.scope()).createdBy(by).openedAt(now).dueAt(p.dueAt()).fallbackReviewer(p.fallbackReviewer())
                .escalateTo(p.escalateTo()).reminderInterval(p.reminderInterval()).escalateAfter(p.escalateAfter())
                .closeAtDue(p.closeAtDue()).undecided(p.undecided()).revocation(p.revocation())
                .recurEvery(p.recurEvery()).previousCycle(p.previousCycle()).itemCount(itemCount)
                .statusReason("opened").updatedAt(now).build();
    }
}
