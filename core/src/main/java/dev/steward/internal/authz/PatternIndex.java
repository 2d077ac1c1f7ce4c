package dev.steward.internal.authz;

import dev.steward.grant.ResourcePattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds the entries whose {@link ResourcePattern} covers a concrete resource, in time proportional
 * to the resource's depth (times the {@code *} branches that actually exist), not to the number
 * of entries. A trie of segments: each node has its literal children, an optional {@code *} child,
 * the values of patterns ending there, and the values of patterns ending in {@code **} there.
 *
 * <p>Immutable and thread-safe once built. Each entry is reported once per matching lookup, so a
 * value added under two patterns that both cover a resource is reported twice.
 *
 * <pre>{@code
 * PatternIndex<Grant> index = PatternIndex.<Grant>builder().add(grant.resource(), grant).build();
 * index.forEachMatch(ResourcePattern.segmentsOf("github:acme/api"), candidates::add);
 * }</pre>
 *
 * @param <T> the values
 */
public final class PatternIndex<T> {
    private final Node<T> root;
    private final int size;

    private PatternIndex(Node<T> root, int size) {
        this.root = root;
        this.size = size;
    }

    /**
     * {@return a builder of an index; not thread-safe}
     *
     * @param <T> the type of the values the patterns map to
     */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * {@return an index of these pairs}
     *
     * @param entries pattern and value pairs
     * @param <T> the type of the values the patterns map to
     */
    public static <T> PatternIndex<T> of(Collection<? extends Map.Entry<ResourcePattern, ? extends T>> entries) {
        Builder<T> builder = builder();
        for (Map.Entry<ResourcePattern, ? extends T> e : Objects.requireNonNull(entries, "entries")) {
            builder.add(e.getKey(), e.getValue());
        }
        return builder.build();
    }

    /**
     * Passes the value of every entry whose pattern covers the resource to {@code sink}, in no
     * particular order. Allocates nothing itself.
     *
     * @param resourceSegments the resource's segments, as given by
     *     {@link ResourcePattern#segmentsOf(String)}
     * @param sink receives each matching value
     */
    public void forEachMatch(List<String> resourceSegments, Consumer<? super T> sink) {
        Objects.requireNonNull(resourceSegments, "resourceSegments");
        Objects.requireNonNull(sink, "sink");
        if (!resourceSegments.isEmpty()) {
            walk(root, resourceSegments, 0, sink);
        }
    }

    /**
     * @param resourceSegments the resource's segments, as given by
     *     {@link ResourcePattern#segmentsOf(String)}
     * @return the values of the entries whose pattern covers the resource, in no particular order
     */
    public List<T> matches(List<String> resourceSegments) {
        List<T> out = new ArrayList<>();
        forEachMatch(resourceSegments, out::add);
        return Collections.unmodifiableList(out);
    }

    /** @return the number of entries */
    public int size() {
        return size;
    }

    /** @return whether the index has no entries */
    public boolean isEmpty() {
        return size == 0;
    }

    // Follows the literal path iteratively and recurses only into '*' children, so the stack
    // depth is bounded by the trie's depth (at most MAX_SEGMENTS).
    private static <T> void walk(Node<T> start, List<String> parts, int from, Consumer<? super T> sink) {
        Node<T> node = start;
        int n = parts.size();
        for (int depth = from; depth < n; depth++) {
            // A '**' ending here covers the one or more segments that remain.
            emit(node.rest, sink);
            if (node.any != null) {
                walk(node.any, parts, depth + 1, sink);
            }
            node = node.literals.get(parts.get(depth));
            if (node == null) {
                return;
            }
        }
        emit(node.exact, sink);
    }

    private static <T> void emit(List<T> values, Consumer<? super T> sink) {
        // Indexed rather than for-each: the lists are random-access and an iterator would allocate.
        for (int i = 0, n = values.size(); i < n; i++) {
            sink.accept(values.get(i));
        }
    }

    /**
     * Collects entries for a {@link PatternIndex}. Not thread-safe; {@link #build()} may be called
     * more than once, and later additions do not affect indexes already built.
     *
     * @param <T> the values
     */
    public static final class Builder<T> {
        private final List<ResourcePattern> patterns = new ArrayList<>();
        private final List<T> values = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param pattern the resources the value applies to
         * @param value the value reported for a resource the pattern covers
         * @return this builder
         */
        public Builder<T> add(ResourcePattern pattern, T value) {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(value, "value");
            patterns.add(pattern);
            values.add(value);
            return this;
        }

        /** @return an index of the entries added so far */
        public PatternIndex<T> build() {
            MutableNode<T> root = new MutableNode<>();
            for (int i = 0; i < patterns.size(); i++) {
                root.insert(patterns.get(i).segments(), values.get(i));
            }
            return new PatternIndex<>(root.freeze(), patterns.size());
        }
    }

    // Plain HashMaps and lists, never changed after build(): the final fields from the index's
    // root down publish them safely to every thread.
    private static final class Node<T> {
        final Map<String, Node<T>> literals;
        final Node<T> any;
        final List<T> exact;
        final List<T> rest;

        Node(Map<String, Node<T>> literals, Node<T> any, List<T> exact, List<T> rest) {
            this.literals = literals;
            this.any = any;
            this.exact = exact;
            this.rest = rest;
        }
    }

    private static final class MutableNode<T> {
        final Map<String, MutableNode<T>> literals = new HashMap<>();
        MutableNode<T> any;
        final List<T> exact = new ArrayList<>();
        final List<T> rest = new ArrayList<>();

        void insert(List<String> segments, T value) {
            MutableNode<T> node = this;
            for (int i = 0; i < segments.size(); i++) {
                String s = segments.get(i);
                if (s.equals("**")) {
                    // The grammar allows '**' only last, so nothing follows it.
                    node.rest.add(value);
                    return;
                }
                if (s.equals("*")) {
                    if (node.any == null) {
                        node.any = new MutableNode<>();
                    }
                    node = node.any;
                } else {
                    node = node.literals.computeIfAbsent(s, k -> new MutableNode<>());
                }
            }
            node.exact.add(value);
        }

        Node<T> freeze() {
            Map<String, Node<T>> children;
            if (literals.isEmpty()) {
                // Unlike Map.of(), tolerates a get(null), so a bad segment list misses instead of failing.
                children = Collections.emptyMap();
            } else {
                children = new HashMap<>(literals.size() * 4 / 3 + 1);
                literals.forEach((k, v) -> children.put(k, v.freeze()));
            }
            return new Node<>(children, any == null ? null : any.freeze(), List.copyOf(exact), List.copyOf(rest));
        }
    }
}
