package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.steward.tokens.http.DiscoveryEndpoints;
import dev.steward.tokens.http.TokenEndpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The issuer's RFC 8414 metadata and its JWKS over real HTTP, read as a client and a resource server read them. */
class DiscoveryEndpointsTest {
    private final Desk desk = new Desk().withDelegation();
    private final LocalHttp http = new LocalHttp();
    private final DiscoveryEndpoints discovery = DiscoveryEndpoints.of(desk.tokens, http.uri("/oauth2/token"),
            http.uri("/jwks"));

    DiscoveryEndpointsTest() {
        http.mount("/oauth2/token", TokenEndpoint.of(desk.tokens)).mount(discovery.metadataPath(), discovery.metadata())
                .mount("/jwks", discovery.jwks());
    }

    @AfterEach
    void close() {
        http.close();
        desk.close();
    }

    @Test
    @DisplayName("the metadata names the issuer, its token endpoint for token exchange and its keys, at the RFC 8414 path")
    void metadata() throws Exception {
        assertThat(discovery.metadataPath()).isEqualTo("/.well-known/oauth-authorization-server");
        HttpResponse<String> answer = http.send(http.request(discovery.metadataPath()).GET().build());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = LocalHttp.JSON.readTree(answer.body());
        assertThat(body.get("issuer").asText()).isEqualTo(Desk.ISSUER);
        assertThat(body.get("token_endpoint").asText()).isEqualTo(http.uri("/oauth2/token").toString());
        assertThat(body.get("jwks_uri").asText()).isEqualTo(http.uri("/jwks").toString());
        assertThat(body.get("grant_types_supported")).hasSize(1);
        assertThat(body.get("grant_types_supported").get(0).asText()).isEqualTo(TokenEndpoint.GRANT_TYPE);
        assertThat(body.get("token_endpoint_auth_methods_supported").get(0).asText()).isEqualTo("none");
        assertThat(body.get("response_types_supported")).isEmpty();
        assertThat(http.send(http.request(discovery.metadataPath()).POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(405);
    }

    @Test
    @DisplayName("a token verifies with plain nimbus against the served JWKS, which shows a rotation at once, both keys in the overlap")
    void jwks() throws Exception {
        IssuedToken token = desk.exchange(desk.forAlice("ticket:read"));
        HttpResponse<String> answer = http.send(http.request("/jwks").GET().build());
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/jwk-set+json");
        JWTClaimsSet claims = PlainNimbus.verify(token.token(), answer.body(), Desk.ISSUER, Desk.AUDIENCE,
                desk.clock.instant());
        assertThat(claims.getSubject()).isEqualTo(desk.alice.id().value());
        assertThat(JWKSet.parse(answer.body()).getKeys()).hasSize(1);

        desk.keys.rotate(TokenSigners.generateEs256(), Duration.ofMinutes(10));
        String rotated = http.send(http.request("/jwks").GET().build()).body();
        assertThat(JWKSet.parse(rotated).getKeys()).hasSize(2);
        PlainNimbus.verify(token.token(), rotated, Desk.ISSUER, Desk.AUDIENCE, desk.clock.instant());
    }

    @Test
    @DisplayName("the metadata path keeps the issuer's own path; endpoints must be https, or http on loopback")
    void paths() {
        StewardTokens tenant = StewardTokens.builder(desk.steward).issuer("https://steward.acme.example/tenant-1")
                .keys(TokenKeys.of(TokenSigners.generateEd25519())).audience(Desk.AUDIENCE, Desk.RESOURCE).build();
        assertThat(DiscoveryEndpoints.of(tenant, URI.create("https://steward.acme.example/tenant-1/token"),
                URI.create("https://steward.acme.example/tenant-1/jwks")).metadataPath())
                .isEqualTo("/.well-known/oauth-authorization-server/tenant-1");
        assertThatThrownBy(() -> DiscoveryEndpoints.of(tenant, URI.create("http://steward.acme.example/token"),
                URI.create("https://steward.acme.example/jwks"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenEndpoint");
        assertThatThrownBy(() -> DiscoveryEndpoints.of(tenant, URI.create("https://steward.acme.example/token"),
                URI.create("/jwks"))).hasMessageContaining("jwksUri");
    }
}
