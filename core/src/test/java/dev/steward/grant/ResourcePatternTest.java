package dev.steward.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ValidationException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcePatternTest {

    @Nested
    @DisplayName("matching")
    class Matching {
        @Test
        @DisplayName("an exact pattern matches only the same resource, case-sensitively")
        void exact() {
            ResourcePattern p = ResourcePattern.parse("github:acme/api");
            assertThat(p.isExact()).isTrue();
            assertThat(p.segments()).containsExactly("github:acme", "api");
            assertThat(p.matches("github:acme/api")).isTrue();
            assertThat(p.matches("github:acme/API")).isFalse();
            assertThat(p.matches("github:acme")).isFalse();
            assertThat(p.matches("github:acme/api/pulls")).isFalse();
        }

        @Test
        @DisplayName("'*' matches exactly one segment")
        void segmentWildcard() {
            ResourcePattern p = ResourcePattern.parse("github:acme/*");
            assertThat(p.isExact()).isFalse();
            assertThat(p.matches("github:acme/api")).isTrue();
            assertThat(p.matches("github:acme")).isFalse();
            assertThat(p.matches("github:acme/api/pulls")).isFalse();
        }

        @Test
        @DisplayName("'*' in the middle matches one segment there")
        void segmentWildcardMidPath() {
            ResourcePattern p = ResourcePattern.parse("github:acme/*/pulls");
            assertThat(p.matches("github:acme/api/pulls")).isTrue();
            assertThat(p.matches("github:acme/web/pulls")).isTrue();
            assertThat(p.matches("github:acme/api/issues")).isFalse();
            assertThat(p.matches("github:acme/pulls")).isFalse();
            assertThat(p.matches("github:acme/a/b/pulls")).isFalse();
        }

        @Test
        @DisplayName("a final '**' matches one or more further segments, not zero")
        void trailingWildcard() {
            ResourcePattern p = ResourcePattern.parse("github:acme/**");
            assertThat(p.segments()).containsExactly("github:acme", "**");
            assertThat(p.matches("github:acme/api")).isTrue();
            assertThat(p.matches("github:acme/api/pulls/7")).isTrue();
            assertThat(p.matches("github:acme")).isFalse();
            assertThat(p.matches("github:other/api")).isFalse();
        }

        @Test
        @DisplayName("'**' alone matches every resource")
        void restAlone() {
            ResourcePattern p = ResourcePattern.parse("**");
            assertThat(p.isExact()).isFalse();
            assertThat(p.matches("a")).isTrue();
            assertThat(p.matches("a/b/c")).isTrue();
        }

        @Test
        @DisplayName("'*' and '**' combine")
        void combined() {
            ResourcePattern p = ResourcePattern.parse("*/api/**");
            assertThat(p.matches("github:acme/api/pulls")).isTrue();
            assertThat(p.matches("github:acme/api")).isFalse();
            assertThat(p.matches("api/pulls")).isFalse();
        }

        @Test
        @DisplayName("a malformed resource matches nothing")
        void malformedResource() {
            ResourcePattern p = ResourcePattern.parse("**");
            assertThat(p.matches("a//b")).isFalse();
            assertThat(p.matches("a/*")).isFalse();
            assertThat(p.matches("")).isFalse();
            assertThat(p.matches(null)).isFalse();
        }

        @Test
        @DisplayName("matchesSegments agrees with matches")
        void segmentsAgree() {
            ResourcePattern p = ResourcePattern.parse("a/*/c");
            assertThat(p.matchesSegments(ResourcePattern.segmentsOf("a/b/c"))).isTrue();
            assertThat(p.matchesSegments(ResourcePattern.segmentsOf("a/b"))).isFalse();
        }
    }

    @Nested
    @DisplayName("rejections name the 0-based position of the fault")
    class Rejections {
        @ParameterizedTest(name = "''{0}'' at {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"      | must not be empty                       | 0",
            "a//b      | empty segment                           | 2",
            "a/b//     | empty segment                           | 4",
            "/a        | must not start with '/'                 | 0",
            "/         | must not start with '/'                 | 0",
            "a/        | must not end with '/'                   | 1",
            "a/b/c/    | must not end with '/'                   | 5",
            "a*b       | '*' must stand alone as a whole segment | 1",
            "x/*b      | '*' must stand alone as a whole segment | 2",
            "x/***     | '*' must stand alone as a whole segment | 2",
            "**/a      | '**' is allowed only as the last segment | 0",
            "a/**/b    | '**' is allowed only as the last segment | 2",
            "\"a/b c\" | contains U+0020 SPACE (white space)     | 3",
            "\"a\tb\"  | contains U+0009 CHARACTER TABULATION (a control character) | 1",
            "a/../b    | '.' and '..' segments are not allowed   | 2",
            "./b       | '.' and '..' segments are not allowed   | 0",
            "a/%2e%2e  | '%' is not allowed: resources are compared as written, never percent-decoded | 2",
        })
        void pattern(String pattern, String rule, int position) {
            assertRejected(pattern, rule, position);
        }

        @Test
        void noBreakSpace() {
            assertRejected("ab/c\u00a0d", "contains U+00A0 NO-BREAK SPACE (white space)", 4);
        }

        @Test
        void controlCharacters() {
            assertRejected("a/\u0000", "contains U+0000 NULL (a control character)", 2);
            assertRejected("a\u007f", "contains U+007F DELETE (a control character)", 1);
            assertRejected("ab\u0085", "contains U+0085 NEXT LINE (NEL) (a control character)", 2);
        }

        @Test
        void tooLong() {
            String max = "a/".repeat(ResourcePattern.MAX_SEGMENTS - 1) + "b".repeat(ResourcePattern.MAX_LENGTH - 62);
            assertThat(max).hasSize(ResourcePattern.MAX_LENGTH);
            assertThat(ResourcePattern.parse(max).value()).isEqualTo(max);
            assertRejected(max + "b", "must be at most 512 characters", 512);
        }

        @Test
        void tooManySegments() {
            String max = "a/".repeat(ResourcePattern.MAX_SEGMENTS - 1) + "a";
            assertThat(ResourcePattern.parse(max).segments()).hasSize(ResourcePattern.MAX_SEGMENTS);
            assertRejected(max + "/bc", "must have at most 32 segments", max.length() + 1);
            // The segment count is the first fault, before anything inside the extra segment.
            assertRejected(max + "/", "must have at most 32 segments", max.length() + 1);
            assertRejected(max + "/b c", "must have at most 32 segments", max.length() + 1);
        }

        @Test
        @DisplayName("the first fault from the left is the one reported")
        void firstFault() {
            assertRejected("a b/c*", "contains U+0020 SPACE (white space)", 1);
            assertRejected("a/**/ /", "'**' is allowed only as the last segment", 2);
        }

        @Test
        void nullIsRequired() {
            assertThatThrownBy(() -> ResourcePattern.parse(null))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.rule()).isEqualTo("is required"));
        }

        private void assertRejected(String pattern, String rule, int position) {
            assertThatThrownBy(() -> ResourcePattern.parse(pattern))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("resource pattern");
                        assertThat(e.rule()).isEqualTo(rule + " (position " + position + ")");
                    });
        }
    }

    @Nested
    @DisplayName("concrete resources")
    class Resources {
        @Test
        void segments() {
            assertThat(ResourcePattern.segmentsOf("github:acme/api/pulls"))
                    .containsExactly("github:acme", "api", "pulls");
            assertThat(ResourcePattern.segmentsOf("a")).containsExactly("a");
        }

        @ParameterizedTest(name = "''{0}'' at {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a/*     | wildcards are not allowed in a resource | 2",
            "**      | wildcards are not allowed in a resource | 0",
            "a/b*    | wildcards are not allowed in a resource | 3",
            "a//b    | empty segment                           | 2",
            "a/      | must not end with '/'                   | 1",
        })
        void rejected(String resource, String rule, int position) {
            assertThatThrownBy(() -> ResourcePattern.segmentsOf(resource))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("resource");
                        assertThat(e.rule()).isEqualTo(rule + " (position " + position + ")");
                    });
        }
    }

    @Nested
    @DisplayName("values")
    class Values {
        @Test
        @DisplayName("equal patterns have the same text, value, string form and hash")
        void equality() {
            ResourcePattern a = ResourcePattern.parse("a/*/**");
            ResourcePattern b = ResourcePattern.parse("a/*/**");
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(ResourcePattern.parse("a/*"));
            assertThat(a.value()).isEqualTo("a/*/**").isEqualTo(a.toString());
        }

        @Test
        void segmentsAreImmutable() {
            List<String> segments = ResourcePattern.parse("a/b").segments();
            assertThatThrownBy(() -> segments.add("c")).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
