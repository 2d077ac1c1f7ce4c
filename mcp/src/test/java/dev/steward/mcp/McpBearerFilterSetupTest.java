package dev.steward.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.KeySourceException;
import dev.steward.ValidationException;
import dev.steward.authz.ToolPolicy;
import dev.steward.tokens.TokenVerifier;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the bearer filter is configured, and what it answers when it cannot verify at all. */
class McpBearerFilterSetupTest {
    private static final ToolPolicy NO_TOOLS = ToolPolicy.builder().build();

    private static McpBearerFilter filter(Governance g, String audience) {
        TokenVerifier verifier = TokenVerifier.builder(g.steward).issuer(TokenDesk.ISSUER).audience(audience)
                .jwks("{\"keys\":[]}").build();
        return McpBearerFilter.builder(verifier, NO_TOOLS).build();
    }

    @Test
    @DisplayName("the resource is the verifier's audience: an https URL, or http on a loopback host, without "
            + "user info, query or fragment")
    void resourceMustBeCanonical() {
        try (Governance g = new Governance()) {
            for (String bad : new String[] {"http://tickets.acme.example/mcp", "https://tickets.acme.example/mcp?x=1",
                "https://tickets.acme.example/mcp#top", "https://bot@tickets.acme.example/mcp", "urn:acme:tickets",
                "/mcp", "https://tickets acme/mcp"}) {
                assertThatThrownBy(() -> filter(g, bad)).as(bad).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("verifier.audience"));
            }
            assertThat(filter(g, "http://127.0.0.1:8080/mcp").metadataUrl())
                    .isEqualTo(URI.create("http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp"));
            assertThat(filter(g, "http://localhost/mcp").metadataPath())
                    .isEqualTo("/.well-known/oauth-protected-resource/mcp");
        }
    }

    @Test
    @DisplayName("a resource without a path has its metadata at the root well-known path; without tools, no scopes")
    void rootResource() throws Exception {
        try (Governance g = new Governance()) {
            for (String root : new String[] {"https://tickets.acme.example", "https://tickets.acme.example/"}) {
                McpBearerFilter f = filter(g, root);
                assertThat(f.metadataPath()).isEqualTo(McpBearerFilter.WELL_KNOWN_PATH);
                assertThat(f.metadataUrl()).isEqualTo(URI.create("https://tickets.acme.example"
                        + McpBearerFilter.WELL_KNOWN_PATH));
                assertThat(new ObjectMapper().readTree(f.metadata())).isEqualTo(new ObjectMapper().valueToTree(Map.of(
                        "resource", root, "authorization_servers", List.of(TokenDesk.ISSUER),
                        "bearer_methods_supported", List.of("header"))));
            }
        }
    }

    @Test
    @DisplayName("each setting may be given once; the body limit must be positive; the name not blank")
    void settings() {
        try (Governance g = new Governance()) {
            TokenVerifier verifier = new TokenDesk(g).verifier();
            assertThatThrownBy(() -> McpBearerFilter.builder(verifier, NO_TOOLS).maxBodyBytes(10).maxBodyBytes(10))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> McpBearerFilter.builder(verifier, NO_TOOLS).maxBodyBytes(0))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> McpBearerFilter.builder(verifier, NO_TOOLS).resourceName("a").resourceName("b"))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> McpBearerFilter.builder(verifier, NO_TOOLS).resourceName(" "))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    @DisplayName("when the verifying keys cannot be read, a request is answered 503 without a challenge: "
            + "closed, and the client is not sent to re-authorize")
    void keysUnavailable() throws Exception {
        try (Governance g = new Governance()) {
            TokenDesk desk = new TokenDesk(g);
            TokenVerifier blind = TokenVerifier.builder(g.steward).issuer(TokenDesk.ISSUER).audience(TokenDesk.AUDIENCE)
                    .jwkSource((selector, context) -> {
                        throw new KeySourceException("the JWKS endpoint is down");
                    }).build();
            try (TicketServer server = new TicketServer(g, TicketServer.Kind.SYNC,
                    McpBearerFilter.builder(blind, Governance.POLICY).build())) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/mcp")).header("Authorization", "Bearer " + desk.botToken("ticket:read"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("an authenticated body over the limit, of known length or not, is answered 413 before the SDK reads it")
    void bodyLimit() throws Exception {
        try (Governance g = new Governance()) {
            TokenDesk desk = new TokenDesk(g);
            try (TicketServer server = new TicketServer(g, TicketServer.Kind.SYNC,
                    McpBearerFilter.builder(desk.verifier(), Governance.POLICY).maxBodyBytes(64).build())) {
                String token = desk.botToken("ticket:read");
                HttpClient http = HttpClient.newHttpClient();
                byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                        + "x".repeat(64) + "\"}}").getBytes(StandardCharsets.UTF_8);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
                assertThat(http.send(request.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(413);
                assertThat(http.send(request.copy().POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(413);
            }
        }
    }
}
