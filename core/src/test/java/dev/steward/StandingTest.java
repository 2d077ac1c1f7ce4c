package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Steward#standing}: whether an allowed delegation still stands, without recording anything. */
class StandingTest {
    private final Fixture f = new Fixture(b -> b.maxDelegationDepth(2));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity agent = f.agent("agent", alice, bob);
    private final Grant alices = f.grant(alice, "repo:read", "github:acme/**", bob);
    private final Grant fromAlice = f.grant(GrantSpec.to(agent.id()).allow("repo:read").on("github:acme/**")
            .validFor(Duration.ofHours(2)).delegatedBy(alice.id()).justification("on behalf of alice"), bob);

    @AfterEach
    void close() {
        f.close();
    }

    private Optional<DecisionReason> standing(Identity who, List<IdentityId> chain, GrantId... grants) {
        return f.steward.standing(who.id(), chain, List.of(grants));
    }

    @Test
    @DisplayName("an allowed delegation stands, with the grants its decision matched, and asking records nothing")
    void stands() {
        Decision d = f.authorize(agent, "repo:read", "github:acme/api", alice.id());
        assertThat(d.allowed()).isTrue();
        long events = f.steward.audit().read(0, 10_000).size();
        assertThat(f.steward.standing(agent.id(), List.of(alice.id()), d.matchedGrants())).isEmpty();
        assertThat(standing(agent, List.of())).as("the identity alone, no grants").isEmpty();
        f.steward.audit().flush();
        assertThat(f.steward.audit().read(0, 10_000)).hasSize((int) events);
    }

    @Test
    @DisplayName("a revoked grant, anywhere in the chain, breaks it at once")
    void revokedGrant() {
        f.steward.grants().revoke(alices.id(), alice.asActor(), "no longer needed");
        assertThat(standing(agent, List.of(alice.id()), fromAlice.id(), alices.id()))
                .contains(DecisionReason.NO_MATCHING_GRANT);
        assertThat(standing(agent, List.of(alice.id()), fromAlice.id())).isEmpty();
    }

    @Test
    @DisplayName("a grant held by no identity of the chain, or unknown, does not stand")
    void foreignGrant() {
        Identity carol = f.human("carol");
        Grant carols = f.grant(carol, "repo:read", "github:acme/**", bob);
        assertThat(standing(agent, List.of(alice.id()), carols.id())).contains(DecisionReason.NO_MATCHING_GRANT);
        assertThat(standing(agent, List.of(alice.id()), GrantId.random())).contains(DecisionReason.NO_MATCHING_GRANT);
    }

    @Test
    @DisplayName("a suspended actor is barred with its own reason, a suspended link of the chain as a delegator")
    void suspended() {
        f.steward.identities().suspend(agent.id(), alice.asActor(), "incident");
        assertThat(standing(agent, List.of(alice.id()), fromAlice.id())).contains(DecisionReason.IDENTITY_NOT_ACTIVE);
        f.steward.identities().resume(agent.id(), alice.asActor(), "resolved");
        assertThat(standing(agent, List.of(alice.id()), fromAlice.id())).isEmpty();
        f.steward.identities().suspend(alice.id(), Fixture.HR, "investigation");
        assertThat(standing(agent, List.of(alice.id()), fromAlice.id())).contains(DecisionReason.DELEGATOR_NOT_ACTIVE);
    }

    @Test
    @DisplayName("a grant past its window, or spent, no longer stands; an identity past its expiry neither")
    void ended() {
        f.clock.advance(Duration.ofHours(3));
        assertThat(standing(agent, List.of(alice.id()), fromAlice.id())).contains(DecisionReason.GRANT_NOT_VALID_NOW);
        assertThat(standing(agent, List.of(alice.id()), alices.id())).isEmpty();
        Grant once = f.grant(GrantSpec.to(agent.id()).allow("repo:write").on("github:acme/api")
                .validFor(Duration.ofHours(1)).maxUses(1).justification("one push"), bob);
        assertThat(f.authorize(agent, "repo:write", "github:acme/api").allowed()).isTrue();
        assertThat(standing(agent, List.of(), once.id())).isPresent();
        f.clock.advance(Duration.ofDays(31));
        assertThat(standing(agent, List.of())).contains(DecisionReason.IDENTITY_EXPIRED);
    }

    @Test
    @DisplayName("a chain deeper than the maximum, naming an identity twice, or naming an unknown identity does not stand")
    void malformedChains() {
        Identity carol = f.human("carol");
        Identity dave = f.human("dave");
        assertThat(standing(agent, List.of(alice.id(), carol.id(), dave.id()))).contains(DecisionReason.DELEGATION_TOO_DEEP);
        assertThat(standing(agent, List.of(alice.id(), alice.id()))).contains(DecisionReason.INVALID_REQUEST);
        assertThat(standing(agent, List.of(agent.id()))).contains(DecisionReason.INVALID_REQUEST);
        assertThat(standing(agent, List.of(IdentityId.random()))).contains(DecisionReason.DELEGATOR_NOT_ACTIVE);
        assertThat(f.steward.standing(IdentityId.random(), List.of(), List.of()))
                .contains(DecisionReason.UNKNOWN_IDENTITY);
    }

    @Test
    @DisplayName("the clock the rules run on is the one the Steward was built with")
    void clock() {
        assertThat(f.steward.clock().instant()).isEqualTo(f.clock.instant());
    }
}
