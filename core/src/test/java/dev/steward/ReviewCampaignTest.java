package dev.steward;

import static dev.steward.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.authz.DecisionReason;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemQuery;
import dev.steward.review.ReviewNotice;
import dev.steward.review.ReviewRisk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Opening campaigns: what is snapshotted, with which evidence, and who reviews it. */
class ReviewCampaignTest {
    private final Map<IdentityId, IdentityId> managers = new ConcurrentHashMap<>();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final Fixture f = new Fixture(b -> b.managers(h -> Optional.ofNullable(managers.get(h)))
            .notifier(notifier));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity carol = f.human("carol");
    private final Identity secops = f.human("secops");

    @AfterEach
    void close() {
        f.close();
    }

    static List<ReviewItem> items(Fixture f, ReviewCycle cycle) {
        return f.steward.reviews().items(ReviewItemQuery.all().cycle(cycle.id()).limit(1000)).items();
    }

    static ReviewItem itemFor(Fixture f, ReviewCycle cycle, String target) {
        return items(f, cycle).stream().filter(i -> i.target().equals(target)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a campaign snapshots active grants, credentials and non-human ownerships, each with its reviewer")
    void snapshotAndAssignment() {
        managers.put(bob.id(), carol.id());
        Identity bot = f.agent("bot", alice, bob);
        Grant botRead = f.grant(bot, "repo:read", "github:acme/**", bob);
        Grant bobRead = f.grant(bob, "db:query", "pg:prod/**", alice);
        Grant aliceRead = f.grant(alice, "db:query", "pg:prod/**", bob);
        IssuedCredential key = f.steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("ci"), alice.asActor());

        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(secops.id()),
                Fixture.HR);

        assertThat(cycle.itemCount()).isEqualTo(5);
        assertThat(itemFor(f, cycle, botRead.id().value()).reviewer()).as("a non-human's owner").contains(alice.id());
        assertThat(itemFor(f, cycle, bobRead.id().value()).reviewer()).as("a person's manager").contains(carol.id());
        assertThat(itemFor(f, cycle, aliceRead.id().value()).reviewer()).as("no manager: the fallback")
                .contains(secops.id());
        ReviewItem credential = itemFor(f, cycle, key.credential().id().value());
        assertThat(credential.kind()).isEqualTo(ReviewItemKind.CREDENTIAL);
        assertThat(credential.summary()).contains(key.credential().fingerprint()).doesNotContain(new String(key.secret().chars()));
        ReviewItem ownership = itemFor(f, cycle, bot.id().value());
        assertThat(ownership.kind()).isEqualTo(ReviewItemKind.OWNERSHIP);
        assertThat(ownership.reviewer()).contains(alice.id());
        assertThat(notifier.of(ReviewNotice.Kind.ASSIGNED)).hasSize(5)
                .allSatisfy(n -> assertThat(n.dueAt()).isEqualTo(cycle.dueAt()));
    }

    @Test
    @DisplayName("each grant item shows its last use and use count, and the unused risk flag")
    void usageEvidence() {
        Identity bot = f.agent("bot", alice, bob);
        Grant used = f.grant(bot, "repo:read", "github:acme/**", bob);
        Grant idle = f.grant(bot, "repo:write", "github:acme/**", bob);
        f.clock.advance(Duration.ofHours(1));
        f.authorize(bot, "repo:read", "github:acme/api");
        f.authorize(bot, "repo:read", "github:acme/web");
        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("usage").items(ReviewItemKind.GRANT)
                .unusedFor(Duration.ofMinutes(30)).fallbackReviewer(secops.id()), Fixture.HR);
        ReviewItem usedItem = itemFor(f, cycle, used.id().value());
        assertThat(usedItem.useCount()).isEqualTo(2);
        assertThat(usedItem.lastUsedAt()).contains(f.clock.instant());
        assertThat(usedItem.risks()).doesNotContain(ReviewRisk.UNUSED);
        ReviewItem idleItem = itemFor(f, cycle, idle.id().value());
        assertThat(idleItem.useCount()).isZero();
        assertThat(idleItem.lastUsedAt()).isEmpty();
        assertThat(idleItem.risks()).contains(ReviewRisk.UNUSED);
        assertThat(f.steward.grants().get(used.id()).useCount()).as("the grant's own telemetry").isEqualTo(2);
    }

    @Test
    @DisplayName("the scope narrows by kind, environment, resource pattern and risk")
    void scopeFilters() {
        Identity bot = f.agent("bot", alice, bob);
        f.grant(bot, "repo:read", "github:acme/api/*", bob);
        Grant admin = f.grant(bot, "db:admin", "pg:prod/**", bob);
        Grant other = f.grant(alice, "repo:read", "github:other/**", bob);
        ReviewCycle github = f.steward.reviews().open(ReviewCycleSpec.named("github").resources("github:acme/**")
                .items(ReviewItemKind.GRANT).fallbackReviewer(secops.id()), Fixture.HR);
        assertThat(items(f, github)).extracting(ReviewItem::summary).containsExactly("repo:read on github:acme/api/*");
        ReviewCycle privileged = f.steward.reviews().open(ReviewCycleSpec.named("admins").privilegedActions("db:admin")
                .risks(ReviewRisk.PRIVILEGED).fallbackReviewer(secops.id()), Fixture.HR);
        assertThat(items(f, privileged)).extracting(ReviewItem::target).containsExactly(admin.id().value());
        ReviewCycle humans = f.steward.reviews().open(ReviewCycleSpec.named("people").identityKinds(IdentityKind.HUMAN)
                .fallbackReviewer(secops.id()), Fixture.HR);
        assertThat(items(f, humans)).extracting(ReviewItem::target).containsExactly(other.id().value());
        ReviewCycle staging = f.steward.reviews().open(ReviewCycleSpec.named("staging").environments("staging")
                .fallbackReviewer(secops.id()), Fixture.HR);
        assertThat(staging.itemCount()).isZero();
    }

    @Test
    @DisplayName("rule 2: no one reviews their own access; the subject's item goes to the next eligible reviewer")
    void noSelfAssignment() {
        managers.put(secops.id(), secops.id());
        Grant own = f.grant(secops, "db:query", "pg:prod/**", bob);
        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(secops.id())
                .escalateTo(carol.id()), Fixture.HR);
        assertThat(itemFor(f, cycle, own.id().value()).reviewer()).contains(carol.id());
        ReviewCycle noOne = f.steward.reviews().open(ReviewCycleSpec.named("Q1b").fallbackReviewer(secops.id()),
                Fixture.HR);
        assertThat(itemFor(f, noOne, own.id().value()).reviewer()).as("unassigned rather than self-reviewed").isEmpty();
    }

    @Test
    @DisplayName("rule 2: agents never review; a campaign needs a human fallback reviewer")
    void agentsNeverReview() {
        Identity bot = f.agent("bot", alice, bob);
        assertRefused(GovernanceRule.HUMAN_REQUIRED,
                () -> f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(bot.id()),
                Fixture.HR));
        assertThatThrownBy(() -> f.steward.reviews().open(ReviewCycleSpec.named("Q1"), Fixture.HR))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("fallbackReviewer"));
        assertRefused(GovernanceRule.HUMAN_REQUIRED,
                () -> f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(secops.id()),
                bot.asActor()));
        assertThat(f.steward.reviews().query(dev.steward.review.ReviewCycleQuery.all()).items())
                .as("nothing half-written").isEmpty();
    }

    @Test
    @DisplayName("a revoke from a campaign is denied at decision time at once")
    void revokeTakesEffect() {
        Identity bot = f.agent("bot", alice, bob);
        Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("Q1").fallbackReviewer(secops.id()),
                Fixture.HR);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        ReviewItem item = itemFor(f, cycle, read.id().value());
        ReviewItem decided = f.steward.reviews().decide(item.id(), dev.steward.review.ReviewDecision.REVOKE,
                alice.asActor(), "not needed any more");
        assertThat(decided.revokedAt()).contains(f.clock.instant());
        assertThat(f.steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").reason()).isEqualTo(DecisionReason.NO_MATCHING_GRANT);
    }
}
