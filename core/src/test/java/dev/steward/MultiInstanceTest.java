package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemoryStore;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MultiInstanceTest {
    @Test
    @DisplayName("rule 8: a revocation on one instance is denied on another instance on the same store")
    void revocationReachesOtherInstances() throws InterruptedException {
        InMemoryStore store = InMemoryStore.create();
        try (Fixture one = new Fixture(store, b -> b.syncInterval(Duration.ofMillis(50)))) {
            Identity alice = one.human("alice");
            Identity bob = one.human("bob");
            Identity bot = one.agent("bot", alice, bob);
            Grant g = one.grant(bot, "repo:read", "github:acme/**", bob);
            try (Steward two = Steward.builder().store(store).clock(one.clock).auditSigner(Fixture.SIGNER)
                    .syncInterval(Duration.ofMillis(50)).build()) {
                AccessRequest read = AccessRequest.of(bot.id(), "repo:read", "github:acme/api");
                assertThat(two.authorize(read).allowed()).isTrue();

                one.steward.grants().revoke(g.id(), bob.asActor(), "incident");
                assertThat(one.steward.authorize(read).allowed()).as("immediate on the revoking instance").isFalse();
                two.refresh();
                assertThat(two.authorize(read).reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);

                one.grant(bot, "repo:read", "github:acme/**", bob);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!two.authorize(read).allowed() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(two.authorize(read).allowed()).as("the background poll applies the new grant").isTrue();
                one.steward.identities().suspend(bot.id(), alice.asActor(), "incident");
                while (two.authorize(read).allowed() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(two.authorize(read).reason()).as("the background poll applies the suspension")
                        .isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
            }
        }
    }
}
