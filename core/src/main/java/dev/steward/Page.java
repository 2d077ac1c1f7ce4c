package dev.steward;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query's results, in a stable order, with the cursor of the next page.
 *
 * @param items the results on this page
 * @param nextCursor the cursor to pass to the query for the next page; empty on the last page
 * @param <T> the type of result
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    /**
     * Copies {@code items} and checks that nothing is null.
     *
     * @param items the results on this page
     * @param nextCursor the cursor to pass to the query for the next page; empty on the last page
     */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /** @return whether another page follows */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }
}
