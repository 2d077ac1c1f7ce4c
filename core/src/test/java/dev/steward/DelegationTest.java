package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DelegationTest {
    private final Fixture f = new Fixture(b -> b.maxDelegationDepth(2));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity agent = f.agent("agent", alice, bob);

    @AfterEach
    void close() {
        f.close();
    }

    private Grant delegated(Identity grantee, Identity delegator, String action, String pattern) {
        return f.grant(GrantSpec.to(grantee.id()).allow(action).on(pattern).validFor(Duration.ofHours(8))
                .delegatedBy(delegator.id()).justification("on behalf of " + delegator.name()), bob);
    }

    @Test
    @DisplayName("on behalf of a human: the agent needs a grant delegated by that human, and the human the permission")
    void attenuation() {
        Grant fromAlice = delegated(agent, alice, "repo:read", "github:acme/**");
        assertThat(f.authorize(agent, "repo:read", "github:acme/api", alice.id()).reason())
                .as("alice herself holds nothing").isEqualTo(DecisionReason.DELEGATOR_LACKS_PERMISSION);
        Grant alices = f.grant(alice, "repo:read", "github:acme/api", bob);
        Decision d = f.authorize(agent, "repo:read", "github:acme/api", alice.id());
        assertThat(d.allowed()).isTrue();
        assertThat(d.matchedGrants()).containsExactly(fromAlice.id(), alices.id());
        assertThat(f.authorize(agent, "repo:read", "github:acme/web", alice.id()).reason())
                .as("the intersection: alice holds only github:acme/api")
                .isEqualTo(DecisionReason.DELEGATOR_LACKS_PERMISSION);
    }

    @Test
    @DisplayName("a delegated grant is usable only on behalf of its delegator, and a direct grant only on the agent's own account")
    void delegatedGrantsAreBound() {
        delegated(agent, alice, "repo:read", "github:acme/**");
        f.grant(alice, "repo:read", "github:acme/**", bob);
        assertThat(f.authorize(agent, "repo:read", "github:acme/api").reason())
                .isEqualTo(DecisionReason.NO_MATCHING_GRANT);
        assertThat(f.authorize(agent, "repo:read", "github:acme/api", bob.id()).reason())
                .isEqualTo(DecisionReason.NOT_DELEGATED);
        Identity other = f.agent("other", alice, bob);
        f.grant(other, "repo:read", "github:acme/**", bob);
        assertThat(f.authorize(other, "repo:read", "github:acme/api", alice.id()).reason())
                .isEqualTo(DecisionReason.NOT_DELEGATED);
    }

    @Test
    @DisplayName("chains: every link holds a grant delegated by the next, up to the configured depth")
    void chains() {
        Identity sub = f.steward.identities().register(IdentitySpec.agent("sub").owner(alice.id())
                .parent(agent.id()).expiresIn(Duration.ofDays(1)).purpose("sub-task"), agent.asActor());
        sub = f.steward.identities().approve(sub.id(), bob.asActor(), "T");
        f.grant(alice, "repo:read", "github:acme/**", bob);
        delegated(agent, alice, "repo:read", "github:acme/**");
        assertThat(f.authorize(sub, "repo:read", "github:acme/api", agent.id(), alice.id()).reason())
                .isEqualTo(DecisionReason.NOT_DELEGATED);
        delegated(sub, agent, "repo:read", "github:acme/api/*");
        assertThat(f.authorize(sub, "repo:read", "github:acme/api/pulls", agent.id(), alice.id()).allowed()).isTrue();
        assertThat(f.authorize(sub, "repo:read", "github:acme/web/pulls", agent.id(), alice.id()).allowed()).isFalse();

        f.steward.identities().suspend(agent.id(), alice.asActor(), "incident");
        assertThat(f.authorize(sub, "repo:read", "github:acme/api/pulls", agent.id(), alice.id()).reason())
                .as("suspending a link cuts the delegation at once").isEqualTo(DecisionReason.DELEGATOR_NOT_ACTIVE);
        f.steward.identities().resume(agent.id(), alice.asActor(), "resolved");

        Identity carol = f.human("carol");
        assertThat(f.authorize(sub, "repo:read", "github:acme/api/pulls", agent.id(), alice.id(), carol.id()).reason())
                .isEqualTo(DecisionReason.DELEGATION_TOO_DEEP);
    }

    @Test
    @DisplayName("suspending the principal cuts every delegation that flows from it")
    void principalSuspended() {
        delegated(agent, alice, "repo:read", "github:acme/**");
        f.grant(alice, "repo:read", "github:acme/**", bob);
        assertThat(f.authorize(agent, "repo:read", "github:acme/api", alice.id()).allowed()).isTrue();
        f.steward.identities().suspend(alice.id(), Fixture.HR, "investigation");
        assertThat(f.authorize(agent, "repo:read", "github:acme/api", alice.id()).allowed()).isFalse();
    }
}
