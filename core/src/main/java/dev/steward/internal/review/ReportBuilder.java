package dev.steward.internal.review;

import dev.steward.identity.IdentityId;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Counts a cycle's items into its {@link ReviewReport}. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    /** One reviewer's counts while they are being added up. */
    private static final class Tally {
        long assigned;
        final long[] decided = new long[ReviewDecision.values().length];
        long undecided;
        final List<Duration> times = new ArrayList<>();
    }

    /**
     * @param cycle the cycle
     * @param items all its items
     * @param now when the report is made
     * @return the report
     */
    public static ReviewReport build(ReviewCycle cycle, List<ReviewItem> items, Instant now) {
        Map<ReviewItemKind, Long> byKind = new EnumMap<>(ReviewItemKind.class);
        Map<ReviewDecision, Long> decisions = new EnumMap<>(ReviewDecision.class);
        Map<IdentityId, Tally> tallies = new TreeMap<>();
        List<Duration> times = new ArrayList<>();
        long pending = 0;
        long lapsed = 0;
        long flagged = 0;
        long unassigned = 0;
        long applied = 0;
        long deferred = 0;
        for (ReviewItem item : items) {
            byKind.merge(item.kind(), 1L, Long::sum);
            pending += item.status() == ReviewItemStatus.PENDING ? 1 : 0;
            lapsed += item.status() == ReviewItemStatus.LAPSED ? 1 : 0;
            flagged += item.flagged() ? 1 : 0;
            unassigned += item.reviewer().isEmpty() ? 1 : 0;
            applied += item.revokedAt().isPresent() ? 1 : 0;
            item.reviewer().ifPresent(r -> tallies.computeIfAbsent(r, k -> new Tally()).assigned++);
            if (item.status() == ReviewItemStatus.DECIDED) {
                ReviewDecision d = item.decision().orElseThrow();
                decisions.merge(d, 1L, Long::sum);
                deferred += d == ReviewDecision.REVOKE && item.revokedAt().isEmpty() ? 1 : 0;
                Duration took = Duration.between(cycle.openedAt(), item.decidedAt().orElseThrow());
                times.add(took);
                Tally t = tallies.computeIfAbsent(item.decidedBy().orElseThrow(), k -> new Tally());
                t.decided[d.ordinal()]++;
                t.times.add(took);
            } else {
                item.reviewer().ifPresent(r -> tallies.get(r).undecided++);
            }
        }
        List<ReviewReport.ReviewerTally> reviewers = new ArrayList<>();
        tallies.forEach((id, t) -> reviewers.add(new ReviewReport.ReviewerTally(id, t.assigned,
                t.decided[ReviewDecision.CERTIFY.ordinal()], t.decided[ReviewDecision.REVOKE.ordinal()],
                t.decided[ReviewDecision.REASSIGN.ordinal()], t.undecided, percentile(t.times, 50))));
        return new ReviewReport(cycle, now, items.size(), byKind, decisions, pending, lapsed, flagged, unassigned,
                applied, cycle.status() == dev.steward.review.ReviewCycleStatus.CLOSED ? 0 : deferred, reviewers,
                new ReviewReport.DecisionTimes(times.size(), percentile(times, 50), percentile(times, 90),
                        percentile(times, 100)), items);
    }

    /** The nearest-rank percentile; sorts the list. */
    private static Optional<Duration> percentile(List<Duration> values, int p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Collections.sort(values);
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return Optional.of(values.get(Math.max(0, rank - 1)));
    }
}
