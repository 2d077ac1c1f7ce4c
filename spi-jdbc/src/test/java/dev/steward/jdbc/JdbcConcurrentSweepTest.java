package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.Steward;
import dev.steward.SweepReport;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantSpec;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityStatus;
import dev.steward.tck.TestClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two Steward instances sweeping one database at the same moment change each item once: the two
 * reports together count every ended grant and every orphan past its grace period exactly once,
 * every such grant is {@code EXPIRED}, the audit log holds exactly one {@code GRANT_EXPIRED} event
 * per grant and one suspension per orphan, and the log verifies.
 */
class JdbcConcurrentSweepTest {
    private static final int GRANTS = 200;
    private static final int ORPHANS = 3;
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("two instances sweep together: each expired grant and each orphan is changed and audited once")
    void concurrentSweepsChangeEachItemOnce(JdbcDialect dialect) throws Exception {
        TestDatabase db = DATABASES.fresh(dialect);
        TestClock clock = TestClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
        JdbcStore otherStore = JdbcStore.builder(db.newPool()).tablePrefix(TestDatabase.PREFIX).build();
        try (Steward a = Steward.builder().store(db.store()).clock(clock).auditSigner(People.signer()).build();
                Steward b = Steward.builder().store(otherStore).clock(clock).auditSigner(People.signer()).build()) {
            Identity alice = People.human(a, "alice");
            Identity bob = People.human(a, "bob");
            Identity carol = People.human(a, "carol");
            Identity bot = People.agent(a, "bot", alice, bob);
            Set<String> grantIds = new HashSet<>();
            long began = System.nanoTime();
            for (int i = 0; i < GRANTS; i++) {
                Grant g = People.grant(a, GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/repo-" + i)
                        .validFor(Duration.ofHours(1)).justification("batch " + i), bob);
                grantIds.add(g.id().value());
            }
            Set<String> orphanIds = new HashSet<>();
            for (int i = 0; i < ORPHANS; i++) {
                orphanIds.add(People.agent(a, "orphan-" + i, carol, bob).id().value());
            }
            a.identities().suspend(carol.id(), People.HR, "left the company");
            long setupMillis = (System.nanoTime() - began) / 1_000_000;
            clock.advance(Duration.ofDays(8));

            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<SweepReport> reports = new ArrayList<>();
            try {
                List<Future<SweepReport>> futures = new ArrayList<>();
                for (Steward s : List.of(a, b)) {
                    futures.add(pool.submit(() -> {
                        together.await();
                        return s.sweep();
                    }));
                }
                for (Future<SweepReport> f : futures) {
                    reports.add(f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(reports.stream().mapToInt(SweepReport::grantsExpired).sum()).as("grants expired, %s", reports)
                    .isEqualTo(GRANTS);
            assertThat(reports.stream().mapToInt(SweepReport::orphansSuspended).sum()).as("orphans, %s", reports)
                    .isEqualTo(ORPHANS);
            List<Grant> grants = all(a, bot);
            assertThat(grants).hasSize(GRANTS).allSatisfy(g -> assertThat(g.status()).isEqualTo(GrantStatus.EXPIRED));
            for (String id : orphanIds) {
                assertThat(a.identities().get(dev.steward.identity.IdentityId.of(id)).status())
                        .isEqualTo(IdentityStatus.SUSPENDED);
            }

            List<AuditEvent> events = new ArrayList<>();
            for (long from = 0;; from = events.size()) {
                List<AuditEvent> page = a.audit().read(from, 1000);
                events.addAll(page);
                if (page.size() < 1000) {
                    break;
                }
            }
            assertThat(events).filteredOn(e -> e.action() == AuditAction.GRANT_EXPIRED).extracting(AuditEvent::targetId)
                    .hasSize(GRANTS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(grantIds);
            assertThat(events).filteredOn(e -> e.action() == AuditAction.IDENTITY_SUSPENDED)
                    .extracting(AuditEvent::targetId).filteredOn(orphanIds::contains)
                    .hasSize(ORPHANS).doesNotHaveDuplicates();
            assertThat(a.audit().verify().valid()).isTrue();
            System.out.printf("[two sweeps] %s: reports %s; setup %d ms%n", dialect, reports, setupMillis);
        }
    }

    private static List<Grant> all(Steward s, Identity grantee) {
        List<Grant> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            GrantQuery q = GrantQuery.all().grantee(grantee.id()).limit(500);
            var page = s.grants().query(cursor.map(q::after).orElse(q));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return all;
    }
}
