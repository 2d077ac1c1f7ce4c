package dev.steward.tokens.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A strictly read {@code application/x-www-form-urlencoded} body (RFC 6749 Appendix B): every
 * percent escape well-formed, every name and value well-formed UTF-8 once decoded. A parameter
 * sent without a value counts as omitted (RFC 6749 §3.1). Unknown parameters are kept but never
 * read (RFC 6749 §3.2 has them ignored).
 */
final class FormBody {
    private final Map<String, List<String>> values;

    private FormBody(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * {@return the parameters of the body}
     *
     * @throws BadRequest if an escape or the UTF-8 is malformed
     */
    static FormBody parse(byte[] body) {
        Map<String, List<String>> values = new HashMap<>();
        for (String pair : Http.utf8(body).split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new FormBody(values);
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new BadRequest("the body has a malformed percent escape");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequest("the body has a malformed percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw new BadRequest("the body has a character that is not percent-encoded");
            }
        }
        return Http.utf8(out.toByteArray());
    }

    /**
     * Fails if any of these parameters was sent more than once (RFC 6749 §3.1).
     *
     * @param names the parameters the endpoint reads
     */
    void requireSingle(Set<String> names) {
        for (String name : names) {
            if (values.getOrDefault(name, List.of()).size() > 1) {
                throw new BadRequest("the " + name + " parameter is repeated");
            }
        }
    }

    /** {@return how many times a parameter was sent, with a value or without} */
    int count(String name) {
        return values.getOrDefault(name, List.of()).size();
    }

    /** {@return the value of a parameter sent once with a value; empty when omitted} */
    Optional<String> get(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(v -> !v.isEmpty()).findFirst();
    }
}
