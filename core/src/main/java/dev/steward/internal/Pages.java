package dev.steward.internal;

import dev.steward.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walks every page of a cursor-paginated query. */
public final class Pages {
    private Pages() {
    }

    /**
     * @param fetch reads the page after a cursor (empty for the first page)
     * @param action handles each page, in order
     * @param <T> the item type
     */
    public static <T> void forEach(Function<Optional<String>, Page<T>> fetch, Consumer<Page<T>> action) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = fetch.apply(cursor);
            action.accept(page);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
    }

    /**
     * @param fetch reads the page after a cursor (empty for the first page)
     * @param <T> the item type
     * @return every item of every page, in order
     */
    public static <T> List<T> all(Function<Optional<String>, Page<T>> fetch) {
        List<T> items = new ArrayList<>();
        forEach(fetch, page -> items.addAll(page.items()));
        return items;
    }
}
