package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reason of a deny is a function of the state: the same on every decision, whether a
 * concurrent decision, a sweep or a restart moved the grant to {@code EXPIRED}, and on every
 * instance over the same store.
 */
class DecisionReasonConsistencyTest {
    private static final int USES = 5;

    private final Fixture f = new Fixture();
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity bot = f.agent("bot", alice, bob);

    @AfterEach
    void close() {
        f.close();
    }

    private Grant limited() {
        return f.grant(GrantSpec.to(bot.id()).allow("ticket:create").on("jira:OPS").maxUses(USES)
                .validFor(Duration.ofHours(1)).justification("x"), bob);
    }

    private static DecisionReason create(Steward steward, Identity who) {
        return steward.authorize(AccessRequest.of(who.id(), "ticket:create", "jira:OPS")).reason();
    }

    @Test
    @DisplayName("under concurrency exactly the limit is allowed, and every deny says USE_LIMIT_REACHED")
    void concurrentUsesOfALimitedGrant() throws Exception {
        limited();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DecisionReason>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(() -> create(f.steward, bot));
            }
            List<DecisionReason> reasons = new ArrayList<>();
            for (Future<DecisionReason> r : pool.invokeAll(calls)) {
                reasons.add(r.get());
            }
            assertThat(reasons).filteredOn(r -> r == DecisionReason.GRANTED).hasSize(USES);
            assertThat(reasons).filteredOn(r -> r != DecisionReason.GRANTED)
                    .hasSize(200 - USES).containsOnly(DecisionReason.USE_LIMIT_REACHED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(create(f.steward, bot)).isEqualTo(DecisionReason.USE_LIMIT_REACHED);
    }

    @Test
    @DisplayName("a spent grant says USE_LIMIT_REACHED on a second instance and after a restart too")
    void spentGrantAfterRestart() {
        Grant g = limited();
        for (int i = 0; i < USES; i++) {
            assertThat(create(f.steward, bot)).isEqualTo(DecisionReason.GRANTED);
        }
        assertThat(f.steward.grants().get(g.id()).status()).isEqualTo(GrantStatus.EXPIRED);
        try (Steward restarted = Steward.builder().store(f.store).clock(f.clock).auditSigner(Fixture.SIGNER).build()) {
            assertThat(create(f.steward, bot)).isEqualTo(DecisionReason.USE_LIMIT_REACHED);
            assertThat(create(restarted, bot)).isEqualTo(DecisionReason.USE_LIMIT_REACHED);
        }
    }

    @Test
    @DisplayName("a spent grant whose window then ends says GRANT_NOT_VALID_NOW, before and after the sweep, everywhere")
    void spentThenEnded() {
        limited();
        for (int i = 0; i < USES; i++) {
            create(f.steward, bot);
        }
        f.clock.advance(Duration.ofHours(2));
        assertThat(create(f.steward, bot)).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
        f.steward.sweep();
        try (Steward second = Steward.builder().store(f.store).clock(f.clock).auditSigner(Fixture.SIGNER).build()) {
            assertThat(create(f.steward, bot)).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
            assertThat(create(second, bot)).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
        }

    }

    @Test
    @DisplayName("a grant whose window ended says GRANT_NOT_VALID_NOW before the sweep, after it, and after a restart")
    void endedWindowBeforeAndAfterSweep() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        f.clock.advance(Duration.ofHours(9));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
        assertThat(f.steward.sweep().grantsExpired()).isEqualTo(1);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
        try (Steward restarted = Steward.builder().store(f.store).clock(f.clock).auditSigner(Fixture.SIGNER).build()) {
            assertThat(restarted.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api")).reason())
                    .isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
        }
    }

    @Test
    @DisplayName("a revoked grant is no grant: NO_MATCHING_GRANT, on every instance")
    void revokedGrant() {
        Grant g = f.grant(bot, "repo:read", "github:acme/**", bob);
        f.steward.grants().revoke(g.id(), bob.asActor(), "no longer needed");
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        try (Steward second = Steward.builder().store(f.store).clock(f.clock).auditSigner(Fixture.SIGNER).build()) {
            assertThat(second.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api")).reason())
                    .isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        }
    }

    @Test
    @DisplayName("of several unusable grants, the one that came closest names the reason, in whatever order they were issued")
    void closestUnusableGrantWins() {
        for (boolean environmentFirst : new boolean[] {true, false}) {
            Identity agent = f.agent("bot-" + environmentFirst, alice, bob);
            GrantSpec lab = GrantSpec.to(agent.id()).allow("db:query").on("pg:prod/*").environment("lab")
                    .validFor(Duration.ofHours(4)).justification("x");
            GrantSpec later = GrantSpec.to(agent.id()).allow("db:query").on("pg:prod/orders")
                    .validFrom(f.clock.instant().plus(Duration.ofHours(1))).validFor(Duration.ofHours(1))
                    .justification("x");
            f.grant(environmentFirst ? lab : later, bob);
            f.grant(environmentFirst ? later : lab, bob);
            assertThat(f.authorize(agent, "db:query", "pg:prod/orders").reason())
                    .as("environment grant issued first: %s", environmentFirst)
                    .isEqualTo(DecisionReason.ENVIRONMENT_MISMATCH);
        }
    }
}
