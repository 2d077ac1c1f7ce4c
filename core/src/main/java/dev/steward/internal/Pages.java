package dev.steward.internal;

import dev.steward.Page;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.StoreTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walks every page of an entity query, each page read after the previous page's cursor. */
public final class Pages {
    private Pages() {
    }

    /**
     * Hands each page to the action, in order.
     *
     * @param read reads one page (in a unit of work, or a read of its own per page)
     * @param query the first page's query; later pages follow the cursor
     * @param action handles each page
     * @param <E> the entity
     */
    public static <E> void forEach(Function<EntityQuery<E>, Page<E>> read, EntityQuery<E> query,
            Consumer<Page<E>> action) {
        EntityQuery<E> next = query;
        while (true) {
            Page<E> page = read.apply(next);
            action.accept(page);
            Optional<String> cursor = page.nextCursor();
            if (cursor.isEmpty()) {
                return;
            }
            next = new EntityQuery<>(query.type(), query.criteria(), cursor, query.limit());
        }
    }

    /**
     * {@return a reader of pages inside an open transaction}
     *
     * @param tx the transaction
     * @param <E> the entity
     */
    public static <E> Function<EntityQuery<E>, Page<E>> in(StoreTransaction tx) {
        return q -> tx.table(q.type()).query(q);
    }

    /**
     * {@return every entity of every page, in order}
     *
     * @param read reads one page (in a unit of work, or a read of its own per page)
     * @param query the first page's query; later pages follow the cursor
     * @param <E> the entity
     */
    public static <E> List<E> all(Function<EntityQuery<E>, Page<E>> read, EntityQuery<E> query) {
        List<E> items = new ArrayList<>();
        forEach(read, query, page -> items.addAll(page.items()));
        return items;
    }
}
