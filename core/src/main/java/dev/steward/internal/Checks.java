package dev.steward.internal;

import dev.steward.ValidationException;
import java.time.Duration;
import java.util.Map;

/** Argument checks shared by the API's value types; each failure names the field and the rule. */
public final class Checks {
    private static final int MAX_TEXT = 1024;

    private Checks() {
    }

    /** Requires an id: 1 to 128 characters of letters, digits and {@code . _ : @ + -}. */
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

    /** @param value a candidate action @return whether it is 1 to 128 letters, digits and {@code . _ : -} */
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

    /** Requires an action name: 1 to 128 letters, digits and {@code . _ : -}, starting with a letter or digit. */
    public static String action(String field, String value) {
        if (!isAction(value)) {
            throw new ValidationException(field, "must be 1 to 128 letters, digits and . _ : - starting with a letter or digit");
        }
        return value;
    }

    /** Requires non-blank text of at most 1024 characters without control characters. */
    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "must not be blank");
        }
        return optionalText(field, value);
    }

    /** Allows empty text, but at most 1024 characters and no control characters. */
    public static String optionalText(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "must not be null");
        }
        if (value.length() > MAX_TEXT) {
            throw new ValidationException(field, "must be at most " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new ValidationException(field, "must not contain control characters (at index " + i + ")");
            }
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

    /** Requires a strictly positive duration. */
    public static Duration positive(String field, Duration value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value.isNegative() || value.isZero()) {
            throw new ValidationException(field, "must be positive");
        }
        return value;
    }

    /** Copies attributes after checking each key is an id and each value is text. */
    public static Map<String, String> attributes(String field, Map<String, String> attributes) {
        if (attributes == null) {
            throw new ValidationException(field, "must not be null");
        }
        attributes.forEach((k, v) -> {
            id(field + " key", k);
            optionalText(field + "[" + k + "]", v);
        });
        return Map.copyOf(attributes);
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
