package dev.steward.grant;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.steward.ValidationException;
import java.text.Normalizer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes the pattern and resource parsers. A normal build runs the seeds under
 * {@code src/test/resources/dev/steward/grant/ResourcePatternFuzzTestInputs}; set
 * {@code JAZZER_FUZZ=1} and run one method to fuzz it.
 */
class ResourcePatternFuzzTest {
    private static final Pattern POSITION = Pattern.compile(" \\(position (\\d+)\\)$");

    @FuzzTest
    void parse(FuzzedDataProvider data) {
        String text = data.consumeString(2 * ResourcePattern.MAX_LENGTH);
        String resource = data.consumeRemainingAsString();
        ResourcePattern pattern;
        try {
            pattern = ResourcePattern.parse(text);
        } catch (ValidationException e) {
            assertPositionInside(e, text);
            return;
        }
        assertThat(pattern.value()).isEqualTo(text).isEqualTo(pattern.toString());
        assertClean(pattern.segments());
        assertThat(String.join("/", pattern.segments())).isEqualTo(text);
        assertThat(ResourcePattern.parse(pattern.value())).isEqualTo(pattern);
        boolean matches = pattern.matches(resource);
        List<String> segments = segmentsOrNull(resource);
        assertThat(matches).isEqualTo(segments != null && pattern.matchesSegments(segments));
    }

    @FuzzTest
    void segmentsOf(FuzzedDataProvider data) {
        String resource = data.consumeRemainingAsString();
        List<String> segments = segmentsOrNull(resource);
        if (segments != null) {
            assertThat(String.join("/", segments)).isEqualTo(resource);
            assertClean(segments);
            // A concrete resource is also a valid exact pattern that covers exactly itself.
            ResourcePattern exact = ResourcePattern.parse(resource);
            assertThat(exact.isExact()).isTrue();
            assertThat(exact.matchesSegments(segments)).isTrue();
        }
    }

    // What is accepted cannot be read as another resource: no dot segment, nothing to decode, NFC,
    // and no code point that is invisible or reorders the text around it.
    private static void assertClean(List<String> segments) {
        for (String segment : segments) {
            assertThat(segment).isNotIn(".", "..").doesNotContain("%").doesNotContain("\\");
            assertThat(Normalizer.isNormalized(segment, Normalizer.Form.NFC)).as(segment).isTrue();
            segment.codePoints().forEach(cp -> assertThat(Character.getType(cp)).as("U+%04X", cp).isNotIn(
                    (int) Character.CONTROL, (int) Character.FORMAT, (int) Character.SURROGATE,
                    (int) Character.PRIVATE_USE, (int) Character.UNASSIGNED, (int) Character.SPACE_SEPARATOR,
                    (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR));
        }
    }

    private static List<String> segmentsOrNull(String resource) {
        try {
            return ResourcePattern.segmentsOf(resource);
        } catch (ValidationException e) {
            assertPositionInside(e, resource);
            return null;
        }
    }

    // Every rejection of a non-null text names a character inside it (0 for the empty text).
    private static void assertPositionInside(ValidationException e, String text) {
        Matcher m = POSITION.matcher(e.rule());
        assertThat(m.find()).as("position in '%s'", e.rule()).isTrue();
        int position = Integer.parseInt(m.group(1));
        assertThat(position).isBetween(0, Math.max(0, text.length() - 1));
    }
}
