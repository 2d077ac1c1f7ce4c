package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthorizeTest {
    private final Fixture f = new Fixture();
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity bot = f.agent("bot", alice, bob);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    @DisplayName("rule 4: deny by default")
    void denyByDefault() {
        Decision d = f.authorize(bot, "repo:read", "github:acme/api");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        assertThat(d.matchedGrants()).isEmpty();
    }

    @Test
    @DisplayName("an active matching grant allows, naming the grant and the audit event")
    void grantAllows() {
        Grant g = f.grant(bot, "repo:read", "github:acme/*/pulls", bob);
        Decision d = f.authorize(bot, "repo:read", "github:acme/api/pulls");
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(DecisionReason.GRANTED);
        assertThat(d.matchedGrants()).containsExactly(g.id());
        assertThat(f.steward.audit().read(0, 10_000)).anySatisfy(e -> assertThat(e.id()).isEqualTo(d.auditEventId()));
        assertThat(f.authorize(bot, "repo:write", "github:acme/api/pulls").allowed()).isFalse();
        assertThat(f.authorize(bot, "repo:read", "github:acme/api/issues").allowed()).isFalse();
    }

    @Test
    @DisplayName("a requested grant allows nothing until approved")
    void requestedGrantDoesNotAllow() {
        f.steward.grants().request(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**")
                .validFor(Duration.ofHours(1)).justification("jit"), bot.asActor());
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isFalse();
    }

    @Test
    @DisplayName("rules 5 and 8: revocation and expiry take effect at the next decision, without a sweep")
    void revocationAndExpiryAreImmediate() {
        Grant g = f.grant(bot, "repo:read", "github:acme/**", bob);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        f.clock.advance(Duration.ofHours(8));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
        assertThat(f.steward.grants().get(g.id()).status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(f.steward.sweep().grantsExpired()).isEqualTo(1);
        assertThat(f.steward.grants().get(g.id()).status()).isEqualTo(GrantStatus.EXPIRED);

        Grant g2 = f.grant(bot, "repo:read", "github:acme/**", bob);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        f.steward.grants().revoke(g2.id(), bob.asActor(), "no longer needed");
        // The revoked grant is no grant; the first one's window has ended, swept or not.
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.GRANT_NOT_VALID_NOW);
        assertThat(f.authorize(bot, "repo:read", "github:other/api").reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
    }

    @Test
    @DisplayName("rule 5: an identity's expiry is evaluated at decision time")
    void identityExpiry() {
        f.grant(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**").validFor(Duration.ofDays(60))
                .justification("long task"), bob);
        f.clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.IDENTITY_EXPIRED);
    }

    @Test
    @DisplayName("suspended, pending and unknown identities are denied")
    void standing() {
        f.grant(bot, "repo:read", "github:acme/**", bob);
        f.steward.identities().suspend(bot.id(), alice.asActor(), "incident");
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
        f.steward.identities().resume(bot.id(), alice.asActor(), "resolved");
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        Identity pending = f.steward.identities().register(IdentitySpec.agent("p").owner(alice.id())
                .expiresIn(Duration.ofDays(1)).purpose("p"), alice.asActor());
        assertThat(f.authorize(pending, "repo:read", "github:acme/api").reason())
                .isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
        assertThat(f.steward.authorize(AccessRequest.of(dev.steward.identity.IdentityId.of("nobody"), "repo:read",
                "github:acme/api")).reason()).isEqualTo(DecisionReason.UNKNOWN_IDENTITY);
    }

    @Test
    @DisplayName("conditions: environment and use limit")
    void conditions() {
        f.grant(GrantSpec.to(bot.id()).allow("db:query").on("pg:prod/*").environment("prod")
                .validFor(Duration.ofHours(1)).justification("x"), bob);
        assertThat(f.steward.authorize(AccessRequest.of(bot.id(), "db:query", "pg:prod/orders")).reason())
                .isEqualTo(DecisionReason.ENVIRONMENT_MISMATCH);
        assertThat(f.steward.authorize(AccessRequest.of(bot.id(), "db:query", "pg:prod/orders").environment("prod"))
                .allowed()).isTrue();

        Grant twice = f.grant(GrantSpec.to(bot.id()).allow("ticket:create").on("jira:OPS").maxUses(2)
                .validFor(Duration.ofHours(1)).justification("x"), bob);
        assertThat(f.authorize(bot, "ticket:create", "jira:OPS").allowed()).isTrue();
        assertThat(f.authorize(bot, "ticket:create", "jira:OPS").allowed()).isTrue();
        assertThat(f.authorize(bot, "ticket:create", "jira:OPS").allowed()).isFalse();
        Grant spent = f.steward.grants().get(twice.id());
        assertThat(spent.uses()).isEqualTo(2);
        assertThat(spent.status()).isEqualTo(GrantStatus.EXPIRED);
    }

    @Test
    @DisplayName("rule 4: a malformed request is a deny with a reason, never an exception")
    void malformedRequests() {
        assertThat(f.authorize(bot, "bad action", "github:acme/api").reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        assertThat(f.authorize(bot, "repo:read", "github:acme//api").reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        assertThat(f.authorize(bot, "repo:read", "github:acme/*").reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        assertThat(f.authorize(bot, "repo:read", "").reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
        assertThat(f.authorize(bot, "repo:read", "x", bot.id()).reason()).isEqualTo(DecisionReason.INVALID_REQUEST);
    }

    @Test
    @DisplayName("rule 3: a grant to an agent must end, within the configured maximum")
    void agentGrantsEnd() {
        assertThatThrownBy(() -> f.steward.grants().request(GrantSpec.to(bot.id()).allow("a").on("r")
                .justification("x"), alice.asActor()))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.AGENT_TIME_BOUND));
        assertThatThrownBy(() -> f.steward.grants().request(GrantSpec.to(bot.id()).allow("a").on("r")
                .validFor(Duration.ofDays(91)).justification("x"), alice.asActor()))
                .isInstanceOf(PolicyViolationException.class);
    }

    @Test
    @DisplayName("rule 2: grant approval needs a human who is neither requester nor grantee")
    void grantSeparationOfDuties() {
        Grant jit = f.steward.grants().request(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/api")
                .validFor(Duration.ofHours(1)).justification("fix bug 7"), bot.asActor());
        assertThatThrownBy(() -> f.steward.grants().approve(jit.id(), bot.asActor(), "self"))
                .isInstanceOf(PolicyViolationException.class);
        Grant forAlice = f.steward.grants().request(GrantSpec.to(alice.id()).allow("repo:read").on("x")
                .justification("need"), alice.asActor());
        assertThatThrownBy(() -> f.steward.grants().approve(forAlice.id(), alice.asActor(), "mine"))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.SEPARATION_OF_DUTIES));
        Grant byBob = f.steward.grants().request(GrantSpec.to(alice.id()).allow("repo:read").on("y")
                .justification("need"), bob.asActor());
        assertThatThrownBy(() -> f.steward.grants().approve(byBob.id(), bob.asActor(), "mine"))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.SEPARATION_OF_DUTIES));
        assertThat(f.steward.grants().approve(jit.id(), alice.asActor(), "ok").status()).isEqualTo(GrantStatus.ACTIVE);
    }
}
