package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.AccessRequest;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Following the change sequence reads only what an instance does not hold yet: its own changes
 * reached its index at commit, so they cost no read; another instance's changes are read once.
 */
class ChangeFollowingTest {
    @Test
    void anInstanceReadsOthersChangesButNotItsOwn() {
        InMemoryStore shared = InMemoryStore.create();
        CountingStore first = new CountingStore(shared);
        CountingStore second = new CountingStore(shared);
        Duration never = Duration.ofHours(1);
        try (Fixture one = new Fixture(first, b -> b.syncInterval(never));
                Steward two = Steward.builder().store(second).clock(one.clock).auditSigner(Fixture.SIGNER).syncInterval(never).build()) {
            Identity alice = one.human("alice");
            Identity bob = one.human("bob");
            Identity bot = one.agent("bot", alice, bob);
            Grant grant = one.grant(bot, "repo:read", "github:acme/**", bob);
            long changes = shared.changesSince(0, 1000).size();

            first.finds.set(0);
            one.steward.refresh();
            assertThat(first.finds).as("reads to follow its own %d changes", changes).hasValue(0);

            second.finds.set(0);
            two.refresh();
            assertThat(second.finds.get()).as("reads to follow another instance's changes").isPositive()
                    .isLessThanOrEqualTo((int) changes);
            assertThat(two.authorize(AccessRequest.of(bot.id(), "repo:read", "github:acme/api")).allowed()).isTrue();

            second.finds.set(0);
            two.refresh();
            assertThat(second.finds).as("nothing new, nothing read").hasValue(0);
            assertThat(grant.version()).isEqualTo(shared.changesSince(0, 1000).stream()
                    .filter(c -> c.id().equals(grant.id().value())).mapToLong(StoreChange::version).max().orElseThrow());
        }
    }

    /** A store that counts the entity reads made inside its units of work. */
    private static final class CountingStore extends InterceptedStore {
        final AtomicInteger finds = new AtomicInteger();

        CountingStore(GovernanceStore inner) {
            super(inner);
        }

        @Override
        void before(String method, Object[] args) {
            if (method.endsWith(".find")) {
                finds.incrementAndGet();
            }
        }
    }
}
