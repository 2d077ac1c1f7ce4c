package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.DecisionReason;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.OrphanPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeaverTest {
    private final Map<IdentityId, IdentityId> managers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Fixture f = new Fixture(b -> b.orphanPolicy(OrphanPolicy.suspendAfter(Duration.ofDays(3)))
            .managers(h -> Optional.ofNullable(managers.get(h))));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity carol = f.human("carol");

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    @DisplayName("rule 1: a leaver's identities pass to the leaver's manager when the host knows one")
    void managerSucceeds() {
        managers.put(alice.id(), carol.id());
        Identity bot = f.agent("bot", alice, bob);
        f.steward.identities().retire(alice.id(), Fixture.HR, "left the company");
        Identity after = f.steward.identities().get(bot.id());
        assertThat(after.owner()).contains(carol.id());
        assertThat(after.isOrphaned()).isFalse();
    }

    @Test
    @DisplayName("rule 1: without a successor the identity is orphaned, cut off after the grace period, then suspended")
    void orphanedThenSuspended() {
        Identity bot = f.agent("bot", alice, bob);
        f.grant(bot, "repo:read", "github:acme/**", bob);
        f.steward.identities().suspend(alice.id(), Fixture.HR, "left");
        Identity orphan = f.steward.identities().get(bot.id());
        assertThat(orphan.orphanedAt()).contains(f.clock.instant());
        assertThat(f.steward.identities().query(IdentityQuery.all().orphaned(true)).items())
                .extracting(Identity::id).containsExactly(bot.id());
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();

        f.clock.advance(Duration.ofDays(3));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason())
                .as("rule 5: the grace period is evaluated at decision time, before any sweep")
                .isEqualTo(DecisionReason.ORPHANED);
        assertThat(f.steward.sweep().orphansSuspended()).isEqualTo(1);
        assertThat(f.steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.SUSPENDED);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason())
                .isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
    }

    @Test
    @DisplayName("rule 1: transferring ownership within the grace period keeps the identity working")
    void transferRescuesOrphan() {
        Identity bot = f.agent("bot", alice, bob);
        f.grant(dev.steward.grant.GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**")
                .validFor(Duration.ofDays(20)).justification("project"), bob);
        f.steward.identities().retire(alice.id(), Fixture.HR, "left");
        f.steward.identities().transferOwnership(bot.id(), carol.id(), bob.asActor(), "carol takes over");
        f.clock.advance(Duration.ofDays(10));
        assertThat(f.steward.sweep().orphansSuspended()).isZero();
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
    }

    @Test
    @DisplayName("rules 1 and 5: an owner whose own expiry passed denies its identities at decision time")
    void expiredOwnerDenies() {
        Identity temp = f.steward.identities().register(
                dev.steward.identity.IdentitySpec.human("contractor").expiresIn(Duration.ofDays(10)), Fixture.HR);
        Identity bot = f.agent("bot", temp, bob);
        f.grant(bot, "repo:read", "github:acme/**", bob);
        assertThat(f.authorize(bot, "repo:read", "github:acme/x").allowed()).isTrue();
        f.clock.advance(Duration.ofDays(10));
        assertThat(f.authorize(bot, "repo:read", "github:acme/x").reason()).isEqualTo(DecisionReason.OWNER_NOT_ACTIVE);
    }

    @Test
    @DisplayName("rule 1: under a flag-only policy an orphan is denied at once until its ownership is transferred")
    void flagOnlyDeniesAtOnce() {
        try (Fixture strict = new Fixture(b -> b.orphanPolicy(OrphanPolicy.flagOnly()))) {
            Identity dana = strict.human("dana");
            Identity erin = strict.human("erin");
            Identity svc = strict.steward.identities().register(dev.steward.identity.IdentitySpec.service("svc")
                    .owner(dana.id()).purpose("batch"), dana.asActor());
            strict.steward.identities().approve(svc.id(), erin.asActor(), "T");
            strict.grant(svc, "db:query", "pg:prod/**", erin);
            assertThat(strict.authorize(svc, "db:query", "pg:prod/orders").allowed()).isTrue();
            strict.steward.identities().retire(dana.id(), Fixture.HR, "left");
            assertThat(strict.authorize(svc, "db:query", "pg:prod/orders").reason()).isEqualTo(DecisionReason.ORPHANED);
            assertThat(strict.steward.sweep().orphansSuspended()).isZero();
            strict.steward.identities().transferOwnership(svc.id(), erin.id(), erin.asActor(), "erin takes over");
            assertThat(strict.authorize(svc, "db:query", "pg:prod/orders").allowed()).isTrue();
        }
    }

    @Test
    @DisplayName("rule 1: an owner who returns from suspension is accountable again; their identities are no longer orphans")
    void returningOwnerReclaims() {
        Identity bot = f.agent("bot", alice, bob);
        f.grant(dev.steward.grant.GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**")
                .validFor(Duration.ofDays(20)).justification("project"), bob);
        f.steward.identities().suspend(alice.id(), Fixture.HR, "leave of absence");
        assertThat(f.steward.identities().get(bot.id()).isOrphaned()).isTrue();
        f.steward.identities().resume(alice.id(), Fixture.HR, "back from leave");
        assertThat(f.steward.identities().get(bot.id()).isOrphaned()).isFalse();
        f.clock.advance(Duration.ofDays(7));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        assertThat(f.steward.sweep().orphansSuspended()).isZero();
    }
}
