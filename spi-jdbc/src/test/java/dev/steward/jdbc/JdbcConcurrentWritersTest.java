package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.ConflictException;
import dev.steward.authz.EnforcementMode;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.spi.EntityType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Optimistic concurrency on {@link JdbcStore} loses no update: when 16 threads read-modify-write
 * the same four identities 500 times each, every write either commits on top of the version it
 * read or is reported as a {@link ConflictException}; nothing else is thrown, and each identity's
 * final version and counter equal the number of writes that reported success.
 */
class JdbcConcurrentWritersTest {
    private static final int THREADS = 16;
    private static final int OPERATIONS = 500;
    private static final int IDENTITIES = 4;
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("16 threads x 500 read-modify-writes on 4 identities: zero lost updates, only conflicts fail")
    void noLostUpdates(JdbcDialect dialect) throws Exception {
        JdbcStore store = DATABASES.fresh(dialect).store();
        List<IdentityId> ids = new ArrayList<>();
        for (int i = 0; i < IDENTITIES; i++) {
            Identity identity = identity("writer-target-" + i);
            store.transact(tx -> {
                tx.table(EntityType.IDENTITY).insert(identity);
                return null;
            });
            ids.add(identity.id());
        }
        long changesBefore = store.lastChangeSequence();

        AtomicIntegerArray successes = new AtomicIntegerArray(IDENTITIES);
        AtomicInteger conflicts = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long began = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int op = 0; op < OPERATIONS; op++) {
                        int target = (thread + op) % IDENTITIES;
                        IdentityId id = ids.get(target);
                        try {
                            store.transact(tx -> {
                                Identity current = tx.table(EntityType.IDENTITY).find(id.value()).orElseThrow();
                                tx.table(EntityType.IDENTITY).update(incremented(current));
                                return null;
                            });
                            successes.incrementAndGet(target);
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                        } catch (RuntimeException | Error e) {
                            unexpected.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        assertThat(unexpected).as("nothing but conflicts may fail").isEmpty();
        int totalSuccesses = 0;
        for (int i = 0; i < IDENTITIES; i++) {
            IdentityId id = ids.get(i);
            Identity last = store.transact(tx -> tx.table(EntityType.IDENTITY).find(id.value())).orElseThrow();
            assertThat(last.version() - 1).as("version of %s", id).isEqualTo(successes.get(i));
            assertThat(Long.parseLong(last.attributes().get("counter"))).as("counter of %s", id)
                    .isEqualTo(successes.get(i));
            totalSuccesses += successes.get(i);
        }
        assertThat(totalSuccesses + conflicts.get()).isEqualTo(THREADS * OPERATIONS);
        assertThat(totalSuccesses).as("some writes succeed").isPositive();
        assertThat(store.lastChangeSequence() - changesBefore).as("one change per committed write")
                .isEqualTo(totalSuccesses);
        System.out.printf("[concurrent writers] %s: %d committed, %d conflicts in %d ms%n", dialect,
                totalSuccesses, conflicts.get(), millis);
    }

    private static Identity identity(String id) {
        return Identity.builder().id(IdentityId.of(id)).kind(IdentityKind.SERVICE).name("service " + id)
                .status(IdentityStatus.ACTIVE).environment("prod").attributes(Map.of("counter", "0"))
                .purpose("concurrency test").createdBy(IdentityId.of("system-test")).createdAt(T0)
                .enforcementMode(EnforcementMode.ENFORCE).statusReason("registered").updatedAt(T0).build();
    }

    /** The next version of an identity with its counter attribute one higher. */
    private static Identity incremented(Identity i) {
        long counter = Long.parseLong(i.attributes().get("counter")) + 1;
        return i.toBuilder().attributes(Map.of("counter", Long.toString(counter))).statusReason("write " + counter)
                .updatedAt(i.updatedAt().plusNanos(1000)).version(i.version() + 1).build();
    }
}
