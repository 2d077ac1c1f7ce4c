package dev.steward.tck;

import static dev.steward.tck.GovernanceStoreCompatibilityKit.THREADS;
import static dev.steward.tck.KitSupport.assertIncreasing;
import static dev.steward.tck.KitSupport.await;
import static dev.steward.tck.KitSupport.count;
import static dev.steward.tck.Samples.at;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.ConflictException;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditVerifier;
import dev.steward.credential.Credential;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemStatus;
import dev.steward.spi.AuditHead;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreChange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules of the kit's "concurrency" group: {@value GovernanceStoreCompatibilityKit#THREADS}
 * threads run units of work against the one store at once.
 *
 * <p>What the SPI leaves to the store: how it isolates units (serializable transactions, row locks,
 * versioned {@code UPDATE ... WHERE version = ?}, or one unit at a time) and whether a unit that
 * loses a race waits or fails. A unit may fail only with {@link ConflictException}; what matters
 * is that no committed write is lost and the audit chain stays linear.
 */
abstract class ConcurrencyRules extends StoreKitGroup {
    private static final int UNITS_PER_THREAD = 40;

    @Test
    @Timeout(120)
    @DisplayName("read-modify-write from many threads: each unit commits or throws ConflictException, and no update is lost")
    void noLostUpdates() throws Exception {
        List<Identity> targets = List.of(Samples.human("alice"), Samples.human("Bob"), Samples.human("carol"));
        List<Grant> grants = List.of(Samples.grant("g-1", targets.get(0).id()));
        write(tx -> {
            targets.forEach(tx.table(EntityType.IDENTITY)::insert);
            grants.forEach(tx.table(EntityType.GRANT)::insert);
        });
        long changesBefore = store().lastChangeSequence();
        Map<String, AtomicInteger> committed = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        runConcurrently((thread, unit) -> {
            int pick = (thread + unit) % (targets.size() + grants.size());
            try {
                String id = store().transact(tx -> {
                    if (pick < targets.size()) {
                        Identity current = tx.table(EntityType.IDENTITY).find(targets.get(pick).id().value())
                                .orElseThrow();
                        interleave();
                        tx.table(EntityType.IDENTITY).update(next(current, "update " + thread + "/" + unit));
                        return current.id().value();
                    }
                    Grant current = tx.table(EntityType.GRANT).find(grants.get(pick - targets.size()).id().value())
                            .orElseThrow();
                    interleave();
                    tx.table(EntityType.GRANT).update(next(current, "update " + thread + "/" + unit));
                    return current.id().value();
                });
                committed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
            } catch (Throwable t) {
                unexpected.add(t);
            }
        });
        assertThat(unexpected).as("failures other than ConflictException").isEmpty();
        int successes = committed.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(successes + conflicts.get()).isEqualTo(THREADS * UNITS_PER_THREAD);
        assertThat(successes).as("committed units").isPositive();
        read(tx -> {
            for (Identity i : targets) {
                assertThat(tx.table(EntityType.IDENTITY).find(i.id().value()).orElseThrow().version())
                        .as("version of %s", i.id())
                        .isEqualTo(1L + count(committed, i.id().value()));
            }
            for (Grant g : grants) {
                assertThat(tx.table(EntityType.GRANT).find(g.id().value()).orElseThrow().version())
                        .as("version of %s", g.id())
                        .isEqualTo(1L + count(committed, g.id().value()));
            }
        });
        List<StoreChange> changes = store().changesSince(changesBefore, 10_000);
        assertThat(changes).as("one change per committed update").hasSize(successes);
        assertIncreasing(changes);
    }

    @Test
    @Timeout(120)
    @DisplayName("credential usage and read-modify-write updates from many threads: each unit commits or throws ConflictException, no use or update is lost, lastUsedAt is the latest recorded")
    void noLostUsage() throws Exception {
        Credential key = Samples.apiKey("keyA", IdentityId.of("alice"));
        write(tx -> tx.table(EntityType.CREDENTIAL).insert(key));
        long changesBefore = store().lastChangeSequence();
        AtomicInteger updates = new AtomicInteger();
        AtomicInteger usageUnits = new AtomicInteger();
        AtomicLong uses = new AtomicLong();
        AtomicReference<Instant> latest = new AtomicReference<>(Instant.MIN);
        AtomicInteger conflicts = new AtomicInteger();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        runConcurrently((thread, unit) -> {
            try {
                if ((thread + unit) % 4 == 0) {
                    store().transact(tx -> {
                        Credential current = tx.table(EntityType.CREDENTIAL).find(key.id().value()).orElseThrow();
                        interleave();
                        // The snapshot carries the usage read above, which the update must not write back.
                        tx.table(EntityType.CREDENTIAL).update(next(current, "update " + thread + "/" + unit));
                        return null;
                    });
                    updates.incrementAndGet();
                } else {
                    long n = 1 + (thread + unit) % 3;
                    // Not in the order the units run, so lastUsedAt has to move forward only.
                    Instant usedAt = at(Duration.ofSeconds(unit)).plusNanos(thread);
                    store().transact(tx -> {
                        tx.table(EntityType.CREDENTIAL).recordUsage(key.id().value(), usedAt, n);
                        interleave();
                        return null;
                    });
                    usageUnits.incrementAndGet();
                    uses.addAndGet(n);
                    latest.accumulateAndGet(usedAt, (a, b) -> a.isAfter(b) ? a : b);
                }
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
            } catch (Throwable t) {
                unexpected.add(t);
            }
        });
        assertThat(unexpected).as("failures other than ConflictException").isEmpty();
        assertThat(updates.get() + usageUnits.get() + conflicts.get()).isEqualTo(THREADS * UNITS_PER_THREAD);
        assertThat(usageUnits.get()).as("committed usage units").isPositive();
        read(tx -> {
            Credential stored = tx.table(EntityType.CREDENTIAL).find(key.id().value()).orElseThrow();
            assertThat(stored.useCount()).as("use count: the sum of the committed uses").isEqualTo(uses.get());
            assertThat(stored.lastUsedAt()).as("last used: the latest committed use").contains(latest.get());
            assertThat(stored.version()).as("version: 1 plus the committed updates").isEqualTo(1L + updates.get());
        });
        List<StoreChange> changes = store().changesSince(changesBefore, 10_000);
        assertThat(changes).as("one change per committed update, none for usage").hasSize(updates.get())
                .allSatisfy(c -> assertThat(c.kind()).isEqualTo(StoreChange.Kind.CREDENTIAL));
        assertIncreasing(changes);
    }

    @Test
    @Timeout(120)
    @DisplayName("audit appends from many threads keep the chain linear: dense sequences, each linked to the one before")
    void linearAuditChain() throws Exception {
        Set<AuditEventId> committed = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        runConcurrently((thread, unit) -> {
            String prefix = "t" + thread + "-u" + unit;
            try {
                List<AuditEvent> events = store().transact(tx -> {
                    AuditHead head = tx.lockAuditHead();
                    interleave();
                    List<AuditEvent> sealed = AuditSeal.sealAll(head,
                            List.of(Samples.draft(prefix + "-a"), Samples.plainDraft(prefix + "-b")));
                    tx.appendAudit(sealed);
                    return sealed;
                });
                events.forEach(e -> committed.add(e.id()));
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
            } catch (Throwable t) {
                unexpected.add(t);
            }
        });
        assertThat(unexpected).as("failures other than ConflictException").isEmpty();
        List<AuditEvent> log = readWholeLog();
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).sequence()).as("sequence at position %d", i).isEqualTo(i);
            assertThat(log.get(i).previousHash()).as("previous hash at position %d", i)
                    .isEqualTo(i == 0 ? AuditHead.GENESIS_HASH : log.get(i - 1).hash());
        }
        assertThat(AuditVerifier.verify(log).valid()).isTrue();
        assertThat(log).extracting(AuditEvent::id).as("the log holds exactly the committed events")
                .containsExactlyInAnyOrderElementsOf(committed);
        assertThat(committed.size() / 2 + conflicts.get()).isEqualTo(THREADS * UNITS_PER_THREAD);
    }

    @Test
    @Timeout(120)
    @DisplayName("reviewers deciding the same review items from many threads: each item is decided by exactly one unit; the others throw ConflictException or find it decided")
    void oneDecisionPerReviewItem() throws Exception {
        ReviewCycleId cycle = ReviewCycleId.of("race");
        List<ReviewItem> items = new ArrayList<>();
        for (int i = 1; i <= UNITS_PER_THREAD; i++) {
            items.add(Samples.reviewItem(ReviewItemId.of(cycle, i).value(), cycle, IdentityId.of("alice"),
                    ReviewItemStatus.PENDING));
        }
        write(tx -> tx.table(EntityType.REVIEW_ITEM).insertAll(items));
        Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
        Map<String, String> winners = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger foundDecided = new AtomicInteger();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        runConcurrently((thread, unit) -> {
            ReviewItemId id = items.get(unit).id();
            String comment = "decided by thread " + thread;
            try {
                boolean decided = store().transact(tx -> {
                    ReviewItem current = tx.table(EntityType.REVIEW_ITEM).find(id.value()).orElseThrow();
                    if (!current.isPending()) {
                        return false;
                    }
                    interleave();
                    tx.table(EntityType.REVIEW_ITEM).update(current.decided(IdentityId.of("alice"),
                            ReviewDecision.CERTIFY,
                            java.util.Optional.empty(), comment, java.util.Optional.empty(), at(Duration.ofHours(1))));
                    return true;
                });
                if (decided) {
                    wins.computeIfAbsent(id.value(), k -> new AtomicInteger()).incrementAndGet();
                    winners.put(id.value(), comment);
                } else {
                    foundDecided.incrementAndGet();
                }
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
            } catch (Throwable t) {
                unexpected.add(t);
            }
        });
        assertThat(unexpected).as("failures other than ConflictException").isEmpty();
        assertThat(conflicts.get() + foundDecided.get()).isEqualTo((THREADS - 1) * UNITS_PER_THREAD);
        read(tx -> {
            for (ReviewItem item : items) {
                assertThat(count(wins, item.id().value())).as("units that decided %s", item.id()).isEqualTo(1);
                ReviewItem stored = tx.table(EntityType.REVIEW_ITEM).find(item.id().value()).orElseThrow();
                assertThat(stored.version()).as("version of %s", item.id()).isEqualTo(2);
                assertThat(stored.comment()).as("the winner's decision").isEqualTo(winners.get(item.id().value()));
            }
        });
    }

    /** Widens the window between a unit's read and its write, so that other units interleave. */
    private void interleave() {
        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }

    private void runConcurrently(UnitTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    await(start, 10_000);
                    for (int u = 0; u < UNITS_PER_THREAD; u++) {
                        task.run(thread, u);
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<AuditEvent> readWholeLog() {
        List<AuditEvent> log = new ArrayList<>();
        while (true) {
            long from = log.size();
            List<AuditEvent> batch = fetch(tx -> tx.readAudit(from, 200));
            if (batch.isEmpty()) {
                return log;
            }
            log.addAll(batch);
        }
    }

    @FunctionalInterface
    private interface UnitTask {
        void run(int thread, int unit);
    }
}
