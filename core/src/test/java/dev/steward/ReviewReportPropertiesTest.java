package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewReport;
import dev.steward.review.UndecidedPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Random sequences of decisions (certify, revoke, decide twice, wait, hand over, close) over a small
 * cycle: the report's counts always match the decisions that were accepted, counted independently.
 */
class ReviewReportPropertiesTest {
    private static final int SEQUENCES = Integer.getInteger("steward.properties.sequences", 200) / 4;
    private static final int ITEMS = 6;

    /** One step: {@code op} 0 certify, 1 revoke, 2 wait, 3 hand over; on item {@code item}. */
    private record Step(int op, int item, int hours) {
    }

    private static Gen<Step> step() {
        return SourceDSL.integers().between(0, 3).zip(SourceDSL.integers().between(0, ITEMS - 1),
                SourceDSL.integers().between(1, 5), Step::new);
    }

    @Test
    @DisplayName("the report's counts match the decisions made, for random decision sequences")
    void countsMatchDecisions() {
        qt().withExamples(SEQUENCES).withShrinkCycles(100)
                .forAll(SourceDSL.lists().of(step()).ofSizeBetween(0, 20), SourceDSL.booleans().all())
                .checkAssert(ReviewReportPropertiesTest::run);
    }

    private static void run(List<Step> steps, boolean revokeUndecided) {
        try (Fixture f = new Fixture()) {
            Identity alice = f.human("alice");
            Identity bob = f.human("bob");
            Identity secops = f.human("secops");
            Identity bot = f.agent("bot", alice, bob);
            for (int i = 0; i < ITEMS; i++) {
                f.grant(GrantSpec.to(bot.id()).allow("repo:read").on("github:acme/r" + i + "/**")
                        .validFor(Duration.ofDays(20)).justification("r" + i), bob);
            }
            ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("prop").items(ReviewItemKind.GRANT)
                    .fallbackReviewer(secops.id()).undecided(revokeUndecided ? UndecidedPolicy.REVOKE
                            : UndecidedPolicy.KEEP_AND_FLAG), Fixture.HR);
            List<ReviewItem> items = ReviewCampaignTest.items(f, cycle);
            Map<ReviewDecision, Long> decided = new EnumMap<>(ReviewDecision.class);
            Map<Integer, Identity> reviewerOf = new HashMap<>();
            Set<Integer> done = new HashSet<>();
            long maxHours = 0;
            long hours = 0;
            for (Step s : steps) {
                Identity reviewer = reviewerOf.getOrDefault(s.item(), alice);
                if (s.op() == 2) {
                    f.clock.advance(Duration.ofHours(s.hours()));
                    hours += s.hours();
                    continue;
                }
                if (s.op() == 3) {
                    if (!done.contains(s.item())) {
                        Identity to = reviewer == alice ? bob : alice;
                        f.steward.reviews().forward(items.get(s.item()).id(), to.id(), reviewer.asActor(), "yours");
                        reviewerOf.put(s.item(), to);
                    }
                    continue;
                }
                ReviewDecision d = s.op() == 0 ? ReviewDecision.CERTIFY : ReviewDecision.REVOKE;
                try {
                    f.steward.reviews().decide(items.get(s.item()).id(), d, reviewer.asActor(), "step");
                    assertThat(done.add(s.item())).as("accepted only once").isTrue();
                    decided.merge(d, 1L, Long::sum);
                    maxHours = hours;
                } catch (ConflictException e) {
                    assertThat(done).contains(s.item());
                }
            }
            check(f.steward.reviews().report(cycle.id()), decided, done.size(), maxHours, false);
            f.steward.reviews().close(cycle.id(), Fixture.HR, "end");
            ReviewReport closed = f.steward.reviews().report(cycle.id());
            check(closed, decided, done.size(), maxHours, true);
            long revokedByPolicy = revokeUndecided ? ITEMS - done.size() : 0;
            assertThat(closed.revocationsApplied()).isEqualTo(decided.getOrDefault(ReviewDecision.REVOKE, 0L)
                    + revokedByPolicy);
            assertThat(closed.flagged()).isEqualTo(revokeUndecided ? 0 : ITEMS - done.size());
        }
    }

    private static void check(ReviewReport r, Map<ReviewDecision, Long> decided, int doneCount, long maxHours,
            boolean closed) {
        assertThat(r.total()).isEqualTo(ITEMS);
        for (ReviewDecision d : ReviewDecision.values()) {
            assertThat(r.count(d)).as("decided %s", d).isEqualTo(decided.getOrDefault(d, 0L));
        }
        assertThat(r.pending()).isEqualTo(closed ? 0 : ITEMS - doneCount);
        assertThat(r.lapsed()).isEqualTo(closed ? ITEMS - doneCount : 0);
        assertThat(r.timeToDecision().decided()).isEqualTo(doneCount);
        assertThat(r.timeToDecision().max()).isEqualTo(doneCount == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofHours(maxHours)));
        long perReviewer = r.reviewers().stream().mapToLong(t -> t.certified() + t.revoked() + t.reassigned()).sum();
        assertThat(perReviewer).isEqualTo(doneCount);
        long assigned = r.reviewers().stream().mapToLong(ReviewReport.ReviewerTally::assigned).sum();
        assertThat(assigned).isEqualTo(ITEMS);
        if (!closed) {
            assertThat(r.revocationsApplied()).isEqualTo(decided.getOrDefault(ReviewDecision.REVOKE, 0L));
        }
    }
}
