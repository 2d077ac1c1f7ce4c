package dev.steward.review;

import dev.steward.CheckReturnValue;
import dev.steward.identity.IdentityId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a reviewer's pending items a bulk decision covers
 * ({@link ReviewService#decideAll(ReviewCycleId, ReviewItemFilter, ReviewDecision, dev.steward.identity.Actor, String)}).
 * Every criterion is optional and they combine with AND.
 *
 * <pre>{@code
 * ReviewItemFilter.all().kind(ReviewItemKind.GRANT).risk(ReviewRisk.UNUSED)
 * }</pre>
 *
 * @param kind only items of this kind
 * @param risk only items flagged with this risk
 * @param subject only items about this identity
 * @param neverUsed only items with no recorded use
 */
@CheckReturnValue
public record ReviewItemFilter(Optional<ReviewItemKind> kind, Optional<ReviewRisk> risk,
        Optional<IdentityId> subject, boolean neverUsed) {

    /**
     * Checks that nothing is null.
     *
     * @param kind only items of this kind
     * @param risk only items flagged with this risk
     * @param subject only items about this identity
     * @param neverUsed only items with no recorded use
     */
    public ReviewItemFilter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(subject, "subject");
    }

    /** @return a filter that covers every pending item of the reviewer */
    public static ReviewItemFilter all() {
        return new ReviewItemFilter(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /**
     * {@return a copy of this filter that covers only items of this kind, in place of any kind given before}
     *
     * @param value the kind to cover
     */
    public ReviewItemFilter kind(ReviewItemKind value) {
        return new ReviewItemFilter(Optional.of(value), risk, subject, neverUsed);
    }

    /**
     * {@return a copy of this filter that covers only items flagged with this risk, in place of any given before}
     *
     * @param value the risk to cover
     */
    public ReviewItemFilter risk(ReviewRisk value) {
        return new ReviewItemFilter(kind, Optional.of(value), subject, neverUsed);
    }

    /**
     * {@return a copy of this filter that covers only items about this identity, in place of any given before}
     *
     * @param value the subject's id
     */
    public ReviewItemFilter subject(IdentityId value) {
        return new ReviewItemFilter(kind, risk, Optional.of(value), neverUsed);
    }

    /** @return a copy that keeps only items never used */
    public ReviewItemFilter onlyNeverUsed() {
        return new ReviewItemFilter(kind, risk, subject, true);
    }

    /**
     * @param item an item
     * @return whether this filter covers it
     */
    public boolean matches(ReviewItem item) {
        Set<ReviewRisk> flagged = item.risks();
        return kind.map(k -> k == item.kind()).orElse(true)
                && risk.map(flagged::contains).orElse(true)
                && subject.map(s -> s.equals(item.subject())).orElse(true)
                && (!neverUsed || (item.lastUsedAt().isEmpty() && item.kind() != ReviewItemKind.OWNERSHIP));
    }
}
