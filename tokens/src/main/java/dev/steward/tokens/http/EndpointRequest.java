package dev.steward.tokens.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as an {@link EndpointHandler} sees it: the method, the header fields (names
 * compared case-insensitively), and the body bytes. A server adapter builds one per request. Its
 * {@code toString} shows neither header values nor the body, which may carry tokens and keys.
 * Immutable.
 *
 * <pre>{@code
 * EndpointRequest request = EndpointRequest.builder("POST")
 *     .header("Content-Type", "application/x-www-form-urlencoded")
 *     .body(form.getBytes(StandardCharsets.UTF_8))
 *     .build();
 * }</pre>
 */
public final class EndpointRequest {
    private final String method;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private EndpointRequest(Builder b) {
        this.method = b.method;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        b.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Map.copyOf(copy);
        this.body = b.body;
    }

    /**
     * {@return a builder of a request with this method}
     *
     * @param method the HTTP method as sent, e.g. {@code POST}
     */
    public static Builder builder(String method) {
        return new Builder(method);
    }

    /** @return the HTTP method, as sent */
    public String method() {
        return method;
    }

    /**
     * {@return every value of a header field, in the order received; empty when it is absent}
     *
     * @param name the field name, in any case
     */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** @return a copy of the body; empty when there is none */
    public byte[] body() {
        return body.clone();
    }

    /** @return the length of the body in bytes */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "EndpointRequest[" + method + ", headers=" + headers.keySet() + ", " + body.length + " bytes]";
    }

    /** Builds an {@link EndpointRequest}. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        private Builder(String method) {
            this.method = Objects.requireNonNull(method, "method");
        }

        /**
         * Adds a value of a header field; a field received several times is added once per value.
         *
         * @param name the field name
         * @param value the field value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Sets the body.
         *
         * @param value the body bytes, copied
         * @return this builder
         */
        public Builder body(byte[] value) {
            body = Objects.requireNonNull(value, "body").clone();
            return this;
        }

        /** @return the request */
        public EndpointRequest build() {
            return new EndpointRequest(this);
        }
    }
}
