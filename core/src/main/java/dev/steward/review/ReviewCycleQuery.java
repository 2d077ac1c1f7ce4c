package dev.steward.review;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over review cycles with cursor pagination; results are ordered by id.
 *
 * @param origin only cycles opened for this reason
 * @param status only cycles in this state
 * @param cursor where the previous page ended
 * @param limit the page size, 1 to 1000
 */
@CheckReturnValue
public record ReviewCycleQuery(
        Optional<ReviewOrigin> origin,
        Optional<ReviewCycleStatus> status,
        Optional<String> cursor,
        int limit) {

    /**
     * Checks the page size and that nothing is null.
     *
     * @param origin only cycles opened for this reason
     * @param status only cycles in this state
     * @param cursor where the previous page ended
     * @param limit the page size, 1 to 1000
     */
    public ReviewCycleQuery {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("limit", "must be between 1 and 1000");
        }
    }

    /** @return a query matching every cycle, 100 per page */
    public static ReviewCycleQuery all() {
        return new ReviewCycleQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    /**
     * {@return a copy of this query that keeps only cycles of this origin, in place of any origin given before}
     *
     * @param value the origin to keep
     */
    public ReviewCycleQuery origin(ReviewOrigin value) {
        return new ReviewCycleQuery(Optional.of(value), status, cursor, limit);
    }

    /**
     * {@return a copy of this query that keeps only cycles in this state, in place of any status given before}
     *
     * @param value the status to keep
     */
    public ReviewCycleQuery status(ReviewCycleStatus value) {
        return new ReviewCycleQuery(origin, Optional.of(value), cursor, limit);
    }

    /**
     * {@return a copy of this query that starts after the page this cursor ends}
     *
     * @param value the {@link dev.steward.Page#nextCursor() next cursor} of the previous page
     */
    public ReviewCycleQuery after(String value) {
        return new ReviewCycleQuery(origin, status, Optional.of(value), limit);
    }

    /**
     * {@return a copy of this query with this page size}
     *
     * @param value the page size, 1 to 1000
     * @throws ValidationException if the page size is out of range
     */
    public ReviewCycleQuery limit(int value) {
        return new ReviewCycleQuery(origin, status, cursor, value);
    }

    /**
     * @param cycle a cycle
     * @return whether it passes every filter of this query (the cursor and limit aside)
     */
    public boolean matches(ReviewCycle cycle) {
        return origin.map(o -> o == cycle.origin()).orElse(true) && status.map(s -> s == cycle.status()).orElse(true);
    }
}
