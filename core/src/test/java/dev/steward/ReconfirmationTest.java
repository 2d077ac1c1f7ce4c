package dev.steward;

import static dev.steward.ReviewCampaignTest.items;
import static dev.steward.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewNotice;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Agents reconfirmed by their owners every period, or cut off after the grace period. */
class ReconfirmationTest {
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final Fixture f = new Fixture(b -> b.notifier(notifier).maxAgentLifetime(Duration.ofDays(90))
            .reviews(ReviewPolicy.builder().reconfirmAgentsEvery(Duration.ofDays(10))
                    .reconfirmationGrace(Duration.ofDays(3)).build()));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity bot = agent();

    private Identity agent() {
        Identity a = f.steward.identities().register(IdentitySpec.agent("bot").owner(alice.id())
                .expiresIn(Duration.ofDays(60)).purpose("triage"), alice.asActor());
        a = f.steward.identities().approve(a.id(), bob.asActor(), "T-1");
        f.grant(GrantSpec.to(a.id()).allow("repo:read").on("github:acme/**").validFor(Duration.ofDays(60))
                .justification("triage"), bob);
        return a;
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<ReviewCycle> reconfirmations() {
        return f.steward.reviews().query(ReviewCycleQuery.all().origin(ReviewOrigin.RECONFIRMATION)).items();
    }

    @Test
    @DisplayName("without reconfirmation an agent gets a review when due, is denied after the grace period, and is suspended")
    void expiry() {
        f.clock.advance(Duration.ofDays(10).minusSeconds(1));
        assertThat(f.steward.sweep().reviewCyclesOpened()).isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.steward.sweep().reviewCyclesOpened()).isEqualTo(1);
        assertThat(f.steward.sweep().reviewCyclesOpened()).as("one review per period").isZero();
        ReviewCycle review = reconfirmations().get(0);
        assertThat(review.dueAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(3)));
        assertThat(items(f, review)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ReviewItemKind.OWNERSHIP);
            assertThat(i.reviewer()).contains(alice.id());
        });
        assertThat(notifier.of(ReviewNotice.Kind.ASSIGNED)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo(alice.id()));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).as("within the grace period").isTrue();

        f.clock.advance(Duration.ofDays(3));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason())
                .as("rule 5: denied at decision time, before any sweep").isEqualTo(DecisionReason.RECONFIRMATION_OVERDUE);
        SweepReport sweep = f.steward.sweep();
        assertThat(sweep.agentsSuspendedUnreconfirmed()).isEqualTo(1);
        assertThat(sweep.reviewCyclesClosed()).as("the lapsed reconfirmation review").isEqualTo(1);
        assertThat(f.steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.SUSPENDED);
        assertThat(f.steward.reviews().get(review.id()).status()).isEqualTo(ReviewCycleStatus.CLOSED);

        Identity back = f.steward.reviews().reconfirm(bot.id(), alice.asActor(), "back in use");
        assertThat(back.status()).as("reconfirmed, then resumed").isEqualTo(IdentityStatus.ACTIVE);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        assertThat(f.steward.audit().read(0, 10_000)).filteredOn(e -> e.targetId().equals(bot.id().value()))
                .extracting(AuditEvent::action).endsWith(AuditAction.IDENTITY_RECONFIRMED, AuditAction.IDENTITY_RESUMED);
        assertThat(f.steward.sweep().agentsSuspendedUnreconfirmed()).isZero();
    }

    @Test
    @DisplayName("reconfirming an agent suspended for another reason reconfirms it but leaves it suspended")
    void otherSuspensionStays() {
        f.clock.advance(Duration.ofDays(10));
        f.steward.sweep();
        f.steward.identities().suspend(bot.id(), bob.asActor(), "incident INC-7 under investigation");
        Identity reconfirmed = f.steward.reviews().reconfirm(bot.id(), alice.asActor(), "still needed");
        assertThat(reconfirmed.reconfirmedAt()).contains(f.clock.instant());
        assertThat(reconfirmed.status()).isEqualTo(IdentityStatus.SUSPENDED);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.IDENTITY_NOT_ACTIVE);
    }

    @Test
    @DisplayName("a sweep that first finds an agent past its grace period opens its review and suspends only a grace period later")
    void lateSweepGivesNotice() {
        f.clock.advance(Duration.ofDays(20));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).as("denied at decision time")
                .isEqualTo(DecisionReason.RECONFIRMATION_OVERDUE);
        SweepReport first = f.steward.sweep();
        assertThat(first.reviewCyclesOpened()).isEqualTo(1);
        assertThat(first.agentsSuspendedUnreconfirmed()).as("no suspension without notice").isZero();
        assertThat(f.steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.ACTIVE);
        ReviewCycle review = reconfirmations().get(0);
        assertThat(review.dueAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(3)));
        assertThat(notifier.of(ReviewNotice.Kind.ASSIGNED)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo(alice.id()));

        f.clock.advance(Duration.ofDays(3).minusSeconds(1));
        assertThat(f.steward.sweep().agentsSuspendedUnreconfirmed()).isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.steward.sweep().agentsSuspendedUnreconfirmed()).isEqualTo(1);
        assertThat(f.steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.SUSPENDED);
    }

    @Test
    @DisplayName("the owner certifying the reconfirmation review restarts the period; the review closes")
    void certifyRestarts() {
        f.clock.advance(Duration.ofDays(11));
        f.steward.sweep();
        ReviewCycle review = reconfirmations().get(0);
        ReviewItem item = items(f, review).get(0);
        f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, alice.asActor(), "still triaging issues");
        assertThat(f.steward.identities().get(bot.id()).reconfirmedAt()).contains(f.clock.instant());
        assertThat(f.steward.reviews().get(review.id()).status()).as("a micro-review closes when settled")
                .isEqualTo(ReviewCycleStatus.CLOSED);
        f.clock.advance(Duration.ofDays(9));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        assertThat(f.steward.sweep().agentsSuspendedUnreconfirmed()).isZero();
        f.clock.advance(Duration.ofDays(4));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason())
                .isEqualTo(DecisionReason.RECONFIRMATION_OVERDUE);
    }

    @Test
    @DisplayName("only the agent's owner reconfirms it directly, which settles its open reconfirmation review")
    void directReconfirmation() {
        assertRefused(GovernanceRule.HUMAN_OWNER_REQUIRED,
                () -> f.steward.reviews().reconfirm(bot.id(), bob.asActor(), "looks fine"));
        assertRefused(GovernanceRule.HUMAN_REQUIRED,
                () -> f.steward.reviews().reconfirm(bot.id(), bot.asActor(), "I am needed"));
        f.clock.advance(Duration.ofDays(10));
        f.steward.sweep();
        Identity reconfirmed = f.steward.reviews().reconfirm(bot.id(), alice.asActor(), "still needed");
        assertThat(reconfirmed.reconfirmedAt()).contains(f.clock.instant());
        assertThat(f.steward.reviews().get(reconfirmations().get(0).id()).status()).isEqualTo(ReviewCycleStatus.CLOSED);
        assertThat(items(f, reconfirmations().get(0)).get(0).decision()).contains(ReviewDecision.CERTIFY);
        f.clock.advance(Duration.ofDays(12));
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
    }
}
