package dev.steward;

import static dev.steward.ReviewCampaignTest.itemFor;
import static dev.steward.ReviewCampaignTest.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.memory.InMemoryStore;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewNotice;
import dev.steward.review.ReviewOrigin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The lifecycle sweep's part in reviews: reminders, escalation, closes at due dates, recurring cycles. */
class ReviewScheduleTest {
    private final Map<IdentityId, IdentityId> managers = new ConcurrentHashMap<>();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final InMemoryStore store = InMemoryStore.create();
    private final Fixture f = new Fixture(store, b -> b.notifier(notifier)
            .managers(h -> Optional.ofNullable(managers.get(h))));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity dana = f.human("dana");
    private final Identity secops = f.human("secops");
    private final Identity bot = f.agent("bot", alice, bob);
    private final Grant read = f.grant(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**")
            .validFor(Duration.ofDays(29)).justification("project"), bob);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    @DisplayName("the sweep reminds reviewers of pending items each interval, and escalates overdue ones to the manager")
    void remindersAndEscalation() {
        managers.put(alice.id(), dana.id());
        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(secops.id())
                .remindEvery(Duration.ofDays(2)).escalateAfter(Duration.ofDays(5)).dueIn(Duration.ofDays(7)),
                Fixture.HR);
        ReviewItem grantItem = itemFor(f, cycle, read.id().value());
        f.steward.reviews().decide(itemFor(f, cycle, bot.id().value()).id(), ReviewDecision.CERTIFY,
                alice.asActor(), "still needed");

        f.clock.advance(Duration.ofDays(1));
        assertThat(f.steward.sweep().reviewRemindersSent()).isZero();
        f.clock.advance(Duration.ofDays(1));
        SweepReport day2 = f.steward.sweep();
        assertThat(day2.reviewRemindersSent()).as("only the pending item").isEqualTo(1);
        assertThat(f.steward.sweep().reviewRemindersSent()).as("not again in the same interval").isZero();
        assertThat(notifier.of(ReviewNotice.Kind.REMINDER)).singleElement().satisfies(n -> {
            assertThat(n.item()).isEqualTo(grantItem.id());
            assertThat(n.recipient()).isEqualTo(alice.id());
            assertThat(n.dueAt()).isEqualTo(cycle.dueAt());
        });
        f.clock.advance(Duration.ofDays(3));
        SweepReport day5 = f.steward.sweep();
        assertThat(day5.reviewItemsEscalated()).isEqualTo(1);
        assertThat(day5.reviewRemindersSent()).isEqualTo(1);
        assertThat(notifier.of(ReviewNotice.Kind.ESCALATED)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo(dana.id()));
        assertThat(f.steward.sweep().reviewItemsEscalated()).as("once").isZero();
        ReviewItem after = f.steward.reviews().item(grantItem.id());
        assertThat(after.remindersSent()).isEqualTo(2);
        assertThat(after.escalatedAt()).contains(f.clock.instant());
    }

    @Test
    @DisplayName("several instances sweeping one store notify each reminder once")
    void oneNoticePerChange() {
        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(secops.id())
                .remindEvery(Duration.ofDays(1)), Fixture.HR);
        RecordingNotifier second = new RecordingNotifier();
        try (Steward other = Steward.builder().store(store).clock(f.clock).auditSigner(Fixture.SIGNER).notifier(second).build()) {
            f.clock.advance(Duration.ofDays(1));
            int sent = f.steward.sweep().reviewRemindersSent() + other.sweep().reviewRemindersSent();
            assertThat(sent).isEqualTo((int) cycle.itemCount());
            assertThat(notifier.of(ReviewNotice.Kind.REMINDER).size() + second.of(ReviewNotice.Kind.REMINDER).size())
                    .isEqualTo(sent);
        }
    }

    @Test
    @DisplayName("a notifier or a reviewer relation that throws is logged; the changes stand")
    void failingPlugins() {
        try (Fixture broken = new Fixture(b -> b.notifier(n -> {
            throw new IllegalStateException("mail server down");
        }).managers(h -> {
            throw new IllegalStateException("directory down");
        }))) {
            Identity a = broken.human("a");
            Identity b = broken.human("b");
            Identity s = broken.human("s");
            Identity agent = broken.agent("agent", a, b);
            broken.grant(b, "repo:read", "github:acme/**", a);
            ReviewCycle cycle = broken.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(s.id())
                    .remindEvery(Duration.ofHours(1)).escalateAfter(Duration.ofHours(1)), Fixture.HR);
            assertThat(cycle.itemCount()).isEqualTo(2);
            assertThat(itemFor(broken, cycle, agent.id().value()).reviewer()).contains(a.id());
            broken.clock.advance(Duration.ofHours(1));
            SweepReport sweep = broken.steward.sweep();
            assertThat(sweep.reviewRemindersSent()).isEqualTo(2);
            assertThat(sweep.reviewItemsEscalated()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a cycle set to close at its due date is closed by the sweep, with its undecided items flagged")
    void closeAtDue() {
        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(secops.id())
                .dueIn(Duration.ofDays(3)).closeAtDue(), Fixture.HR);
        f.clock.advance(Duration.ofDays(2));
        assertThat(f.steward.sweep().reviewCyclesClosed()).isZero();
        f.clock.advance(Duration.ofDays(1));
        assertThat(f.steward.sweep().reviewCyclesClosed()).isEqualTo(1);
        assertThat(f.steward.reviews().get(cycle.id()).status()).isEqualTo(ReviewCycleStatus.CLOSED);
        assertThat(items(f, cycle)).allSatisfy(i -> assertThat(i.status()).isEqualTo(ReviewItemStatus.LAPSED));
        assertThat(f.steward.sweep().reviewCyclesClosed()).isZero();
    }

    @Test
    @DisplayName("a recurring campaign's next cycle is opened by the sweep once its period has passed, once")
    void recurring() {
        ReviewCycle first = f.steward.reviews().open(ReviewCycleSpec.named("NHI quarterly")
                .fallbackReviewer(secops.id()).dueIn(Duration.ofDays(14)).closeAtDue().recurEvery(Duration.ofDays(20)),
                Fixture.HR);
        f.clock.advance(Duration.ofDays(19));
        assertThat(f.steward.sweep().reviewCyclesOpened()).isZero();
        f.clock.advance(Duration.ofDays(1));
        try (Steward other = Steward.builder().store(store).clock(f.clock).auditSigner(Fixture.SIGNER).build()) {
            int opened = f.steward.sweep().reviewCyclesOpened() + other.sweep().reviewCyclesOpened();
            assertThat(opened).as("two instances, one new cycle").isEqualTo(1);
        }
        List<ReviewCycle> all = f.steward.reviews().query(ReviewCycleQuery.all().origin(ReviewOrigin.CAMPAIGN)).items();
        assertThat(all).hasSize(2);
        ReviewCycle next = all.stream().filter(c -> !c.id().equals(first.id())).findFirst().orElseThrow();
        assertThat(next.previousCycle()).contains(first.id());
        assertThat(next.openedAt()).isEqualTo(f.clock.instant());
        assertThat(next.dueAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(14)));
        assertThat(next.status()).isEqualTo(ReviewCycleStatus.OPEN);
        assertThat(f.steward.reviews().get(first.id()).status()).isEqualTo(ReviewCycleStatus.CLOSED);
        assertThat(next.itemCount()).isEqualTo(2);
        assertThat(f.steward.sweep().reviewCyclesOpened()).isZero();
    }
}
