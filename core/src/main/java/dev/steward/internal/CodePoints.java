package dev.steward.internal;

import java.text.Normalizer;

/**
 * The code points Steward refuses in every text it accepts, and how a refused text is shown where
 * it must be recorded anyway (the audit of a malformed request, an exception message).
 *
 * <p>Refused everywhere: control characters (category Cc, which includes CR, LF, TAB and NUL),
 * format characters (Cf: the bidirectional controls U+202A..U+202E, U+2066..U+2069, U+200E,
 * U+200F, U+061C, the zero-width characters U+200B..U+200D, U+2060, U+FEFF, the tag characters
 * U+E0000..U+E007F), lone surrogates (Cs), private-use (Co) and unassigned (Cn) code points, the
 * line and paragraph separators (Zl, Zp), and the invisible characters outside Cf: U+034F, the
 * Hangul fillers U+115F, U+1160, U+3164, U+FFA0, U+17B4, U+17B5, the Mongolian and other variation
 * selectors U+180B..U+180F, U+FE00..U+FE0F, U+E0100..U+E01EF, and U+2800 BRAILLE PATTERN BLANK.
 * "Unassigned" is judged by the Unicode version of the running JVM.
 */
public final class CodePoints {
    private CodePoints() {
    }

    /**
     * @param cp a code point
     * @return why it is refused in any text, in words (e.g. {@code "a Unicode format character"}),
     *     or {@code null} when it is allowed
     */
    public static String refusal(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
                return "a control character";
            case Character.FORMAT:
                return "a Unicode format character";
            case Character.SURROGATE:
                return "a lone surrogate";
            case Character.PRIVATE_USE:
                return "a private-use code point";
            case Character.UNASSIGNED:
                return "an unassigned code point";
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return "a line or paragraph separator";
            default:
                return invisible(cp) ? "an invisible character" : null;
        }
    }

    private static boolean invisible(int cp) {
        return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || cp == 0x2800 || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0 || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /**
     * {@return whether the code point is a combining mark, which must not start a text or segment}
     *
     * @param cp a code point
     */
    public static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * @param cp a code point
     * @return it for people, e.g. {@code U+202E RIGHT-TO-LEFT OVERRIDE}; the number alone when
     *     Unicode gives it no name
     */
    public static String describe(int cp) {
        String number = String.format("U+%04X", cp);
        int type = Character.getType(cp);
        String name = type == Character.UNASSIGNED || type == Character.SURROGATE || type == Character.PRIVATE_USE
                ? null : Character.getName(cp);
        return name == null ? number : number + " " + name;
    }

    /**
     * @param cp the refused code point
     * @param why why it is refused, from {@link #refusal(int)} or the field's own rule
     * @return the rule, e.g. {@code contains U+202E RIGHT-TO-LEFT OVERRIDE (a Unicode format character)}
     */
    public static String contains(int cp, String why) {
        return "contains " + describe(cp) + " (" + why + ")";
    }

    /**
     * Finds where a text stops being in Unicode normalization form C. ASCII text is always in NFC,
     * so callers check only text with a non-ASCII character.
     *
     * @param text the text
     * @param from the first index to look at
     * @param to the index after the last
     * @return the index of the first character at which {@code text[from, to)} is no longer NFC, or
     *     -1 when it is NFC
     */
    public static int firstNonNfc(String text, int from, int to) {
        String part = text.substring(from, to);
        if (Normalizer.isNormalized(part, Normalizer.Form.NFC)) {
            return -1;
        }
        // Only on the refusal path: grow the prefix until it stops being NFC.
        for (int end = from + 1; end <= to; end++) {
            if (!Normalizer.isNormalized(text.substring(from, end), Normalizer.Form.NFC)) {
                return Character.isLowSurrogate(text.charAt(end - 1)) && end - 2 >= from ? end - 2 : end - 1;
            }
        }
        return from;
    }

    /**
     * Shows a text with every refused code point, every white space other than U+0020 and every
     * {@code \} escaped, a code point as {@code \}{@code u} and four uppercase hex digits (in
     * braces above U+FFFF, e.g. {@code u{1F600}}) and the backslash as {@code \\}: the result cannot
     * render as a different text, and no two texts escape alike.
     * Text that Steward accepts as a resource or action is returned unchanged.
     *
     * @param text the text
     * @return the escaped text
     */
    public static String escape(String text) {
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (needsEscape(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (needsEscape(cp)) {
                out.append(cp > 0xFFFF ? String.format("\\u{%X}", cp) : String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean needsEscape(int cp) {
        if (cp < 0x80) {
            return cp < 0x20 || cp == 0x7F || cp == '\\';
        }
        return refusal(cp) != null || Character.isSpaceChar(cp);
    }
}
