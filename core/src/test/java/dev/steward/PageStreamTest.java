package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Walking every page of a query as one stream. */
class PageStreamTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    @DisplayName("a service's stream holds every match of every page, in id order, as paging by hand does")
    void streamEqualsPagingByHand() {
        IntStream.range(0, 23).forEach(i -> f.human("person-" + i));
        IdentityQuery query = IdentityQuery.all().status(IdentityStatus.ACTIVE).limit(5);
        List<IdentityId> byHand = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Identity> page = f.steward.identities().query(cursor.map(query::after).orElse(query));
            page.items().forEach(i -> byHand.add(i.id()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        try (Stream<Identity> all = f.steward.identities().stream(query)) {
            assertThat(all.map(Identity::id).collect(Collectors.toList())).hasSize(23).isEqualTo(byHand)
                    .isSortedAccordingTo((a, b) -> a.value().compareTo(b.value()));
        }
    }

    @Test
    @DisplayName("pages are read only when the stream reaches them, and not at all before it is used")
    void pagesAreReadLazily() {
        AtomicInteger reads = new AtomicInteger();
        Stream<Integer> numbers = Page.stream(cursor -> {
            reads.incrementAndGet();
            int from = cursor.map(Integer::parseInt).orElse(0);
            List<Integer> items = IntStream.range(from, Math.min(from + 10, 95)).boxed().toList();
            return new Page<>(items, from + 10 < 95 ? Optional.of(Integer.toString(from + 10)) : Optional.empty());
        });
        assertThat(reads).as("nothing read before the stream is used").hasValue(0);
        assertThat(numbers.limit(12).toList()).hasSize(12).startsWith(0, 1).endsWith(11);
        assertThat(reads).as("two pages of ten hold the first twelve").hasValue(2);
    }

    @Test
    @DisplayName("empty pages in the middle are walked past; the last page ends the stream")
    void emptyPagesAreSkipped() {
        Stream<String> letters = Page.stream(cursor -> switch (cursor.orElse("")) {
            case "" -> new Page<>(List.of("a"), Optional.of("1"));
            case "1" -> new Page<>(List.of(), Optional.of("2"));
            default -> new Page<>(List.of("b"), Optional.empty());
        });
        assertThat(letters.toList()).containsExactly("a", "b");
    }
}
