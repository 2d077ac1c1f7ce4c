package dev.steward.internal.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.steward.grant.ResourcePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PatternIndexTest {

    private static List<String> resource(String text) {
        return ResourcePattern.segmentsOf(text);
    }

    private static PatternIndex<String> indexOf(String... patterns) {
        PatternIndex.Builder<String> builder = PatternIndex.builder();
        for (String p : patterns) {
            builder.add(ResourcePattern.parse(p), p);
        }
        return builder.build();
    }

    @Test
    @DisplayName("an empty index matches nothing")
    void empty() {
        PatternIndex<String> index = PatternIndex.<String>builder().build();
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.size()).isZero();
        assertThat(index.matches(resource("a/b"))).isEmpty();
    }

    @Test
    @DisplayName("each kind of pattern is found for the resources it covers")
    void kinds() {
        PatternIndex<String> index = indexOf(
                "github:acme/api", "github:acme/*", "github:acme/**", "**", "*/api/pulls", "github:acme/*/pulls");
        assertThat(index.size()).isEqualTo(6);
        assertThat(index.matches(resource("github:acme/api")))
                .containsExactlyInAnyOrder("github:acme/api", "github:acme/*", "github:acme/**", "**");
        assertThat(index.matches(resource("github:acme/api/pulls")))
                .containsExactlyInAnyOrder("github:acme/**", "**", "*/api/pulls", "github:acme/*/pulls");
        assertThat(index.matches(resource("github:acme"))).containsExactly("**");
        assertThat(index.matches(resource("github:other/api/pulls"))).containsExactlyInAnyOrder("**", "*/api/pulls");
    }

    @Test
    @DisplayName("literals are case-sensitive")
    void caseSensitive() {
        assertThat(indexOf("a/B").matches(resource("a/b"))).isEmpty();
    }

    @Test
    @DisplayName("every entry is reported, including the same pattern or value twice")
    void duplicates() {
        PatternIndex<String> index = PatternIndex.<String>builder()
                .add(ResourcePattern.parse("a/*"), "x")
                .add(ResourcePattern.parse("a/*"), "y")
                .add(ResourcePattern.parse("a/**"), "x")
                .build();
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.matches(resource("a/b"))).containsExactlyInAnyOrder("x", "y", "x");
    }

    @Test
    @DisplayName("of() indexes the given entries")
    void ofEntries() {
        PatternIndex<Integer> index = PatternIndex.of(List.of(
                Map.entry(ResourcePattern.parse("a/*"), 1), Map.entry(ResourcePattern.parse("b"), 2)));
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.matches(resource("a/z"))).containsExactly(1);
        assertThat(index.matches(resource("b"))).containsExactly(2);
    }

    @Test
    @DisplayName("an index does not change when its builder gets more entries")
    void builtIndexIsIndependentOfBuilder() {
        PatternIndex.Builder<String> builder = PatternIndex.<String>builder().add(ResourcePattern.parse("a"), "a");
        PatternIndex<String> first = builder.build();
        builder.add(ResourcePattern.parse("**"), "all");
        assertThat(first.size()).isEqualTo(1);
        assertThat(first.matches(resource("a"))).containsExactly("a");
        assertThat(builder.build().matches(resource("a"))).containsExactlyInAnyOrder("a", "all");
    }

    @Test
    @DisplayName("an empty segment list matches nothing, not even '**'")
    void emptyResource() {
        assertThat(indexOf("**").matches(List.of())).isEmpty();
    }

    @Test
    @DisplayName("the deepest patterns and resources are handled")
    void deepest() {
        String deep = IntStream.range(0, ResourcePattern.MAX_SEGMENTS).mapToObj(i -> i % 2 == 0 ? "*" : "s")
                .collect(Collectors.joining("/"));
        String resource = IntStream.range(0, ResourcePattern.MAX_SEGMENTS).mapToObj(i -> "s")
                .collect(Collectors.joining("/"));
        assertThat(indexOf(deep, "s/**").matches(resource(resource))).containsExactlyInAnyOrder(deep, "s/**");
    }

    @Test
    @DisplayName("nulls are rejected by name")
    void nulls() {
        PatternIndex.Builder<String> builder = PatternIndex.builder();
        assertThatThrownBy(() -> builder.add(null, "x")).hasMessage("pattern");
        assertThatThrownBy(() -> builder.add(ResourcePattern.parse("a"), null)).hasMessage("value");
        PatternIndex<String> index = builder.build();
        assertThatThrownBy(() -> index.forEachMatch(null, v -> { })).hasMessage("resourceSegments");
        assertThatThrownBy(() -> index.forEachMatch(List.of("a"), null)).hasMessage("sink");
    }

    @Test
    @DisplayName("matches() finds exactly the entries that filtering with matchesSegments finds")
    void agreesWithLinearFilter() {
        qt().withExamples(2_000).forAll(lists().of(patterns()).ofSizeBetween(0, 40), resources())
                .checkAssert((patterns, resource) -> {
                    PatternIndex.Builder<Integer> builder = PatternIndex.builder();
                    List<Integer> expected = new ArrayList<>();
                    for (int i = 0; i < patterns.size(); i++) {
                        builder.add(patterns.get(i), i);
                        if (patterns.get(i).matchesSegments(resource)) {
                            expected.add(i);
                        }
                    }
                    assertThat(builder.build().matches(resource))
                            .as("patterns %s, resource %s", patterns, resource)
                            .containsExactlyInAnyOrderElementsOf(expected);
                });
    }

    // A small alphabet, so that random patterns and resources often meet.
    private static final List<String> LITERALS = List.of("a", "b", "c");

    private static Gen<ResourcePattern> patterns() {
        List<String> alphabet = new ArrayList<>(LITERALS);
        alphabet.add("*");
        return lists().of(arbitrary().pick(alphabet)).ofSizeBetween(0, 4)
                .zip(booleans().all(), (segments, rest) -> {
                    List<String> all = new ArrayList<>(segments);
                    if (rest || all.isEmpty()) {
                        all.add("**");
                    }
                    return ResourcePattern.parse(String.join("/", all));
                });
    }

    private static Gen<List<String>> resources() {
        return lists().of(arbitrary().pick(LITERALS)).ofSizeBetween(1, 5)
                .map(segments -> ResourcePattern.segmentsOf(String.join("/", segments)));
    }
}
