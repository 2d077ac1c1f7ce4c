package dev.steward.review;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over review items with cursor pagination; results are ordered by id (within a cycle,
 * snapshot order).
 *
 * @param cycle only items of this cycle
 * @param reviewer only items assigned to this reviewer
 * @param status only items in this state
 * @param cursor where the previous page ended
 * @param limit the page size, 1 to 1000
 */
@CheckReturnValue
public record ReviewItemQuery(
        Optional<ReviewCycleId> cycle,
        Optional<IdentityId> reviewer,
        Optional<ReviewItemStatus> status,
        Optional<String> cursor,
        int limit) {

    /**
     * Checks the page size and that nothing is null.
     *
     * @param cycle only items of this cycle
     * @param reviewer only items assigned to this reviewer
     * @param status only items in this state
     * @param cursor where the previous page ended
     * @param limit the page size, 1 to 1000
     */
    public ReviewItemQuery {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("limit", "must be between 1 and 1000");
        }
    }

    /** @return a query matching every item, 100 per page */
    public static ReviewItemQuery all() {
        return new ReviewItemQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    /**
     * {@return a copy of this query that keeps only items of this cycle, in place of any cycle given before}
     *
     * @param value the cycle's id
     */
    public ReviewItemQuery cycle(ReviewCycleId value) {
        return new ReviewItemQuery(Optional.of(value), reviewer, status, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only items assigned to this reviewer, in place of any given before}
     *
     * @param value the reviewer's id
     */
    public ReviewItemQuery reviewer(IdentityId value) {
        return new ReviewItemQuery(cycle, Optional.of(value), status, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only items in this state, in place of any status given before}
     *
     * @param value the status to keep
     */
    public ReviewItemQuery status(ReviewItemStatus value) {
        return new ReviewItemQuery(cycle, reviewer, Optional.of(value), cursor, limit);
    }

    /**
     * {@return a copy of this query that starts after the page this cursor ends}
     *
     * @param value the {@link dev.steward.Page#nextCursor() next cursor} of the previous page
     */
    public ReviewItemQuery after(String value) {
        return new ReviewItemQuery(cycle, reviewer, status, Optional.of(value), limit);
    }

    /**
     * {@return a copy of this query with this page size}
     *
     * @param value the page size, 1 to 1000
     * @throws ValidationException if the page size is out of range
     */
    public ReviewItemQuery limit(int value) {
        return new ReviewItemQuery(cycle, reviewer, status, cursor, value);
    }

    /**
     * @param item an item
     * @return whether it passes every filter of this query (the cursor and limit aside)
     */
    public boolean matches(ReviewItem item) {
        return cycle.map(c -> c.equals(item.cycle())).orElse(true)
                && reviewer.map(r -> item.reviewer().filter(r::equals).isPresent()).orElse(true)
                && status.map(s -> s == item.status()).orElse(true);
    }
}
