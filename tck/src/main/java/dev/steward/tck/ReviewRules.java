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
import dev.steward.spi.StoreTransaction;
import dev.steward.tck.KitSupport.KitFailure;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
 *   <li>{@link StoreTransaction#insertReviewItems} writes a batch: a cycle over a million grants
 *       opens with a million items, so write them as batched inserts, not a round trip each. An id
 *       that exists, or repeats within the batch, fails the unit with {@link ConflictException}.</li>
 *   <li>Review writes add nothing to the change sequence: no instance caches reviews.</li>
 *   <li>{@link StoreTransaction#recordGrantUsage} is telemetry exactly like credential usage:
 *       additive, forward-only, no version, no change, unknown ids ignored, and
 *       {@link StoreTransaction#updateGrant} keeps the stored usage.</li>
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
            tx.insertReviewCycle(open);
            tx.insertReviewCycle(full);
            assertSameFields(tx.findReviewCycle(open.id()).orElse(null), open, "the open cycle within its unit");
            assertSameFields(tx.findReviewCycle(full.id()).orElse(null), full, "the full cycle within its unit");
        });
        read(tx -> {
            assertSameFields(tx.findReviewCycle(open.id()).orElse(null), open, "the open cycle after commit");
            assertSameFields(tx.findReviewCycle(full.id()).orElse(null), full, "the full cycle after commit");
            assertSameFields(tx.findReviewCycle(full.id()).orElseThrow().scope(), full.scope(), "the full scope");
            assertThat(tx.findReviewCycle(ReviewCycleId.of("CYCLE-1"))).as("ids are case-sensitive").isEmpty();
        });
    }

    @Test
    @DisplayName("review cycles: an existing id conflicts; an update is the stored version plus one, else ConflictException; an unknown id NotFoundException")
    void cycleVersions() {
        write(tx -> tx.insertReviewCycle(open));
        assertThatThrownBy(() -> write(tx -> tx.insertReviewCycle(open))).isInstanceOf(ConflictException.class);
        ReviewCycle v2 = open.withStatus(ReviewCycleStatus.CLOSING, alice, "closing — 𝄞", at(Duration.ofDays(1)));
        write(tx -> tx.updateReviewCycle(v2));
        assertThatThrownBy(() -> write(tx -> tx.updateReviewCycle(next(open, "based on v1 again"))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(tx -> tx.updateReviewCycle(next(next(v2, "v3"), "v4"))))
                .isInstanceOf(ConflictException.class);
        ReviewCycle v3 = v2.withStatus(ReviewCycleStatus.CLOSED, alice, "closed", at(Duration.ofDays(2)));
        write(tx -> tx.updateReviewCycle(v3));
        read(tx -> assertSameFields(tx.findReviewCycle(open.id()).orElse(null), v3, "after two updates"));
        assertThatThrownBy(() -> write(tx -> tx.updateReviewCycle(next(full, "ghost"))))
                .isInstanceOf(NotFoundException.class);
        read(tx -> assertThat(tx.findReviewCycle(full.id())).isEmpty());
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
        write(tx -> all.forEach(tx::insertReviewCycle));
        checkCycles(all, ReviewCycleQuery.all(), c -> true);
        checkCycles(all, ReviewCycleQuery.all().origin(ReviewOrigin.RECONFIRMATION),
                c -> c.origin() == ReviewOrigin.RECONFIRMATION);
        checkCycles(all, ReviewCycleQuery.all().status(ReviewCycleStatus.OPEN).origin(ReviewOrigin.CAMPAIGN),
                c -> c.status() == ReviewCycleStatus.OPEN && c.origin() == ReviewOrigin.CAMPAIGN);
    }

    private void checkCycles(List<ReviewCycle> all, ReviewCycleQuery query, Predicate<ReviewCycle> filter) {
        checkPages(all, filter, Comparator.comparing(ReviewCycle::id), limit -> {
            ReviewCycleQuery q = query.limit(limit);
            return c -> fetch(tx -> tx.queryReviewCycles(c.map(q::after).orElse(q)));
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
            tx.insertReviewCycle(open);
            tx.insertReviewItems(List.of(plain, rich));
            assertSameFields(tx.findReviewItem(plain.id()).orElse(null), plain, "the plain item within its unit");
            assertSameFields(tx.findReviewItem(rich.id()).orElse(null), rich, "the full item within its unit");
        });
        read(tx -> {
            assertSameFields(tx.findReviewItem(plain.id()).orElse(null), plain, "the plain item after commit");
            assertSameFields(tx.findReviewItem(rich.id()).orElse(null), rich, "the full item after commit");
            assertThat(tx.findReviewItem(ReviewItemId.of("CYCLE-1-0000001"))).as("ids are case-sensitive").isEmpty();
        });
    }

    @Test
    @DisplayName("a batch with an existing or repeated id throws ConflictException and writes none of the batch")
    void itemsBatchConflict() {
        ReviewItem first = item("i-1", alice, ReviewItemStatus.PENDING);
        write(tx -> tx.insertReviewItems(List.of(first)));
        ReviewItem fresh = item("i-2", alice, ReviewItemStatus.PENDING);
        assertThatThrownBy(() -> write(tx -> tx.insertReviewItems(List.of(fresh, first))))
                .as("an existing id").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(tx -> tx.insertReviewItems(List.of(fresh, fresh))))
                .as("an id twice in the batch").isInstanceOf(ConflictException.class);
        read(tx -> {
            assertThat(tx.findReviewItem(fresh.id())).isEmpty();
            assertThat(tx.queryReviewItems(ReviewItemQuery.all()).items()).containsExactly(first);
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
        write(tx -> tx.insertReviewItems(batch));
        ReviewItemQuery q = ReviewItemQuery.all().cycle(open.id()).limit(1000);
        assertThat(collectPages(1000, c -> fetch(tx -> tx.queryReviewItems(c.map(q::after).orElse(q)))))
                .containsExactlyElementsOf(batch);
    }

    @Test
    @DisplayName("review items: an update is the stored version plus one; two units deciding from the same version: the second gets ConflictException")
    void itemVersions() {
        ReviewItem v1 = item("i-1", alice, ReviewItemStatus.PENDING);
        write(tx -> tx.insertReviewItems(List.of(v1)));
        ReviewItem certified = v1.decided(alice, dev.steward.review.ReviewDecision.CERTIFY, java.util.Optional.empty(),
                "needed — 𝄞", java.util.Optional.empty(), at(Duration.ofHours(1)));
        ReviewItem revoked = v1.decided(alice, dev.steward.review.ReviewDecision.REVOKE, java.util.Optional.empty(),
                "unused", java.util.Optional.of(at(Duration.ofHours(2))), at(Duration.ofHours(2)));
        write(tx -> tx.updateReviewItem(certified));
        assertThatThrownBy(() -> write(tx -> tx.updateReviewItem(revoked))).isInstanceOf(ConflictException.class);
        read(tx -> assertSameFields(tx.findReviewItem(v1.id()).orElse(null), certified, "the winning decision"));
        ReviewItem v3 = next(certified);
        ReviewItem v4 = next(v3);
        write(tx -> {
            tx.updateReviewItem(v3);
            tx.updateReviewItem(v4);
            assertSameFields(tx.findReviewItem(v1.id()).orElse(null), v4, "within the unit that updated it twice");
        });
        assertThatThrownBy(() -> write(tx -> tx.updateReviewItem(next(next(v4)))))
                .as("a skipped version").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(tx -> tx.updateReviewItem(next(item("ghost", alice,
                ReviewItemStatus.PENDING))))).isInstanceOf(NotFoundException.class);
        read(tx -> assertThat(tx.findReviewItem(ReviewItemId.of("ghost"))).isEmpty());
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
        write(tx -> tx.insertReviewItems(all));
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
            tx.updateReviewItem(changed.lapsed("closed", true, java.util.Optional.empty(), at(Duration.ofDays(1))));
            assertThat(tx.queryReviewItems(ReviewItemQuery.all().cycle(open.id()).status(ReviewItemStatus.PENDING)
                    .limit(1000)).items()).as("within the unit that changed it").doesNotContain(changed);
            assertThat(tx.queryReviewItems(ReviewItemQuery.all().cycle(open.id()).status(ReviewItemStatus.LAPSED)
                    .limit(1000)).items()).extracting(ReviewItem::id).contains(changed.id());
        });
    }

    private void checkItems(List<ReviewItem> all, ReviewItemQuery query, Predicate<ReviewItem> filter) {
        checkPages(all, filter, Comparator.comparing(ReviewItem::id), limit -> {
            ReviewItemQuery q = query.limit(limit);
            return c -> fetch(tx -> tx.queryReviewItems(c.map(q::after).orElse(q)));
        }, query);
    }

    @Test
    @DisplayName("review writes add nothing to the change sequence, and a unit that throws leaves none of them behind")
    void noChangesAndRollback() {
        write(tx -> {
            tx.insertReviewCycle(open);
            tx.insertReviewItems(List.of(item("i-1", alice, ReviewItemStatus.PENDING)));
        });
        write(tx -> tx.updateReviewCycle(next(open, "v2")));
        assertThat(store().lastChangeSequence()).isZero();
        assertThat(store().changesSince(0, 100)).isEmpty();
        assertThatThrownBy(() -> write(tx -> {
            tx.insertReviewCycle(full);
            tx.insertReviewItems(List.of(item("i-2", bob, ReviewItemStatus.PENDING)));
            tx.updateReviewItem(next(item("i-1", alice, ReviewItemStatus.PENDING)));
            throw new KitFailure();
        })).isInstanceOf(KitFailure.class);
        read(tx -> {
            assertThat(tx.findReviewCycle(full.id())).isEmpty();
            assertThat(tx.findReviewItem(ReviewItemId.of("i-2"))).isEmpty();
            assertThat(tx.findReviewItem(ReviewItemId.of("i-1")).orElseThrow().version()).isEqualTo(1);
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Grant usage

    @Test
    @DisplayName("recordGrantUsage adds uses and moves lastUsedAt forward only, with no version, no change, unknown ids ignored")
    void grantUsage() {
        Grant g = Samples.grant("g-1", alice);
        write(tx -> tx.insertGrant(g));
        long changes = store().lastChangeSequence();
        Instant t1 = at(Duration.ofHours(2)).plusNanos(7);
        write(tx -> {
            tx.recordGrantUsage(g.id(), t1, 3);
            tx.recordGrantUsage(g.id(), at(Duration.ofHours(1)), 2);
            tx.recordGrantUsage(dev.steward.grant.GrantId.of("nobody"), t1, 1);
            assertThat(tx.findGrant(g.id()).orElseThrow().useCount()).as("within its unit").isEqualTo(5);
        });
        read(tx -> {
            Grant stored = tx.findGrant(g.id()).orElseThrow();
            assertThat(stored.useCount()).isEqualTo(5);
            assertThat(stored.lastUsedAt()).contains(t1);
            assertThat(stored.version()).isEqualTo(1);
            assertThat(tx.findGrant(dev.steward.grant.GrantId.of("nobody"))).isEmpty();
        });
        assertThat(store().lastChangeSequence()).isEqualTo(changes);
        assertThatThrownBy(() -> write(tx -> {
            tx.recordGrantUsage(g.id(), at(Duration.ofDays(1)), 10);
            throw new KitFailure();
        })).isInstanceOf(KitFailure.class);
        read(tx -> assertThat(tx.findGrant(g.id()).orElseThrow().useCount()).as("rolled back").isEqualTo(5));
    }

    @Test
    @DisplayName("updateGrant keeps the stored usage; a unit that updates a grant and records its usage still adds the grant's change")
    void grantUpdateKeepsUsage() {
        Grant full = Samples.fullGrant("g-2", alice, bob);
        write(tx -> tx.insertGrant(full));
        Grant v2 = next(full, "v2");
        Grant cleared = v2.toBuilder().lastUsedAt(java.util.Optional.empty()).useCount(0).build();
        long before = store().lastChangeSequence();
        write(tx -> {
            tx.updateGrant(cleared);
            tx.recordGrantUsage(full.id(), at(Duration.ofDays(3)), 1);
        });
        read(tx -> {
            Grant stored = tx.findGrant(full.id()).orElseThrow();
            assertThat(stored.statusReason()).isEqualTo("v2");
            assertThat(stored.useCount()).isEqualTo(full.useCount() + 1);
            assertThat(stored.lastUsedAt()).contains(at(Duration.ofDays(3)));
        });
        assertThat(store().changesSince(before, 10)).extracting(dev.steward.spi.StoreChange::id).contains("g-2");
    }
}
