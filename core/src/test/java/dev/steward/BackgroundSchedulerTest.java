package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.DecisionReason;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemoryStore;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Background work on a scheduler the host supplies. */
class BackgroundSchedulerTest {
    private final ScheduledThreadPoolExecutor hostScheduler = new ScheduledThreadPoolExecutor(2, r -> {
        Thread t = new Thread(r, "host-scheduler");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopHostScheduler() throws InterruptedException {
        hostScheduler.shutdownNow();
        assertThat(hostScheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("a host's scheduler runs the change following; close cancels Steward's tasks and leaves the scheduler running")
    void hostSchedulerRunsTheBackgroundWork() throws InterruptedException {
        hostScheduler.setRemoveOnCancelPolicy(true);
        InMemoryStore store = InMemoryStore.create();
        try (Fixture one = new Fixture(store, b -> { })) {
            Identity alice = one.human("alice");
            Identity bob = one.human("bob");
            Identity bot = one.agent("bot", alice, bob);
            one.grant(bot, "repo:read", "github:acme/**", bob);
            AccessRequest read = AccessRequest.of(bot.id(), "repo:read", "github:acme/api");
            Steward two = Steward.builder().store(store).clock(one.clock).auditSigner(Fixture.SIGNER)
                    .syncInterval(Duration.ofMillis(20)).scheduler(hostScheduler).build();
            try {
                assertThat(hostScheduler.getQueue()).as("Steward's periodic tasks are on the host's scheduler")
                        .isNotEmpty();
                one.steward.identities().suspend(bot.id(), alice.asActor(), "incident");
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (two.authorize(read).allowed() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(two.authorize(read).reason()).as("the host's scheduler followed the change")
                        .isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
            } finally {
                two.close();
            }
            assertThat(hostScheduler.isShutdown()).as("Steward does not shut the host's scheduler down").isFalse();
            assertThat(hostScheduler.getQueue()).as("close cancelled every task of Steward's").isEmpty();
        }
    }

    @Test
    @DisplayName("the scheduler is a setting given once and never null")
    void schedulerIsASetting() {
        Steward.Builder b = Steward.builder().store(InMemoryStore.create()).scheduler(hostScheduler);
        assertThatThrownBy(() -> b.scheduler(hostScheduler)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("scheduler");
        assertThatThrownBy(() -> Steward.builder().scheduler(null)).isInstanceOf(NullPointerException.class);
    }
}
