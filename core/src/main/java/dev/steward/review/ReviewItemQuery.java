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

    /** Checks the page size and that nothing is null. */
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

    /** @param value the cycle @return a copy filtered by cycle */
    public ReviewItemQuery cycle(ReviewCycleId value) {
        return new ReviewItemQuery(Optional.of(value), reviewer, status, cursor, limit);
    }

    /** @param value the reviewer @return a copy filtered by reviewer */
    public ReviewItemQuery reviewer(IdentityId value) {
        return new ReviewItemQuery(cycle, Optional.of(value), status, cursor, limit);
    }

    /** @param value the status @return a copy filtered by status */
    public ReviewItemQuery status(ReviewItemStatus value) {
        return new ReviewItemQuery(cycle, reviewer, Optional.of(value), cursor, limit);
    }

    /** @param value the cursor of the previous page @return a copy starting after it */
    public ReviewItemQuery after(String value) {
        return new ReviewItemQuery(cycle, reviewer, status, Optional.of(value), limit);
    }

    /** @param value the page size @return a copy with that page size */
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
