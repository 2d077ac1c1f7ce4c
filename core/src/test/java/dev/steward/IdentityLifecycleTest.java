package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.grant.Grant;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdentityLifecycleTest {
    private final Fixture f = new Fixture();
    private final Identity alice = f.human("alice@acme.example");
    private final Identity bob = f.human("bob@acme.example");

    @AfterEach
    void close() {
        f.close();
    }

    private IdentitySpec agentSpec() {
        return IdentitySpec.agent("code-assistant").owner(alice.id()).expiresIn(Duration.ofDays(30))
                .purpose("review pull requests");
    }

    @Test
    @DisplayName("humans start active; non-humans start pending approval")
    void initialStates() {
        assertThat(alice.status()).isEqualTo(IdentityStatus.ACTIVE);
        Identity bot = f.steward.identities().register(agentSpec(), alice.asActor());
        assertThat(bot.status()).isEqualTo(IdentityStatus.PENDING_APPROVAL);
        assertThat(bot.createdBy()).isEqualTo(alice.id());
        assertThat(bot.version()).isEqualTo(1);
    }

    @Test
    @DisplayName("rule 1: a non-human identity needs an owner")
    void ownerRequired() {
        for (IdentityKind kind : new IdentityKind[] {IdentityKind.SERVICE, IdentityKind.WORKLOAD, IdentityKind.AGENT}) {
            IdentitySpec spec = IdentitySpec.of(kind, "x").purpose("p").expiresIn(Duration.ofDays(1));
            assertThatThrownBy(() -> f.steward.identities().register(spec, alice.asActor()))
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.rule()).isEqualTo(GovernanceRule.HUMAN_OWNER_REQUIRED));
        }
    }

    @Test
    @DisplayName("rule 1: the owner must be an active human")
    void ownerMustBeActiveHuman() {
        Identity bot = f.agent("bot", alice, bob);
        assertThatThrownBy(() -> f.steward.identities().register(
                IdentitySpec.service("svc").owner(bot.id()).purpose("p"), alice.asActor()))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.HUMAN_OWNER_REQUIRED));
        f.steward.identities().suspend(bob.id(), Fixture.HR, "leave");
        assertThatThrownBy(() -> f.steward.identities().register(
                IdentitySpec.service("svc").owner(bob.id()).purpose("p"), alice.asActor()))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.HUMAN_OWNER_REQUIRED));
    }

    @Test
    @DisplayName("rule 3: an agent needs an expiry within the configured maximum")
    void agentsAreTimeBound() {
        assertThatThrownBy(() -> f.steward.identities().register(
                IdentitySpec.agent("a").owner(alice.id()).purpose("p"), alice.asActor()))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.AGENT_TIME_BOUND));
        assertThatThrownBy(() -> f.steward.identities().register(
                IdentitySpec.agent("a").owner(alice.id()).purpose("p").expiresIn(Duration.ofDays(91)),
                alice.asActor()))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.AGENT_TIME_BOUND));
        Identity ok = f.steward.identities().register(
                IdentitySpec.agent("a").owner(alice.id()).purpose("p").expiresIn(Duration.ofDays(90)),
                alice.asActor());
        assertThat(ok.expiresAt()).contains(f.clock.instant().plus(Duration.ofDays(90)));
    }

    @Test
    @DisplayName("rule 3: the agent maximum is configurable")
    void agentMaximumConfigurable() {
        try (Fixture short1 = new Fixture(b -> b.maxAgentLifetime(Duration.ofDays(7)))) {
            Identity carol = short1.human("carol");
            assertThatThrownBy(() -> short1.steward.identities().register(
                    IdentitySpec.agent("a").owner(carol.id()).purpose("p").expiresIn(Duration.ofDays(8)),
                    carol.asActor()))
                    .isInstanceOf(PolicyViolationException.class);
        }
    }

    @Test
    @DisplayName("rule 2: the requester cannot approve their own request")
    void requesterCannotApprove() {
        Identity bot = f.steward.identities().register(agentSpec(), alice.asActor());
        assertThatThrownBy(() -> f.steward.identities().approve(bot.id(), alice.asActor(), "T"))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.SEPARATION_OF_DUTIES));
        assertThat(f.steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.PENDING_APPROVAL);
    }

    @Test
    @DisplayName("rule 2: agents and the host system never approve")
    void onlyHumansApprove() {
        Identity approverBot = f.agent("approver-bot", alice, bob);
        Identity bot = f.steward.identities().register(agentSpec(), alice.asActor());
        assertThatThrownBy(() -> f.steward.identities().approve(bot.id(), approverBot.asActor(), "T"))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.HUMAN_REQUIRED));
        assertThatThrownBy(() -> f.steward.identities().approve(bot.id(), Actor.system("ops"), "T"))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.HUMAN_REQUIRED));
        Identity approved = f.steward.identities().approve(bot.id(), bob.asActor(), "SEC-42");
        assertThat(approved.status()).isEqualTo(IdentityStatus.ACTIVE);
        assertThat(approved.approval()).hasValueSatisfying(a -> {
            assertThat(a.approver()).isEqualTo(bob.id());
            assertThat(a.reference()).isEqualTo("SEC-42");
        });
    }

    @Test
    @DisplayName("rule 2: an agent cannot own")
    void agentCannotOwn() {
        Identity bot = f.agent("bot", alice, bob);
        assertThatThrownBy(() -> f.steward.identities().transferOwnership(f.agent("b2", alice, bob).id(), bot.id(),
                alice.asActor(), "move"))
                .isInstanceOf(PolicyViolationException.class);
    }

    @Test
    @DisplayName("illegal transitions fail with a typed error naming the states, and change nothing")
    void illegalTransitions() {
        Identity bot = f.agent("bot", alice, bob);
        f.steward.identities().retire(bot.id(), alice.asActor(), "done");
        long version = f.steward.identities().get(bot.id()).version();
        assertThatThrownBy(() -> f.steward.identities().resume(bot.id(), alice.asActor(), "again"))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo("RETIRED");
                    assertThat(e.to()).isEqualTo("ACTIVE");
                });
        assertThatThrownBy(() -> f.steward.identities().approve(bot.id(), bob.asActor(), "T"))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(f.steward.identities().get(bot.id()).version()).isEqualTo(version);
        assertThat(f.steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.RETIRED);
    }

    @Test
    @DisplayName("rejected is terminal")
    void rejectIsTerminal() {
        Identity bot = f.steward.identities().register(agentSpec(), alice.asActor());
        f.steward.identities().reject(bot.id(), bob.asActor(), "not needed");
        assertThatThrownBy(() -> f.steward.identities().approve(bot.id(), bob.asActor(), "T"))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    @DisplayName("retiring an identity revokes its grants and the grants it delegated")
    void retireRevokesGrants() {
        Identity bot = f.agent("bot", alice, bob);
        Grant own = f.grant(bot, "repo:read", "github:acme/**", bob);
        f.steward.identities().retire(bot.id(), alice.asActor(), "decommissioned");
        assertThat(f.steward.grants().get(own.id()).status()).isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    @DisplayName("queries filter by kind, status, owner, environment, orphaned and expiry, with cursor pages")
    void queries() {
        for (int i = 0; i < 7; i++) {
            f.steward.identities().register(IdentitySpec.agent("a" + i).owner(alice.id()).environment("prod")
                    .expiresIn(Duration.ofDays(1 + i)).purpose("p"), alice.asActor());
        }
        f.steward.identities().register(IdentitySpec.service("svc").owner(bob.id()).purpose("p"), bob.asActor());
        IdentityQuery agents = IdentityQuery.all().kind(IdentityKind.AGENT).owner(alice.id()).environment("prod").limit(3);
        Page<Identity> p1 = f.steward.identities().query(agents);
        assertThat(p1.items()).hasSize(3);
        Page<Identity> p2 = f.steward.identities().query(agents.after(p1.nextCursor().orElseThrow()));
        Page<Identity> p3 = f.steward.identities().query(agents.after(p2.nextCursor().orElseThrow()));
        assertThat(p3.items()).hasSize(1);
        assertThat(p3.hasNext()).isFalse();
        assertThat(f.steward.identities().query(IdentityQuery.all()
                .expiringBefore(f.clock.instant().plus(Duration.ofDays(3)).plusSeconds(1))).items()).hasSize(3);
        assertThat(f.steward.identities().query(IdentityQuery.all().status(IdentityStatus.PENDING_APPROVAL))
                .items()).hasSize(8);
        assertThat(f.steward.identities().query(IdentityQuery.all().orphaned(true)).items()).isEmpty();
    }

    @Test
    @DisplayName("only the owner or the host system moves ownership or weakens enforcement while the owner is active")
    void ownerControlsOwnership() {
        Identity bot = f.agent("bot", alice, bob);
        Identity carol = f.human("carol");
        assertThatThrownBy(() -> f.steward.identities().transferOwnership(bot.id(), bob.id(), bob.asActor(), "mine now"))
                .isInstanceOf(PolicyViolationException.class);
        assertThatThrownBy(() -> f.steward.identities().setEnforcementMode(bot.id(),
                dev.steward.authz.EnforcementMode.LOG_ONLY, bob.asActor(), "quieter"))
                .isInstanceOf(PolicyViolationException.class);
        assertThat(f.steward.identities().transferOwnership(bot.id(), carol.id(), alice.asActor(), "handover")
                .owner()).contains(carol.id());
        assertThat(f.steward.identities().transferOwnership(bot.id(), bob.id(), Fixture.HR, "reorg").owner())
                .contains(bob.id());
    }

    @Test
    @DisplayName("bad input names the field")
    void validation() {
        assertThatThrownBy(() -> IdentitySpec.agent(" "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> IdentitySpec.agent("a").environment("bad env"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("environment"));
        assertThatThrownBy(() -> f.steward.identities().register(
                IdentitySpec.service("svc").owner(alice.id()), alice.asActor()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("purpose"));
        assertThatThrownBy(() -> f.steward.identities().approve(alice.id(), bob.asActor(), ""))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("reference"));
    }
}
