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

    /** Checks the page size and that nothing is null. */
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

    /** @param value the origin @return a copy filtered by origin */
    public ReviewCycleQuery origin(ReviewOrigin value) {
        return new ReviewCycleQuery(Optional.of(value), status, cursor, limit);
    }

    /** @param value the status @return a copy filtered by status */
    public ReviewCycleQuery status(ReviewCycleStatus value) {
        return new ReviewCycleQuery(origin, Optional.of(value), cursor, limit);
    }

    /** @param value the cursor of the previous page @return a copy starting after it */
    public ReviewCycleQuery after(String value) {
        return new ReviewCycleQuery(origin, status, Optional.of(value), limit);
    }

    /** @param value the page size @return a copy with that page size */
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
