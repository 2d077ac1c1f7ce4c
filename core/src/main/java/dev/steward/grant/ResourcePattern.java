package dev.steward.grant;

import dev.steward.ValidationException;
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
 * literal   = 1*( any character except "/", "*", white space and control characters )
 * </pre>
 * <ul>
 *   <li><b>exact</b>: {@code github:acme/api} matches only {@code github:acme/api};</li>
 *   <li><b>segment wildcard</b>: {@code *} matches exactly one segment, anywhere:
 *       {@code github:acme/*}{@code /pulls} matches {@code github:acme/api/pulls};</li>
 *   <li><b>trailing wildcard</b>: a final {@code **} matches one or more further segments:
 *       {@code github:acme/**} matches {@code github:acme/api} and {@code github:acme/api/pulls}
 *       but not {@code github:acme} itself.</li>
 * </ul>
 * A pattern or resource is at most {@value #MAX_LENGTH} characters and {@value #MAX_SEGMENTS}
 * segments. Literal segments compare exactly (case-sensitive). A malformed pattern or resource is
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
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '*') {
                throw fault(field, wildcards
                        ? "'*' must stand alone as a whole segment"
                        : "wildcards are not allowed in a resource", i);
            }
            // isWhitespace alone misses the no-break spaces, which look the same as a space.
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw fault(field, "white space or control character", i);
            }
        }
        return text.substring(from, to);
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
