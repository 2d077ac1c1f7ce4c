package dev.steward;

import static dev.steward.ReviewCampaignTest.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Micro-reviews opened by events for the accountable human. */
class EventReviewTest {
    private final Map<IdentityId, IdentityId> managers = new ConcurrentHashMap<>();
    private final Fixture f = new Fixture(b -> b.managers(h -> Optional.ofNullable(managers.get(h)))
            .reviews(ReviewPolicy.builder().eventReviews(true).eventReviewDueIn(Duration.ofDays(2)).build()));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity carol = f.human("carol");
    private final Identity bot = f.agent("bot", alice, bob);

    @AfterEach
    void close() {
        f.close();
    }

    private List<ReviewCycle> cycles(ReviewOrigin origin) {
        return f.steward.reviews().query(ReviewCycleQuery.all().origin(origin)).items();
    }

    @Test
    @DisplayName("an owner leaving opens a review of the identities that passed to the successor, for the successor")
    void ownerLeaves() {
        managers.put(alice.id(), carol.id());
        Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
        f.steward.identities().retire(alice.id(), Fixture.HR, "left");
        ReviewCycle review = cycles(ReviewOrigin.OWNER_LEFT).get(0);
        assertThat(review.dueAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(2)));
        assertThat(items(f, review)).extracting(ReviewItem::target)
                .containsExactlyInAnyOrder(read.id().value(), bot.id().value());
        assertThat(items(f, review)).allSatisfy(i -> assertThat(i.reviewer()).contains(carol.id()));
    }

    @Test
    @DisplayName("a grant that widens an agent's access without its owner opens a review for the owner")
    void grantWidened() {
        Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
        ReviewCycle review = cycles(ReviewOrigin.GRANT_WIDENED).get(0);
        assertThat(items(f, review)).singleElement().satisfies(i -> {
            assertThat(i.target()).isEqualTo(read.id().value());
            assertThat(i.reviewer()).contains(alice.id());
        });
        ReviewItem item = items(f, review).get(0);
        f.steward.reviews().decide(item.id(), ReviewDecision.REVOKE, alice.asActor(), "I did not ask for this");
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isFalse();
        assertThat(f.steward.reviews().get(review.id()).status()).isEqualTo(ReviewCycleStatus.CLOSED);
        f.grant(bot, "repo:write", "github:acme/**", alice);
        assertThat(cycles(ReviewOrigin.GRANT_WIDENED)).as("the owner approved it: no review").hasSize(1);
    }

    @Test
    @DisplayName("a new delegation opens a review for the person it acts for")
    void newDelegation() {
        f.grant(alice, "repo:read", "github:acme/**", bob);
        Grant delegated = f.grant(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/**")
                .validFor(Duration.ofHours(8)).delegatedBy(alice.id()).justification("on my behalf"), bob);
        ReviewCycle review = cycles(ReviewOrigin.NEW_DELEGATION).get(0);
        assertThat(items(f, review)).singleElement().satisfies(i -> {
            assertThat(i.target()).isEqualTo(delegated.id().value());
            assertThat(i.kind()).isEqualTo(ReviewItemKind.GRANT);
            assertThat(i.reviewer()).contains(alice.id());
        });
        assertThat(cycles(ReviewOrigin.GRANT_WIDENED)).isEmpty();
    }

    @Test
    @DisplayName("event reviews are off by default")
    void offByDefault() {
        try (Fixture plain = new Fixture()) {
            Identity a = plain.human("a");
            Identity b = plain.human("b");
            plain.grant(plain.agent("x", a, b), "repo:read", "github:acme/**", b);
            assertThat(plain.steward.reviews().query(ReviewCycleQuery.all()).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("a leaver without a manager opens a review of the orphaned identities for the fallback reviewer")
    void orphansGoToTheFallback() {
        Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
        try (Fixture withFallback = new Fixture(f.store, b -> b.reviews(ReviewPolicy.builder().eventReviews(true)
                .fallbackReviewer(carol.id()).build()))) {
            withFallback.steward.identities().retire(alice.id(), Fixture.HR, "left");
            ReviewCycle review = withFallback.steward.reviews().query(ReviewCycleQuery.all()
                    .origin(ReviewOrigin.OWNER_LEFT)).items().get(0);
            assertThat(review.fallbackReviewer()).contains(carol.id());
            assertThat(items(withFallback, review)).extracting(ReviewItem::target)
                    .containsExactlyInAnyOrder(read.id().value(), bot.id().value());
            assertThat(items(withFallback, review)).allSatisfy(i -> assertThat(i.reviewer()).contains(carol.id()));
            assertThat(withFallback.steward.identities().get(bot.id()).isOrphaned()).isTrue();
        }
    }

    @Test
    @DisplayName("a leaver whose orphans nobody can review is never silent: the review opens unassigned and is logged")
    void nobodyToReviewIsLogged() {
        String log = stderrOf(() -> f.steward.identities().retire(alice.id(), Fixture.HR, "left"));
        ReviewCycle review = cycles(ReviewOrigin.OWNER_LEFT).get(0);
        assertThat(items(f, review)).isNotEmpty().allSatisfy(i -> assertThat(i.reviewer()).isEmpty());
        assertThat(log).contains("review " + review.id().value(), "nobody can review");

        try (Fixture off = new Fixture()) {
            Identity a = off.human("a");
            Identity orphan = off.agent("x", a, off.human("b"));
            String offLog = stderrOf(() -> off.steward.identities().retire(a.id(), Fixture.HR, "left"));
            assertThat(offLog).contains(a.id().value() + " left without a successor", orphan.id().value());
        }
    }

    /** @return what Steward wrote to the log (slf4j-simple writes to standard error in tests) while running */
    static String stderrOf(Runnable r) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
