package dev.steward.grant;

import dev.steward.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * segments. Literal segments compare exactly (case-sensitive). A malformed pattern is rejected
 * with a {@link ValidationException} naming the character position of the fault.
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
            throw new ValidationException(field, "must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ValidationException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        List<String> out = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '/') {
                out.add(segment(field, text, start, i, wildcards, i == text.length()));
                if (out.size() > MAX_SEGMENTS) {
                    throw new ValidationException(field, "must have at most " + MAX_SEGMENTS + " segments");
                }
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }

    private static String segment(String field, String text, int from, int to, boolean wildcards, boolean last) {
        if (from == to) {
            throw new ValidationException(field, "empty segment at position " + from);
        }
        String s = text.substring(from, to);
        if (wildcards && s.equals(ONE)) {
            return ONE;
        }
        if (wildcards && s.equals(REST)) {
            if (!last) {
                throw new ValidationException(field, "'**' is allowed only as the last segment (position " + from + ")");
            }
            return REST;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '*') {
                throw new ValidationException(field, wildcards
                        ? "'*' must stand alone as a whole segment (position " + i + ")"
                        : "wildcards are not allowed in a resource (position " + i + ")");
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new ValidationException(field, "white space or control character at position " + i);
            }
        }
        return s;
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
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
