package dev.steward.review;

import dev.steward.identity.IdentityId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence of one review cycle, as an auditor reads it: how many items, what was decided and by
 * whom, how long decisions took, which revocations were applied, what was left undecided. Export it
 * with {@link #toJson()}, {@link #toCsv()} (one row per item) or {@link #toHtml()} (a
 * self-contained page with a summary chart). Credential items show fingerprints only; no export
 * carries secret material.
 *
 * @param cycle the cycle as it was when the report was made
 * @param generatedAt when the report was made
 * @param total how many items the cycle has
 * @param byKind items per kind
 * @param decisions decided items per decision
 * @param pending items still waiting for a decision (an open cycle)
 * @param lapsed items left undecided when the cycle closed
 * @param flagged lapsed items kept and flagged for follow-up
 * @param unassigned items nobody could be assigned to
 * @param revocationsApplied items whose revocation (decided, or by the close policy) was applied
 * @param revocationsPending revoke decisions deferred to the close, not applied yet
 * @param reviewers per reviewer, in id order
 * @param timeToDecision how long after opening items were decided
 * @param items every item, in id order
 */
public record ReviewReport(
        ReviewCycle cycle,
        Instant generatedAt,
        long total,
        Map<ReviewItemKind, Long> byKind,
        Map<ReviewDecision, Long> decisions,
        long pending,
        long lapsed,
        long flagged,
        long unassigned,
        long revocationsApplied,
        long revocationsPending,
        List<ReviewerTally> reviewers,
        DecisionTimes timeToDecision,
        List<ReviewItem> items) {

    /**
     * Copies the collections and checks that nothing is null.
     *
     * @param cycle the cycle as it was when the report was made
     * @param generatedAt when the report was made
     * @param total how many items the cycle has
     * @param byKind items per kind
     * @param decisions decided items per decision
     * @param pending items still waiting for a decision (an open cycle)
     * @param lapsed items left undecided when the cycle closed
     * @param flagged lapsed items kept and flagged for follow-up
     * @param unassigned items nobody could be assigned to
     * @param revocationsApplied items whose revocation (decided, or by the close policy) was applied
     * @param revocationsPending revoke decisions deferred to the close, not applied yet
     * @param reviewers per reviewer, in id order
     * @param timeToDecision how long after opening items were decided
     * @param items every item, in id order
     */
    public ReviewReport {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(generatedAt, "generatedAt");
        byKind = Map.copyOf(byKind);
        decisions = Map.copyOf(decisions);
        reviewers = List.copyOf(reviewers);
        Objects.requireNonNull(timeToDecision, "timeToDecision");
        items = List.copyOf(items);
    }

    /**
     * @param decision a decision
     * @return how many items were decided so
     */
    public long count(ReviewDecision decision) {
        return decisions.getOrDefault(decision, 0L);
    }

    /** @return the report as one JSON document: the summary, the per-reviewer table and every item */
    public String toJson() {
        return ReportFormats.json(this);
    }

    /**
     * @return one CSV row per item (RFC 4180, with a header row); cells that a spreadsheet would take
     *     for a formula are prefixed with an apostrophe
     */
    public String toCsv() {
        return ReportFormats.csv(this);
    }

    /** @return a self-contained HTML page (inline CSS and SVG, no script) with a summary chart */
    public String toHtml() {
        return ReportFormats.html(this);
    }

    /**
     * One reviewer's part of the cycle.
     *
     * @param reviewer the reviewer
     * @param assigned items assigned to them now
     * @param certified items they certified
     * @param revoked items they revoked
     * @param reassigned items they reassigned
     * @param undecided items assigned to them and not decided
     * @param medianTimeToDecision the median time they took, if they decided any
     */
    public record ReviewerTally(IdentityId reviewer, long assigned, long certified, long revoked, long reassigned,
            long undecided, Optional<Duration> medianTimeToDecision) {
        /**
         * Checks that nothing is null.
         *
         * @param reviewer the reviewer
         * @param assigned items assigned to them now
         * @param certified items they certified
         * @param revoked items they revoked
         * @param reassigned items they reassigned
         * @param undecided items assigned to them and not decided
         * @param medianTimeToDecision the median time they took, if they decided any
         */
        public ReviewerTally {
            Objects.requireNonNull(reviewer, "reviewer");
            Objects.requireNonNull(medianTimeToDecision, "medianTimeToDecision");
        }
    }

    /**
     * How long after the cycle opened its items were decided.
     *
     * @param decided how many items were decided
     * @param median the median, if any was decided
     * @param p90 the 90th percentile
     * @param max the longest
     */
    public record DecisionTimes(long decided, Optional<Duration> median, Optional<Duration> p90,
            Optional<Duration> max) {
        /**
         * Checks that nothing is null.
         *
         * @param decided how many items were decided
         * @param median the median, if any was decided
         * @param p90 the 90th percentile
         * @param max the longest
         */
        public DecisionTimes {
            Objects.requireNonNull(median, "median");
            Objects.requireNonNull(p90, "p90");
            Objects.requireNonNull(max, "max");
        }
    }
}
