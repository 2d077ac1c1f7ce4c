package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditEvent;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Steward#atomically}: several changes, by several actors, commit as one unit or not at all. */
class AtomicallyTest {
    @Test
    void changesInsideCommitTogetherWithTheirOwnActorsAndEvents() {
        try (Fixture f = new Fixture()) {
            Identity alice = f.human("alice@acme.example");
            Identity bob = f.human("bob@acme.example");
            long before = f.steward.audit().read(0, 10_000).size();

            Grant[] granted = new Grant[1];
            Identity bot = f.steward.atomically(() -> {
                Identity agent = f.agent("bot", alice, bob);
                assertThat(f.steward.identities().get(agent.id()).status())
                        .as("reads inside see the unit's own changes").isEqualTo(IdentityStatus.ACTIVE);
                granted[0] = f.grant(agent, "repo:read", "github:acme/**", alice);
                return agent;
            });

            List<AuditEvent> events = f.steward.audit().read(before, 10_000);
            assertThat(events).extracting(e -> e.actor().value())
                    .containsExactly(alice.id().value(), bob.id().value(), "system:hr", alice.id().value());
            assertThat(f.steward.audit().verify().valid()).isTrue();
            assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason())
                    .as("the decision index sees the unit once it committed").isEqualTo(DecisionReason.GRANTED);
            assertThat(f.steward.grants().get(granted[0].id()).approval()).isPresent();
        }
    }

    @Test
    void aFailedChangeInsideRollsBackTheWholeUnitEvenWhenTheWorkCatchesIt() {
        try (Fixture f = new Fixture()) {
            Identity alice = f.human("alice@acme.example");
            long before = f.steward.audit().read(0, 10_000).size();
            long changes = f.store.lastChangeSequence();
            Identity[] registered = new Identity[1];

            assertThatThrownBy(() -> f.steward.atomically(() -> {
                registered[0] = f.steward.identities().register(IdentitySpec.agent("bot").owner(alice.id())
                        .expiresIn(java.time.Duration.ofDays(5)).purpose("test"), alice.asActor());
                try {
                    f.steward.identities().approve(registered[0].id(), alice.asActor(), "self-approval");
                } catch (PolicyViolationException swallowed) {
                    // The work goes on as if nothing happened; the unit must not.
                }
                return null;
            })).isInstanceOf(PolicyViolationException.class);

            assertThat(f.steward.identities().find(registered[0].id())).as("the registration was rolled back").isEmpty();
            assertThat(f.steward.audit().read(before, 10_000)).as("no audit event of the unit").isEmpty();
            assertThat(f.store.lastChangeSequence()).isEqualTo(changes);
        }
    }

    @Test
    void decisionsAreRefusedInsideBecauseTheyAreMadeOnCommittedState() {
        try (Fixture f = new Fixture()) {
            Identity alice = f.human("alice@acme.example");
            assertThatThrownBy(() -> f.steward.atomically(() -> f.steward.authorize(
                    AccessRequest.of(alice.id(), "repo:read", "github:acme/api"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside Steward.atomically");
        }
    }

    @Test
    void nestedUnitsJoinTheOuterOne() {
        try (Fixture f = new Fixture()) {
            long changes = f.store.lastChangeSequence();
            assertThatThrownBy(() -> f.steward.atomically(() -> {
                f.steward.atomically(() -> f.human("carol@acme.example"));
                throw new IllegalStateException("the outer work fails after the inner unit");
            })).isInstanceOf(IllegalStateException.class).hasMessage("the outer work fails after the inner unit");
            assertThat(f.store.lastChangeSequence()).as("the inner unit did not commit alone").isEqualTo(changes);
        }
    }
}
