package dev.steward.tokens.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The few HTTP exchanges the harness has with Keycloak: JDK HttpClient, Jackson for the bodies. */
final class KeycloakHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private KeycloakHttp() {
    }

    /** A response: its status, its JSON body (empty for none) and its Location header, if any. */
    record Response(int status, JsonNode body, Optional<String> location) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    static Response postForm(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response postJson(URI uri, String bearer, JsonNode json) {
        return send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())));
    }

    /**
     * The response's status and body, described for a failure message. Never called with a
     * response that carries tokens: only failed responses are described.
     */
    static String describe(String what, Response response) {
        return what + " failed: HTTP " + response.status() + " " + response.body();
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty()
                    ? JSON.missingNode()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not answer " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Keycloak", e);
        }
    }
}
