package dev.steward.tck;

import static dev.steward.tck.KitSupport.assertSameFields;
import static dev.steward.tck.KitSupport.collectPages;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ConflictException;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.grant.Grant;
import dev.steward.identity.IdentityId;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemQuery;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewOrigin;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreTransaction;
import dev.steward.tck.KitSupport.KitFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rules of the kit's "reviews" group: review cycles and items, and grant usage (the evidence
 * review items show).
 *
 * <p>What the SPI leaves to the store, and the kit requires:
 * <ul>
 *   <li>Cycles and items are stored like the other entities: exact round trip (the kit writes a
 *       cycle whose scope holds sets, lists and a duration with nanoseconds, and items with every
 *       optional field present), {@link ConflictException} on an existing id or a version that is
 *       not the stored one plus one, {@link NotFoundException} on an update of an unknown id. A
 *       JSON document per record plus the columns the queries filter on is enough.</li>
 *   <li>{@link dev.steward.spi.EntityTable#insertAll} writes a batch: a cycle over a million grants
 *       opens with a million items, so write them as batched inserts, not a round trip each. An id
 *       that exists, or repeats within the batch, fails the unit with {@link ConflictException}.</li>
 *   <li>Review writes add nothing to the change sequence: no instance caches reviews.</li>
 *   <li>{@link dev.steward.spi.EntityTable#recordUsage} is telemetry exactly like credential usage:
 *       additive, forward-only, no version, no change, unknown ids ignored, and
 *       {@link dev.steward.spi.EntityTable#update} keeps the stored usage.</li>
 *   <li>Queries filter on {@code origin} and {@code status} (cycles) and on {@code cycle},
 *       {@code reviewer} and {@code status} (items), ordered by id in binary order, with the same
 *       cursor rules as the other queries.</li>
 * </ul>
 */
abstract class ReviewRules extends StoreKitGroup {
    private final ReviewCycle open = Samples.reviewCycle("cycle-1", ReviewOrigin.CAMPAIGN, ReviewCycleStatus.OPEN);
    private final ReviewCycle full = Samples.fullReviewCycle("Cycle-1");
    private final IdentityId alice = IdentityId.of("alice");
    private final IdentityId bob = IdentityId.of("Bob");

    private ReviewItem item(String id, IdentityId reviewer, ReviewItemStatus status) {
        return Samples.reviewItem(id, open.id(), reviewer, status);
    }

    // ---------------------------------------------------------------------------------------------
    // Cycles

    @Test
    @DisplayName("an inserted review cycle is found again equal field by field, within its unit and after commit")
    void cycleInsertAndFind() {
        write(tx -> {
            tx.table(EntityType.REVIEW_CYCLE).insert(open);
            tx.table(EntityType.REVIEW_CYCLE).insert(full);
            assertSameFields(tx.table(EntityType.REVIEW_CYCLE).find(open.id().value()).orElse(null), open,
                    "the open cycle within its unit");
            assertSameFields(tx.table(EntityType.REVIEW_CYCLE).find(full.id().value()).orElse(null), full,
                    "the full cycle within its unit");
        });
        read(tx -> {
            assertSameFields(tx.table(EntityType.REVIEW_CYCLE).find(open.id().value()).orElse(null), open,
                    "the open cycle after commit");
            assertSameFields(tx.table(EntityType.REVIEW_CYCLE).find(full.id().value()).orElse(null), full,
                    "the full cycle after commit");
            assertSameFields(tx.table(EntityType.REVIEW_CYCLE).find(full.id().value()).orElseThrow().scope(),
                    full.scope(), "the full scope");
            assertThat(tx.table(EntityType.REVIEW_CYCLE).find(ReviewCycleId.of("CYCLE-1").value()))
                    .as("ids are case-sensitive").isEmpty();
        });
    }

    @Test
    @DisplayName("review cycles: an existing id conflicts; an update is the stored version plus one, else ConflictException; an unknown id NotFoundException")
    void cycleVersions() {
        write(tx -> tx.table(EntityType.REVIEW_CYCLE).insert(open));
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_CYCLE).insert(open)))
                .isInstanceOf(ConflictException.class);
        ReviewCycle v2 = open.withStatus(ReviewCycleStatus.CLOSING, alice, "closing — 𝄞", at(Duration.ofDays(1)));
        write(tx -> tx.table(EntityType.REVIEW_CYCLE).update(v2));
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_CYCLE).update(next(open, "based on v1 again"))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_CYCLE).update(next(next(v2, "v3"), "v4"))))
                .isInstanceOf(ConflictException.class);
        ReviewCycle v3 = v2.withStatus(ReviewCycleStatus.CLOSED, alice, "closed", at(Duration.ofDays(2)));
        write(tx -> tx.table(EntityType.REVIEW_CYCLE).update(v3));
        read(tx -> assertSameFields(tx.table(EntityType.REVIEW_CYCLE).find(open.id().value()).orElse(null), v3,
                "after two updates"));
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_CYCLE).update(next(full, "ghost"))))
                .isInstanceOf(NotFoundException.class);
        read(tx -> assertThat(tx.table(EntityType.REVIEW_CYCLE).find(full.id().value())).isEmpty());
    }

    @Test
    @DisplayName("queryReviewCycles filters on origin and status, in id order, following cursors")
    void cycleQueries() {
        List<ReviewCycle> all = new ArrayList<>();
        ReviewOrigin[] origins = ReviewOrigin.values();
        ReviewCycleStatus[] statuses = ReviewCycleStatus.values();
        for (int i = 0; i < 23; i++) {
            all.add(Samples.reviewCycle((i % 2 == 0 ? "c-" : "C-") + i, origins[i % origins.length],
                    statuses[i % statuses.length]));
        }
        write(tx -> all.forEach(tx.table(EntityType.REVIEW_CYCLE)::insert));
        checkCycles(all, ReviewCycleQuery.all(), c -> true);
        checkCycles(all, ReviewCycleQuery.all().origin(ReviewOrigin.RECONFIRMATION),
                c -> c.origin() == ReviewOrigin.RECONFIRMATION);
        checkCycles(all, ReviewCycleQuery.all().status(ReviewCycleStatus.OPEN).origin(ReviewOrigin.CAMPAIGN),
                c -> c.status() == ReviewCycleStatus.OPEN && c.origin() == ReviewOrigin.CAMPAIGN);
    }

    private void checkCycles(List<ReviewCycle> all, ReviewCycleQuery query, Predicate<ReviewCycle> filter) {
        checkPages(all, filter, Comparator.comparing(ReviewCycle::id), limit -> {
            ReviewCycleQuery q = query.limit(limit);
            return c -> fetch(tx -> tx.table(EntityType.REVIEW_CYCLE).query(EntityQuery.of(c.map(q::after).orElse(q))));
        }, query);
    }

    /** Follows every page of a query at page sizes 1, 7 and 1000, and expects the filtered records in id order. */
    private static <T> void checkPages(List<T> all, Predicate<T> filter, Comparator<T> order,
            IntFunction<Function<Optional<String>, Page<T>>> pages, Object query) {
        List<T> expected = all.stream().filter(filter).sorted(order).collect(Collectors.toList());
        for (int limit : new int[] {1, 7, 1000}) {
            assertThat(collectPages(limit, pages.apply(limit))).as("%s with limit %d", query, limit)
                    .containsExactlyElementsOf(expected);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Items

    @Test
    @DisplayName("a batch of review items is found again equal field by field, within its unit and after commit")
    void itemsInsertAndFind() {
        ReviewItem plain = item("cycle-1-0000001", alice, ReviewItemStatus.PENDING);
        ReviewItem rich = Samples.fullReviewItem("cycle-1-0000002", open.id());
        write(tx -> {
            tx.table(EntityType.REVIEW_CYCLE).insert(open);
            tx.table(EntityType.REVIEW_ITEM).insertAll(List.of(plain, rich));
            assertSameFields(tx.table(EntityType.REVIEW_ITEM).find(plain.id().value()).orElse(null), plain,
                    "the plain item within its unit");
            assertSameFields(tx.table(EntityType.REVIEW_ITEM).find(rich.id().value()).orElse(null), rich,
                    "the full item within its unit");
        });
        read(tx -> {
            assertSameFields(tx.table(EntityType.REVIEW_ITEM).find(plain.id().value()).orElse(null), plain,
                    "the plain item after commit");
            assertSameFields(tx.table(EntityType.REVIEW_ITEM).find(rich.id().value()).orElse(null), rich,
                    "the full item after commit");
            assertThat(tx.table(EntityType.REVIEW_ITEM).find(ReviewItemId.of("CYCLE-1-0000001").value()))
                    .as("ids are case-sensitive").isEmpty();
        });
    }

    @Test
    @DisplayName("a batch with an existing or repeated id throws ConflictException and writes none of the batch")
    void itemsBatchConflict() {
        ReviewItem first = item("i-1", alice, ReviewItemStatus.PENDING);
        write(tx -> tx.table(EntityType.REVIEW_ITEM).insertAll(List.of(first)));
        ReviewItem fresh = item("i-2", alice, ReviewItemStatus.PENDING);
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_ITEM).insertAll(List.of(fresh, first))))
                .as("an existing id").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_ITEM).insertAll(List.of(fresh, fresh))))
                .as("an id twice in the batch").isInstanceOf(ConflictException.class);
        read(tx -> {
            assertThat(tx.table(EntityType.REVIEW_ITEM).find(fresh.id().value())).isEmpty();
            assertThat(tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(ReviewItemQuery.all())).items())
                    .containsExactly(first);
        });
    }

    @Test
    @DisplayName("a large batch (10,000 items) is stored whole and pages back in id order")
    void itemsLargeBatch() {
        List<ReviewItem> batch = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            batch.add(Samples.reviewItem(ReviewItemId.of(open.id(), i).value(), open.id(), i % 3 == 0 ? bob : alice,
                    ReviewItemStatus.PENDING));
        }
        write(tx -> tx.table(EntityType.REVIEW_ITEM).insertAll(batch));
        ReviewItemQuery q = ReviewItemQuery.all().cycle(open.id()).limit(1000);
        assertThat(collectPages(1000, c -> fetch(tx -> tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(c
                .map(q::after).orElse(q))))))
                .containsExactlyElementsOf(batch);
    }

    @Test
    @DisplayName("review items: an update is the stored version plus one; two units deciding from the same version: the second gets ConflictException")
    void itemVersions() {
        ReviewItem v1 = item("i-1", alice, ReviewItemStatus.PENDING);
        write(tx -> tx.table(EntityType.REVIEW_ITEM).insertAll(List.of(v1)));
        ReviewItem certified = v1.decided(alice, dev.steward.review.ReviewDecision.CERTIFY, java.util.Optional.empty(),
                "needed — 𝄞", java.util.Optional.empty(), at(Duration.ofHours(1)));
        ReviewItem revoked = v1.decided(alice, dev.steward.review.ReviewDecision.REVOKE, java.util.Optional.empty(),
                "unused", java.util.Optional.of(at(Duration.ofHours(2))), at(Duration.ofHours(2)));
        write(tx -> tx.table(EntityType.REVIEW_ITEM).update(certified));
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_ITEM).update(revoked)))
                .isInstanceOf(ConflictException.class);
        read(tx -> assertSameFields(tx.table(EntityType.REVIEW_ITEM).find(v1.id().value()).orElse(null), certified,
                "the winning decision"));
        ReviewItem v3 = next(certified);
        ReviewItem v4 = next(v3);
        write(tx -> {
            tx.table(EntityType.REVIEW_ITEM).update(v3);
            tx.table(EntityType.REVIEW_ITEM).update(v4);
            assertSameFields(tx.table(EntityType.REVIEW_ITEM).find(v1.id().value()).orElse(null), v4,
                    "within the unit that updated it twice");
        });
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_ITEM).update(next(next(v4)))))
                .as("a skipped version").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(tx -> tx.table(EntityType.REVIEW_ITEM).update(next(item("ghost", alice,
                ReviewItemStatus.PENDING))))).isInstanceOf(NotFoundException.class);
        read(tx -> assertThat(tx.table(EntityType.REVIEW_ITEM).find(ReviewItemId.of("ghost").value())).isEmpty());
    }

    @Test
    @DisplayName("queryReviewItems filters on cycle, reviewer and status, sees its unit's own writes, and pages in id order")
    void itemQueries() {
        ReviewCycle other = Samples.reviewCycle("cycle-2", ReviewOrigin.CAMPAIGN, ReviewCycleStatus.OPEN);
        List<ReviewItem> all = new ArrayList<>();
        ReviewItemStatus[] statuses = ReviewItemStatus.values();
        for (int i = 0; i < 30; i++) {
            ReviewCycleId cycle = i % 5 == 0 ? other.id() : open.id();
            IdentityId reviewer = i % 4 == 0 ? null : i % 2 == 0 ? bob : alice;
            all.add(Samples.reviewItem((i % 2 == 0 ? "item-" : "Item-") + (100 + i), cycle, reviewer,
                    statuses[i % statuses.length]));
        }
        write(tx -> tx.table(EntityType.REVIEW_ITEM).insertAll(all));
        checkItems(all, ReviewItemQuery.all(), i -> true);
        checkItems(all, ReviewItemQuery.all().cycle(open.id()), i -> i.cycle().equals(open.id()));
        checkItems(all, ReviewItemQuery.all().reviewer(bob), i -> i.reviewer().filter(bob::equals).isPresent());
        checkItems(all, ReviewItemQuery.all().cycle(open.id()).reviewer(alice).status(ReviewItemStatus.PENDING),
                i -> i.cycle().equals(open.id()) && i.reviewer().filter(alice::equals).isPresent()
                        && i.status() == ReviewItemStatus.PENDING);
        checkItems(all, ReviewItemQuery.all().cycle(ReviewCycleId.of("none")), i -> false);
        ReviewItem changed = all.stream().filter(i -> i.cycle().equals(open.id()) && i.isPending())
                .findFirst().orElseThrow();
        write(tx -> {
            tx.table(EntityType.REVIEW_ITEM).update(changed.lapsed("closed", true, java.util.Optional.empty(),
                    at(Duration.ofDays(1))));
            assertThat(tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(ReviewItemQuery.all().cycle(open.id())
                    .status(ReviewItemStatus.PENDING)
                    .limit(1000))).items()).as("within the unit that changed it").doesNotContain(changed);
            assertThat(tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(ReviewItemQuery.all().cycle(open.id())
                    .status(ReviewItemStatus.LAPSED)
                    .limit(1000))).items()).extracting(ReviewItem::id).contains(changed.id());
        });
    }

    private void checkItems(List<ReviewItem> all, ReviewItemQuery query, Predicate<ReviewItem> filter) {
        checkPages(all, filter, Comparator.comparing(ReviewItem::id), limit -> {
            ReviewItemQuery q = query.limit(limit);
            return c -> fetch(tx -> tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(c.map(q::after).orElse(q))));
        }, query);
    }

    @Test
    @DisplayName("review writes add nothing to the change sequence, and a unit that throws leaves none of them behind")
    void noChangesAndRollback() {
        write(tx -> {
            tx.table(EntityType.REVIEW_CYCLE).insert(open);
            tx.table(EntityType.REVIEW_ITEM).insertAll(List.of(item("i-1", alice, ReviewItemStatus.PENDING)));
        });
        write(tx -> tx.table(EntityType.REVIEW_CYCLE).update(next(open, "v2")));
        assertThat(store().lastChangeSequence()).isZero();
        assertThat(store().changesSince(0, 100)).isEmpty();
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.REVIEW_CYCLE).insert(full);
            tx.table(EntityType.REVIEW_ITEM).insertAll(List.of(item("i-2", bob, ReviewItemStatus.PENDING)));
            tx.table(EntityType.REVIEW_ITEM).update(next(item("i-1", alice, ReviewItemStatus.PENDING)));
            throw new KitFailure();
        })).isInstanceOf(KitFailure.class);
        read(tx -> {
            assertThat(tx.table(EntityType.REVIEW_CYCLE).find(full.id().value())).isEmpty();
            assertThat(tx.table(EntityType.REVIEW_ITEM).find(ReviewItemId.of("i-2").value())).isEmpty();
            assertThat(tx.table(EntityType.REVIEW_ITEM).find(ReviewItemId.of("i-1").value()).orElseThrow().version())
                    .isEqualTo(1);
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Grant usage

    @Test
    @DisplayName("recordGrantUsage adds uses and moves lastUsedAt forward only, with no version, no change, unknown ids ignored")
    void grantUsage() {
        Grant g = Samples.grant("g-1", alice);
        write(tx -> tx.table(EntityType.GRANT).insert(g));
        long changes = store().lastChangeSequence();
        Instant t1 = at(Duration.ofHours(2)).plusNanos(7);
        write(tx -> {
            tx.table(EntityType.GRANT).recordUsage(g.id().value(), t1, 3);
            tx.table(EntityType.GRANT).recordUsage(g.id().value(), at(Duration.ofHours(1)), 2);
            tx.table(EntityType.GRANT).recordUsage(dev.steward.grant.GrantId.of("nobody").value(), t1, 1);
            assertThat(tx.table(EntityType.GRANT).find(g.id().value()).orElseThrow().useCount()).as("within its unit")
                    .isEqualTo(5);
        });
        read(tx -> {
            Grant stored = tx.table(EntityType.GRANT).find(g.id().value()).orElseThrow();
            assertThat(stored.useCount()).isEqualTo(5);
            assertThat(stored.lastUsedAt()).contains(t1);
            assertThat(stored.version()).isEqualTo(1);
            assertThat(tx.table(EntityType.GRANT).find(dev.steward.grant.GrantId.of("nobody").value())).isEmpty();
        });
        assertThat(store().lastChangeSequence()).isEqualTo(changes);
        assertThatThrownBy(() -> write(tx -> {
            tx.table(EntityType.GRANT).recordUsage(g.id().value(), at(Duration.ofDays(1)), 10);
            throw new KitFailure();
        })).isInstanceOf(KitFailure.class);
        read(tx -> assertThat(tx.table(EntityType.GRANT).find(g.id().value()).orElseThrow().useCount())
                .as("rolled back").isEqualTo(5));
    }

    @Test
    @DisplayName("updateGrant keeps the stored usage; a unit that updates a grant and records its usage still adds the grant's change")
    void grantUpdateKeepsUsage() {
        Grant full = Samples.fullGrant("g-2", alice, bob);
        write(tx -> tx.table(EntityType.GRANT).insert(full));
        Grant v2 = next(full, "v2");
        Grant cleared = v2.toBuilder().lastUsedAt(java.util.Optional.empty()).useCount(0).build();
        long before = store().lastChangeSequence();
        write(tx -> {
            tx.table(EntityType.GRANT).update(cleared);
            tx.table(EntityType.GRANT).recordUsage(full.id().value(), at(Duration.ofDays(3)), 1);
        });
        read(tx -> {
            Grant stored = tx.table(EntityType.GRANT).find(full.id().value()).orElseThrow();
            assertThat(stored.statusReason()).isEqualTo("v2");
            assertThat(stored.useCount()).isEqualTo(full.useCount() + 1);
            assertThat(stored.lastUsedAt()).contains(at(Duration.ofDays(3)));
        });
        assertThat(store().changesSince(before, 10)).extracting(dev.steward.spi.StoreChange::id).contains("g-2");
    }
}
