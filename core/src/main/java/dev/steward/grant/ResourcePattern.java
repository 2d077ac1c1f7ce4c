package dev.steward.grant;

import dev.steward.ValidationException;
import dev.steward.internal.CodePoints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The resources a {@link Grant} covers. A resource is a path of segments separated by {@code /},
 * e.g. {@code github:acme/api/pulls}; a pattern is a resource in which some segments are
 * wildcards.
 *
 * <h2>Grammar</h2>
 * <pre>
 * pattern   = segment *( "/" segment ) [ "/" "**" ]  |  "**"
 * segment   = "*" | literal
 * literal   = 1*( a character allowed in a literal ), but not "." nor ".."
 * </pre>
 * <ul>
 *   <li><b>exact</b>: {@code github:acme/api} matches only {@code github:acme/api};</li>
 *   <li><b>segment wildcard</b>: {@code *} matches exactly one segment, anywhere:
 *       {@code github:acme/*}{@code /pulls} matches {@code github:acme/api/pulls};</li>
 *   <li><b>trailing wildcard</b>: a final {@code **} matches one or more further segments:
 *       {@code github:acme/**} matches {@code github:acme/api} and {@code github:acme/api/pulls}
 *       but not {@code github:acme} itself.</li>
 * </ul>
 *
 * <h2>What a literal may hold</h2>
 * A resource is compared as written: Steward never decodes, normalizes or resolves it, so it
 * refuses every text that another layer could read as a different resource, or that could look
 * like a different one to a person reading a grant or an audit trail:
 * <ul>
 *   <li>{@code .} and {@code ..} segments: {@code github:acme/api/../secrets} is refused rather
 *       than matched by {@code github:acme/api/**}, since a path resolver downstream would read
 *       it as {@code github:acme/secrets} ({@code .} inside a segment, as in {@code v1.2}, is
 *       fine);</li>
 *   <li>{@code %}: percent-encoding is never decoded, so {@code %2e%2e} or {@code %2F} are
 *       refused rather than kept as literals that a decoding layer would read as {@code ..} or
 *       {@code /}; hosts decode a URL before naming its resource;</li>
 *   <li>{@code \}: segments are separated by {@code /} only;</li>
 *   <li>{@code *} other than as a whole wildcard segment, and any wildcard in a concrete
 *       resource;</li>
 *   <li>white space of any kind, control characters, Unicode format characters (category Cf:
 *       among them the bidirectional controls such as U+202E RIGHT-TO-LEFT OVERRIDE and the
 *       zero-width characters such as U+200B and U+FEFF), invisible characters, lone surrogates,
 *       private-use and unassigned code points (see {@code dev.steward.internal.CodePoints} for
 *       the exact set), and a combining mark at the start of a segment;</li>
 *   <li>text not in Unicode normalization form C: {@code café} is accepted,
 *       {@code café} (the same word with a combining accent) is refused rather than
 *       silently rewritten, so that a grant and a request match only when their code points
 *       do. Normalize with {@link java.text.Normalizer} to NFC first.</li>
 * </ul>
 * Letters, digits, marks, punctuation and symbols of any script are allowed otherwise; literals
 * compare exactly and case-sensitively.
 *
 * A pattern or resource is at most {@value #MAX_LENGTH} characters and {@value #MAX_SEGMENTS}
 * segments. A malformed pattern or resource is
 * rejected with a {@link ValidationException} whose rule ends with {@code (position N)}, the 0-based
 * index of the first offending character: for an over-long input the first character past the
 * limit, for too many segments the start of the first extra one, for an empty segment the
 * {@code /} that empties it.
 */
public final class ResourcePattern {
    /** Longest pattern or resource, in characters. */
    public static final int MAX_LENGTH = 512;
    /** Most segments in a pattern or resource. */
    public static final int MAX_SEGMENTS = 32;

    static final String ONE = "*";
    static final String REST = "**";

    private final String text;
    private final List<String> segments;

    private ResourcePattern(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Parses a pattern.
     *
     * @param pattern the pattern's text
     * @return the pattern
     * @throws ValidationException naming the position of the first fault
     */
    public static ResourcePattern parse(String pattern) {
        return new ResourcePattern(pattern, split("resource pattern", pattern, true));
    }

    /**
     * Checks a concrete resource (no wildcards), as named in an access request.
     *
     * @param resource the resource
     * @return its segments
     * @throws ValidationException naming the position of the first fault
     */
    public static List<String> segmentsOf(String resource) {
        return split("resource", resource, false);
    }

    private static List<String> split(String field, String text, boolean wildcards) {
        if (text == null) {
            throw new ValidationException(field, "is required");
        }
        if (text.isEmpty()) {
            throw fault(field, "must not be empty", 0);
        }
        // Checked before the scan so that an oversized input costs no more than a short one.
        if (text.length() > MAX_LENGTH) {
            throw fault(field, "must be at most " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        List<String> out = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '/') {
                // The fault is where the segment over the limit begins, before anything inside it.
                if (out.size() == MAX_SEGMENTS) {
                    throw fault(field, "must have at most " + MAX_SEGMENTS + " segments", start);
                }
                out.add(segment(field, text, start, i, wildcards));
                start = i + 1;
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static String segment(String field, String text, int from, int to, boolean wildcards) {
        if (from == to) {
            if (from == 0) {
                throw fault(field, "must not start with '/'", 0);
            }
            if (to == text.length()) {
                throw fault(field, "must not end with '/'", to - 1);
            }
            throw fault(field, "empty segment", from);
        }
        boolean last = to == text.length();
        if (wildcards && to - from == 1 && text.charAt(from) == '*') {
            return ONE;
        }
        if (wildcards && to - from == 2 && text.startsWith(REST, from)) {
            if (!last) {
                throw fault(field, "'**' is allowed only as the last segment", from);
            }
            return REST;
        }
        if (text.charAt(from) == '.' && (to - from == 1 || (to - from == 2 && text.charAt(from + 1) == '.'))) {
            throw fault(field, "'.' and '..' segments are not allowed", from);
        }
        boolean ascii = true;
        for (int i = from; i < to; ) {
            int c = text.codePointAt(i);
            String why = c < 0x80 ? asciiFault(c, wildcards) : otherFault(c, i == from);
            if (why != null) {
                throw fault(field, why, i);
            }
            ascii &= c < 0x80;
            i += Character.charCount(c);
        }
        int nfc = ascii ? -1 : CodePoints.firstNonNfc(text, from, to);
        if (nfc >= 0) {
            throw fault(field, "must be in Unicode normalization form C (NFC)", nfc);
        }
        return text.substring(from, to);
    }

    /** The common case, kept free of table look-ups: decisions check every resource. */
    private static String asciiFault(int c, boolean wildcards) {
        if (c <= ' ' || c == 0x7F) {
            return CodePoints.contains(c, c == ' ' ? "white space" : "a control character");
        }
        switch (c) {
            case '*':
                return wildcards ? "'*' must stand alone as a whole segment"
                        : "wildcards are not allowed in a resource";
            case '%':
                return "'%' is not allowed: resources are compared as written, never percent-decoded";
            case '\\':
                return "'\\' is not allowed: segments are separated by '/' only";
            default:
                return null;
        }
    }

    private static String otherFault(int c, boolean first) {
        String refusal = CodePoints.refusal(c);
        if (refusal != null) {
            return CodePoints.contains(c, refusal);
        }
        if (Character.isSpaceChar(c)) {
            return CodePoints.contains(c, "white space");
        }
        return first && CodePoints.isMark(c)
                ? CodePoints.contains(c, "a combining mark must not start a segment") : null;
    }

    private static ValidationException fault(String field, String rule, int position) {
        return new ValidationException(field, rule + " (position " + position + ")");
    }

    /** @return the pattern's text, as parsed */
    public String value() {
        return text;
    }

    /** @return the pattern's segments; {@code "*"} and {@code "**"} stand for wildcards */
    public List<String> segments() {
        return segments;
    }

    /** @return whether the pattern has no wildcard */
    public boolean isExact() {
        return !segments.contains(ONE) && !segments.contains(REST);
    }

    /**
     * @param resource a concrete resource
     * @return whether this pattern covers it; {@code false} for a malformed resource
     */
    public boolean matches(String resource) {
        List<String> parts;
        try {
            parts = segmentsOf(resource);
        } catch (ValidationException e) {
            return false;
        }
        return matchesSegments(parts);
    }

    /**
     * @param parts the segments of a concrete resource, as given by {@link #segmentsOf(String)}
     * @return whether this pattern covers them
     */
    public boolean matchesSegments(List<String> parts) {
        int n = segments.size();
        boolean rest = segments.get(n - 1).equals(REST);
        int fixed = rest ? n - 1 : n;
        if (rest ? parts.size() <= fixed : parts.size() != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            String p = segments.get(i);
            if (!p.equals(ONE) && !p.equals(parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourcePattern && ((ResourcePattern) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
