package dev.steward;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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

    /**
     * Walks every page of a query, reading each page only when the stream reaches it, so memory
     * holds one page at a time. Each page is its own read: a change made between two reads may
     * show in the later page or not, as with any cursor pagination. The services' {@code stream}
     * methods call this:
     *
     * <pre>{@code
     * try (Stream<Identity> agents = steward.identities().stream(IdentityQuery.all().kind(IdentityKind.AGENT))) {
     *     agents.filter(Identity::isOrphaned).forEach(this::alert);
     * }
     * }</pre>
     *
     * @param read reads the page after a cursor (empty for the first page)
     * @param <T> the type of result
     * @return the results of every page, in order
     */
    public static <T> Stream<T> stream(Function<Optional<String>, Page<T>> read) {
        Objects.requireNonNull(read, "read");
        Iterator<T> all = new Pages<>(read);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(all, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** The results of one page after another, each page read when the one before is used up. */
    private static final class Pages<T> implements Iterator<T> {
        private final Function<Optional<String>, Page<T>> read;
        private Page<T> current;
        private Iterator<T> items;

        Pages(Function<Optional<String>, Page<T>> read) {
            this.read = read;
        }

        @Override
        public boolean hasNext() {
            if (current == null) {
                current = Objects.requireNonNull(read.apply(Optional.empty()), "page");
                items = current.items().iterator();
            }
            while (!items.hasNext() && current.hasNext()) {
                current = Objects.requireNonNull(read.apply(current.nextCursor()), "page");
                items = current.items().iterator();
            }
            return items.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return items.next();
        }
    }
}
