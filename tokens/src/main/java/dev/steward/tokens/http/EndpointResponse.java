package dev.steward.tokens.http;

import dev.steward.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP response an {@link EndpointHandler} gives: the status, the header fields to send, and
 * the body. Its {@code toString} never shows the body, which may hold an issued token. Immutable.
 */
public final class EndpointResponse {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private EndpointResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body.clone();
    }

    /**
     * {@return a response}
     *
     * @param status the HTTP status code, 100 to 599
     * @param headers the header fields, one value each, in the order to send them
     * @param body the body bytes, copied; empty for none
     */
    public static EndpointResponse of(int status, Map<String, String> headers, byte[] body) {
        if (status < 100 || status > 599) {
            throw new ValidationException("status", "must be 100 to 599");
        }
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> {
            Objects.requireNonNull(k, "header name");
            Objects.requireNonNull(v, "header value");
        });
        return new EndpointResponse(status, headers, Objects.requireNonNull(body, "body"));
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }

    /** @return the header fields to send, in order */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return a copy of the body */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EndpointResponse[" + status + ", headers=" + headers.keySet() + ", " + body.length + " bytes]";
    }
}
