package dev.steward.internal;

import dev.steward.ValidationException;
import java.time.Duration;

/** Argument checks shared by the API's value types; each failure names the field and the rule. */
public final class Checks {
    private static final int MAX_TEXT = 1024;

    private Checks() {
    }

    /**
     * Requires an id: 1 to 128 characters of letters, digits and {@code . _ : @ + -}, starting with a
     * letter or digit.
     *
     * @param field the name the failure gives the value
     * @param value the candidate id
     * @return {@code value}
     * @throws ValidationException if it is {@code null} or not an id
     */
    public static String id(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (!isId(value)) {
            throw new ValidationException(field,
                    "must be 1 to 128 characters of letters, digits and . _ : @ + - starting with a letter or digit");
        }
        return value;
    }

    /**
     * {@return whether the text is an action name: 1 to 128 letters, digits and {@code . _ : -},
     * starting with a letter or digit}
     *
     * @param value a candidate action; may be {@code null}
     */
    public static boolean isAction(String value) {
        return matches(value, "._:-");
    }

    private static boolean isId(String value) {
        return matches(value, "._:@+-");
    }

    /**
     * A hand-written check rather than a regular expression: ids and actions are checked on the
     * decision path, where a regex matcher per check was a measurable share of the cost.
     *
     * @return whether {@code value} is 1 to 128 characters, letters and digits, plus {@code extra}
     *     after the first character
     */
    private static boolean matches(String value, String extra) {
        if (value == null || value.isEmpty() || value.length() > 128) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || extra.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Requires an action name: 1 to 128 letters, digits and {@code . _ : -}, starting with a letter or digit.
     *
     * @param field the name the failure gives the value
     * @param value the candidate action
     * @return {@code value}
     * @throws ValidationException if it is {@code null} or not an action name
     */
    public static String action(String field, String value) {
        if (!isAction(value)) {
            throw new ValidationException(field, "must be 1 to 128 letters, digits and . _ : - starting with a letter or digit");
        }
        return value;
    }

    /**
     * Requires free text (a reason, justification, purpose, comment): not blank, at most 1024
     * characters, in Unicode NFC, without the code points {@link CodePoints} refuses everywhere
     * (controls including CR and LF, format and bidirectional controls, invisible, unassigned,
     * private-use and lone surrogate code points), and not starting with a combining mark.
     *
     * @param field the name the failure gives the value
     * @param value the candidate text
     * @return {@code value}
     * @throws ValidationException if it is {@code null}, blank, too long, not in NFC or holds a
     *     refused code point; the message names the field, the code point and the rule
     */
    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "must not be blank");
        }
        return scan(field, value, false);
    }

    /**
     * Like {@link #text}, but allows the empty text.
     *
     * @param field the name the failure gives the value
     * @param value the candidate text
     * @return {@code value}
     * @throws ValidationException if it is {@code null}, too long or holds a refused code point
     */
    public static String optionalText(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "must not be null");
        }
        return scan(field, value, false);
    }

    /**
     * Requires a name or reference shown to people and matched by them (an identity's or review
     * cycle's name, an approval ticket, a correlation id): the rules of {@link #text}, and the only
     * white space is U+0020 SPACE, never first or last.
     *
     * @param field the name the failure gives the value
     * @param value the candidate name
     * @return {@code value}
     * @throws ValidationException if it breaks one of these rules; the message names the rule
     */
    public static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "must not be blank");
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            throw new ValidationException(field, "must not start or end with a space");
        }
        return scan(field, value, true);
    }

    private static String scan(String field, String value, boolean name) {
        if (value.length() > MAX_TEXT) {
            throw new ValidationException(field, "must be at most " + MAX_TEXT + " characters");
        }
        boolean ascii = true;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String why;
            if (cp < 0x80) {
                why = cp < 0x20 || cp == 0x7F ? "a control character" : null;
            } else {
                ascii = false;
                why = CodePoints.refusal(cp);
                if (why == null && name && Character.isSpaceChar(cp)) {
                    why = "white space other than U+0020 SPACE";
                } else if (why == null && i == 0 && CodePoints.isMark(cp)) {
                    why = "a combining mark must not come first";
                }
            }
            if (why != null) {
                throw new ValidationException(field, CodePoints.contains(cp, why) + " at index " + i);
            }
            i += Character.charCount(cp);
        }
        int fault = ascii ? -1 : CodePoints.firstNonNfc(value, 0, value.length());
        if (fault >= 0) {
            throw new ValidationException(field, "must be in Unicode normalization form C (NFC), which it leaves at "
                    + "index " + fault + "; normalize it with java.text.Normalizer first");
        }
        return value;
    }

    /**
     * @param d a duration
     * @return it in words for people, e.g. {@code 3 days}, {@code 8 hours}, {@code 90 seconds}
     */
    public static String words(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
    }

    /**
     * Requires a strictly positive duration.
     *
     * @param field the name the failure gives the value
     * @param value the candidate duration
     * @return {@code value}
     * @throws ValidationException if it is {@code null}, zero or negative
     */
    public static Duration positive(String field, Duration value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value.isNegative() || value.isZero()) {
            throw new ValidationException(field, "must be positive");
        }
        return value;
    }

    /**
     * Requires a value that must be set.
     *
     * @param <T> the value's type
     * @param field the field, e.g. {@code identity.name}
     * @param value its value, or {@code null} if it was never set
     * @return the value
     */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }
}
