package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.steward.IdentifierValidationTest.Field;
import dev.steward.grant.ResourcePattern;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the text rules, judged by an oracle written from the Unicode categories alone, not
 * from Steward's own tables.
 */
class IdentifierPropertiesTest {
    /** Control, format, surrogate, private-use, unassigned, line and paragraph separator code points. */
    private static final List<Integer> DISGUISING = disguising();

    /** Pieces of text that are easy to get almost right: dots, percent, marks, spaces, composed and not. */
    private static final List<String> PIECES = List.of("a", "Z", "7", "/", ".", "..", "%", "%2e", "%2F", " ", "*",
            "\\", "-", ":", "e", "\u0301", "\u00E9", "\u0338", "\u00A0", "\u202E", "\u200B", "\uFEFF", "\u2066",
            "\u2069", "\u0378", "\uD800", "\uDC00", "\uD83D\uDE80", "\u6771", "\u0939\u093F", "\r", "\n", "\u0000",
            "\u3164", "\uE000", "\u2028", "\u1100\u1161");

    private static boolean isDisguising(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return true;
            default:
                return false;
        }
    }

    private static List<Integer> disguising() {
        List<Integer> out = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int type = Character.getType(cp);
            boolean vast = type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
            // Every rare one, and a sample of the vast unassigned and private-use planes.
            if (isDisguising(cp) && (!vast || cp < 0x20000 || cp % 251 == 0)) {
                out.add(cp);
            }
        }
        return List.copyOf(out);
    }

    private static List<Field> everyField() {
        return Stream.of(IdentifierValidationTest.ids(), IdentifierValidationTest.resources(),
                IdentifierValidationTest.names(), IdentifierValidationTest.freeText())
                .flatMap(List::stream).toList();
    }

    @Test
    @DisplayName("any text holding a control, format, bidirectional, unassigned or private-use code point or a lone "
            + "surrogate is refused by every checked field")
    void disguisingRefusedEverywhere() {
        List<Field> fields = everyField();
        Gen<String> ascii = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 6);
        qt().withExamples(2_000).forAll(ascii, Generate.pick(DISGUISING), strings().numeric())
                .checkAssert((before, cp, after) -> {
                    String value = before + new String(Character.toChars(cp)) + after;
                    for (Field field : fields) {
                        assertThatThrownBy(() -> field.check().accept(value))
                                .as("%s with U+%04X", field, cp).isInstanceOf(ValidationException.class);
                    }
                });
    }

    @Test
    @DisplayName("any accepted name, text, resource or pattern is NFC and free of disguising code points; an accepted "
            + "resource has no '.' or '..' segment and no '%'")
    void acceptedIsClean() {
        List<Field> fields = Stream.of(IdentifierValidationTest.resources(), IdentifierValidationTest.names(),
                IdentifierValidationTest.freeText()).flatMap(List::stream).toList();
        Gen<String> piece = integers().between(0, 2 * PIECES.size()).zip(integers().between(0, Character.MAX_CODE_POINT),
                (i, cp) -> i < PIECES.size() ? PIECES.get(i) : new String(Character.toChars(cp)));
        qt().withExamples(3_000).forAll(lists().of(piece).ofSizeBetween(1, 10).map(l -> String.join("", l)))
                .checkAssert(value -> {
                    for (Field field : fields) {
                        try {
                            field.check().accept(value);
                        } catch (ValidationException refused) {
                            continue;
                        }
                        assertThat(Normalizer.isNormalized(value, Normalizer.Form.NFC)).as("%s: %s", field, value)
                                .isTrue();
                        assertThat(value.codePoints().filter(IdentifierPropertiesTest::isDisguising))
                                .as("%s: %s", field, value).isEmpty();
                    }
                    List<String> segments;
                    try {
                        segments = ResourcePattern.segmentsOf(value);
                    } catch (ValidationException refused) {
                        return;
                    }
                    assertThat(value).doesNotContain("%").doesNotContain("\\");
                    assertThat(segments).doesNotContain(".", "..");
                });
    }
}
