package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.BackendUnavailableException;
import dev.steward.Steward;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentitySpec;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule 4 (fail closed) when the database stops answering: writes fail with
 * {@link BackendUnavailableException} and change nothing; decisions go on from the local index
 * only until its last successful sync is older than {@code maxStaleness}, then are denied with
 * {@link DecisionReason#STORE_UNAVAILABLE}; once the database answers again and a sync succeeds,
 * they are allowed again. On H2 and PostgreSQL (the outage is simulated in front of the pool, so
 * the database itself does not matter much; one server database shows it holds there too).
 */
class JdbcStoreUnreachableTest {
    private static final Duration SYNC = Duration.ofMillis(100);
    private static final Duration MAX_STALENESS = Duration.ofMillis(500);
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    @ParameterizedTest
    @EnumSource(value = JdbcDialect.class, names = {"H2", "POSTGRESQL"})
    @DisplayName("store off: writes fail typed and change nothing; decisions allowed, then STORE_UNAVAILABLE, then allowed again")
    void outage(JdbcDialect dialect) throws InterruptedException {
        TestDatabase db = DATABASES.fresh(dialect);
        SwitchableDataSource ds = new SwitchableDataSource(db.dataSource(), dialect);
        JdbcStore store = JdbcStore.builder(ds).tablePrefix(TestDatabase.PREFIX).build();
        try (Steward steward = Steward.builder().store(store).decisionAudit(DecisionAuditMode.BUFFERED)
                .syncInterval(SYNC).maxStaleness(MAX_STALENESS).auditSigner(People.signer()).build()) {
            Identity alice = People.human(steward, "alice");
            Identity bob = People.human(steward, "bob");
            Identity bot = People.agent(steward, "bot", alice, bob);
            Grant read = People.grant(steward, bot, "repo:read", "github:acme/**", bob);
            AccessRequest request = AccessRequest.of(bot.id(), "repo:read", "github:acme/api");
            assertThat(steward.authorize(request).allowed()).isTrue();
            long changesBefore = store.lastChangeSequence();
            // A sync just before the outage: the bound then runs from the moment the store went away.

            steward.refresh();
            ds.off(true);
            long offAt = System.nanoTime();
            assertThat(steward.authorize(request).allowed()).as("allowed right after the outage starts").isTrue();
            assertThatThrownBy(() -> steward.identities().register(IdentitySpec.human("carol"), People.HR))
                    .isInstanceOf(BackendUnavailableException.class);
            assertThatThrownBy(() -> steward.grants().revoke(read.id(), bob.asActor(), "incident"))
                    .isInstanceOf(BackendUnavailableException.class);

            Decision stale = pollUntil(steward, request, d -> d.reason() == DecisionReason.STORE_UNAVAILABLE);
            long staleAfter = (System.nanoTime() - offAt) / 1_000_000;
            assertThat(stale.allowed()).isFalse();
            assertThat(stale.reason()).isEqualTo(DecisionReason.STORE_UNAVAILABLE);
            assertThat(staleAfter).as("denied only once the bound passed (ms after the outage began)")
                    .isGreaterThanOrEqualTo(MAX_STALENESS.toMillis() - 50)
                    .isLessThan(MAX_STALENESS.toMillis() + 2500);

            ds.off(false);
            long onAt = System.nanoTime();
            Decision back = pollUntil(steward, request, Decision::allowed);
            long allowedAfter = (System.nanoTime() - onAt) / 1_000_000;
            assertThat(back.allowed()).as("allowed again after a successful sync").isTrue();
            System.out.printf("[store unreachable] %s: STORE_UNAVAILABLE after %d ms off, allowed %d ms after back on%n",
                    dialect, staleAfter, allowedAfter);

            assertThat(store.lastChangeSequence()).as("the failed writes changed nothing").isEqualTo(changesBefore);
            assertThat(steward.identities().query(IdentityQuery.all()).items()).extracting(Identity::name)
                    .doesNotContain("carol");
            assertThat(steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.ACTIVE);
            assertThat(steward.audit().verify().valid()).as("the buffered decision events are stored in order").isTrue();
        }
    }

    private static Decision pollUntil(Steward steward, AccessRequest request, Predicate<Decision> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Decision d = steward.authorize(request);
        while (!wanted.test(d) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            d = steward.authorize(request);
        }
        return d;
    }
}
