package dev.steward;

import static dev.steward.ReviewCampaignTest.itemFor;
import static dev.steward.ReviewCampaignTest.items;
import static dev.steward.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityStatus;
import dev.steward.memory.InMemoryStore;
import dev.steward.review.BulkDecision;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemFilter;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewNotice;
import dev.steward.review.UndecidedPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decisions, hand-overs, bulk decisions, closes and their rules. */
class ReviewDecisionTest {
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final InMemoryStore store = InMemoryStore.create();
    private final Fixture f = new Fixture(store, b -> b.notifier(notifier));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity carol = f.human("carol");
    private final Identity secops = f.human("secops");
    private final Identity bot = f.agent("bot", alice, bob);
    private final Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
    private final Grant write = f.grant(bot, "repo:write", "github:acme/**", bob);

    @AfterEach
    void close() {
        f.close();
    }

    private ReviewCycle open(ReviewCycleSpec spec) {
        return f.steward.reviews().open(spec.fallbackReviewer(secops.id()), Fixture.HR);
    }

    private ReviewItem item(ReviewCycle cycle, Grant g) {
        return itemFor(f, cycle, g.id().value());
    }

    @Test
    @DisplayName("rule 2: a reviewer cannot decide their own access, even when it is handed to them")
    void selfReviewRefused() {
        Grant own = f.grant(carol, "db:query", "pg:prod/**", bob);
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        ReviewItem item = item(cycle, own);
        assertThat(item.reviewer()).contains(secops.id());
        assertRefused(GovernanceRule.SEPARATION_OF_DUTIES,
                () -> f.steward.reviews().forward(item.id(), carol.id(), secops.asActor(), "yours"));
        assertRefused(GovernanceRule.SEPARATION_OF_DUTIES,
                () -> f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, carol.asActor(), "mine"));
        assertThat(f.steward.reviews().item(item.id()).isPending()).isTrue();
    }

    @Test
    @DisplayName("an item nobody could review is assigned by the host system or the fallback reviewer, not by others")
    void unassignedItems() {
        Grant own = f.grant(secops, "db:query", "pg:prod/**", bob);
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        ReviewItem item = item(cycle, own);
        assertThat(item.reviewer()).as("the fallback's own access, and no one else to review it").isEmpty();
        assertRefused(GovernanceRule.REVIEW_ASSIGNMENT,
                () -> f.steward.reviews().forward(item.id(), alice.id(), carol.asActor(), "mine now"));
        assertThat(f.steward.reviews().forward(item.id(), carol.id(), Fixture.HR, "carol reviews it").reviewer())
                .contains(carol.id());
        assertThat(f.steward.reviews().report(cycle.id()).unassigned()).isZero();
    }

    @Test
    @DisplayName("rule 2: agents and the host system never review, nor take a hand-over")
    void agentReviewRefused() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        ReviewItem item = item(cycle, read);
        Identity helper = f.agent("helper", alice, bob);
        assertRefused(GovernanceRule.HUMAN_REQUIRED,
                () -> f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, helper.asActor(), "ok"));
        assertRefused(GovernanceRule.HUMAN_REQUIRED,
                () -> f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, Fixture.HR, "ok"));
        assertRefused(GovernanceRule.HUMAN_REQUIRED,
                () -> f.steward.reviews().forward(item.id(), helper.id(), alice.asActor(), "you do it"));
    }

    @Test
    @DisplayName("only the assigned reviewer decides; a hand-over to another human is audited and notified")
    void assignmentAndHandOver() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        ReviewItem item = item(cycle, read);
        assertRefused(GovernanceRule.REVIEW_ASSIGNMENT,
                () -> f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, carol.asActor(), "ok"));
        ReviewItem moved = f.steward.reviews().forward(item.id(), carol.id(), alice.asActor(), "carol runs the repo");
        assertThat(moved.reviewer()).contains(carol.id());
        assertThat(moved.forwardedFrom()).contains(alice.id());
        assertThat(notifier.of(ReviewNotice.Kind.FORWARDED)).singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo(carol.id()));
        AuditEvent event = lastEvent(AuditAction.REVIEW_ITEM_FORWARDED);
        assertThat(event.actor()).isEqualTo(alice.id());
        assertThat(event.details()).containsEntry("from", alice.id().value()).containsEntry("to", carol.id().value());
        assertThatThrownBy(() -> f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, alice.asActor(), "ok"))
                .isInstanceOf(PolicyViolationException.class);
        ReviewItem decided = f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, carol.asActor(), "needed");
        assertThat(decided.decidedBy()).contains(carol.id());
        assertThat(lastEvent(AuditAction.REVIEW_ITEM_DECIDED).details()).containsEntry("decision", "CERTIFY");
    }

    private AuditEvent lastEvent(AuditAction action) {
        List<AuditEvent> all = f.steward.audit().read(0, 10_000);
        AuditEvent found = null;
        for (AuditEvent e : all) {
            found = e.action() == action ? e : found;
        }
        assertThat(found).as("an event " + action).isNotNull();
        return found;
    }

    @Test
    @DisplayName("an item is decided once: a second decision is a typed conflict")
    void decidedOnce() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        ReviewItem item = item(cycle, read);
        f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, alice.asActor(), "needed");
        assertThatThrownBy(() -> f.steward.reviews().decide(item.id(), ReviewDecision.REVOKE, alice.asActor(), "no"))
                .isInstanceOf(ConflictException.class);
        assertThat(f.steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.ACTIVE);
    }

    @Test
    @DisplayName("two instances deciding the same item concurrently: one wins, the other gets a ConflictException")
    void concurrentDecisions() throws Exception {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        try (Steward other = Steward.builder().store(store).clock(f.clock).auditSigner(Fixture.SIGNER).build()) {
            for (int round = 0; round < 20; round++) {
                Grant g = f.grant(bot, "repo:read", "github:acme/r" + round + "/**", bob);
                ReviewCycle c = open(ReviewCycleSpec.named("race " + round).subjects(bot.id())
                        .items(ReviewItemKind.GRANT));
                ReviewItem item = itemFor(f, c, g.id().value());
                CyclicBarrier start = new CyclicBarrier(2);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    List<Future<ReviewItem>> results = new ArrayList<>();
                    for (Steward s : List.of(f.steward, other)) {
                        Callable<ReviewItem> decide = () -> {
                            start.await();
                            return s.reviews().decide(item.id(), s == other ? ReviewDecision.REVOKE
                                    : ReviewDecision.CERTIFY, alice.asActor(), "decided on " + s);
                        };
                        results.add(pool.submit(decide));
                    }
                    int won = 0;
                    int conflicts = 0;
                    for (Future<ReviewItem> r : results) {
                        try {
                            r.get();
                            won++;
                        } catch (java.util.concurrent.ExecutionException e) {
                            assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                            conflicts++;
                        }
                    }
                    assertThat(won).isEqualTo(1);
                    assertThat(conflicts).isEqualTo(1);
                    ReviewItem stored = f.steward.reviews().item(item.id());
                    assertThat(stored.version()).isEqualTo(2);
                    boolean revoked = stored.decision().orElseThrow() == ReviewDecision.REVOKE;
                    assertThat(f.steward.grants().get(g.id()).status())
                            .isEqualTo(revoked ? GrantStatus.REVOKED : GrantStatus.ACTIVE);
                } finally {
                    pool.shutdownNow();
                }
            }
            assertThat(cycle.isOpen()).isTrue();
        }
    }

    @Test
    @DisplayName("a bulk decision covers the reviewer's pending items that the filter selects, one audit event each")
    void bulkDecision() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1").items(ReviewItemKind.GRANT));
        f.steward.reviews().decide(item(cycle, write).id(), ReviewDecision.CERTIFY, alice.asActor(), "needed");
        Grant third = f.grant(bot, "issues:read", "github:acme/**", bob);
        BulkDecision bulk = f.steward.reviews().decideAll(cycle.id(), ReviewItemFilter.all().onlyNeverUsed(),
                ReviewDecision.REVOKE, alice.asActor(), "unused");
        assertThat(bulk.decided()).extracting(ReviewItem::target).containsExactly(read.id().value());
        assertThat(bulk.skipped()).isZero();
        assertThat(f.steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(f.steward.grants().get(third.id()).status()).as("not in the snapshot").isEqualTo(GrantStatus.ACTIVE);
        BulkDecision none = f.steward.reviews().decideAll(cycle.id(), ReviewItemFilter.all(), ReviewDecision.CERTIFY,
                bob.asActor(), "not mine");
        assertThat(none.decided()).isEmpty();
    }

    @Test
    @DisplayName("reassigning an ownership item passes the identity to another active human")
    void reassign() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("owners").items(ReviewItemKind.OWNERSHIP));
        ReviewItem item = itemFor(f, cycle, bot.id().value());
        assertThatThrownBy(() -> f.steward.reviews().reassign(item(open(ReviewCycleSpec.named("g")
                .items(ReviewItemKind.GRANT)), read).id(), carol.id(), alice.asActor(), "x"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.steward.reviews().decide(item.id(), ReviewDecision.REASSIGN, alice.asActor(), "x"))
                .isInstanceOf(ValidationException.class);
        ReviewItem decided = f.steward.reviews().reassign(item.id(), carol.id(), alice.asActor(), "carol's team now");
        assertThat(decided.newOwner()).contains(carol.id());
        assertThat(f.steward.identities().get(bot.id()).owner()).contains(carol.id());
    }

    @Test
    @DisplayName("revocations deferred to the close apply at the close; a closed cycle is immutable")
    void revokeAtCloseAndImmutable() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1").items(ReviewItemKind.GRANT).revokeAtClose());
        ReviewItem item = item(cycle, read);
        ReviewItem decided = f.steward.reviews().decide(item.id(), ReviewDecision.REVOKE, alice.asActor(), "unused");
        assertThat(decided.revokedAt()).isEmpty();
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).as("until the close").isTrue();
        assertThat(f.steward.reviews().report(cycle.id()).revocationsPending()).isEqualTo(1);
        ReviewCycle closed = f.steward.reviews().close(cycle.id(), secops.asActor(), "quarter ended");
        assertThat(closed.status()).isEqualTo(ReviewCycleStatus.CLOSED);
        assertThat(closed.closedBy()).contains(secops.id());
        assertThat(f.steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(f.steward.reviews().item(item.id()).revokedAt()).isPresent();
        ReviewItem other = item(cycle, write);
        assertThatThrownBy(() -> f.steward.reviews().decide(other.id(), ReviewDecision.CERTIFY, alice.asActor(), "x"))
                .isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> f.steward.reviews().forward(other.id(), carol.id(), alice.asActor(), "x"))
                .isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> f.steward.reviews().close(cycle.id(), secops.asActor(), "again"))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    @DisplayName("close policy REVOKE: undecided items lapse and their access is revoked")
    void closeRevokesUndecided() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1").undecided(UndecidedPolicy.REVOKE));
        f.steward.reviews().decide(item(cycle, write).id(), ReviewDecision.CERTIFY, alice.asActor(), "needed");
        f.steward.reviews().close(cycle.id(), Fixture.HR, "due");
        ReviewItem lapsed = item(cycle, read);
        assertThat(lapsed.status()).isEqualTo(ReviewItemStatus.LAPSED);
        assertThat(lapsed.flagged()).isFalse();
        assertThat(lapsed.revokedAt()).isPresent();
        assertThat(f.steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(f.steward.grants().get(write.id()).status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(f.steward.identities().get(bot.id()).status()).as("its undecided ownership: suspended")
                .isEqualTo(IdentityStatus.SUSPENDED);
    }

    @Test
    @DisplayName("close policy KEEP_AND_FLAG: undecided items lapse, keep their access and are flagged")
    void closeKeepsAndFlags() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        f.clock.advance(Duration.ofHours(1));
        f.steward.reviews().close(cycle.id(), Fixture.HR, "due");
        assertThat(items(f, cycle)).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(ReviewItemStatus.LAPSED);
            assertThat(i.flagged()).isTrue();
            assertThat(i.revokedAt()).isEmpty();
        });
        assertThat(f.authorize(bot, "repo:read", "github:acme/api").allowed()).isTrue();
        assertThat(f.steward.reviews().report(cycle.id()).flagged()).isEqualTo(cycle.itemCount());
    }

    @Test
    @DisplayName("bad input is a ValidationException naming the field, and changes nothing")
    void validation() {
        ReviewCycle cycle = open(ReviewCycleSpec.named("Q1"));
        ReviewItem item = item(cycle, read);
        assertThatThrownBy(() -> f.steward.reviews().decide(item.id(), ReviewDecision.CERTIFY, alice.asActor(), " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("comment"));
        assertThatThrownBy(() -> ReviewCycleSpec.named("x").dueIn(Duration.ZERO))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("dueIn"));
        assertThatThrownBy(() -> ReviewCycleSpec.named("x").resources("github:acme/**/x"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ReviewCycleSpec.named("x").risks(dev.steward.review.ReviewRisk.UNUSED).scope())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("unusedFor"));
        assertThat(f.steward.reviews().item(item.id()).version()).isEqualTo(1);
        assertThat(Actor.system("x").isSystem()).isTrue();
    }
}
