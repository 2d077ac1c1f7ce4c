package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.steward.ValidationException;
import dev.steward.identity.Identity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Subject tokens from a trusted OpenID Connect provider, signed here with plain nimbus (RS256) as a
 * provider such as Keycloak signs its ID tokens, and mapped to a Steward human by a claim.
 */
class OidcSubjectTest {
    private static final String SSO = "https://sso.acme.example/realms/acme";
    private static final RSAKey PROVIDER_KEY = generate("kc-1");

    private Desk desk = desk(b -> { });

    @AfterEach
    void close() {
        desk.close();
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OidcIssuer.Builder provider() {
        return OidcIssuer.builder(SSO).jwks(new JWKSet(PROVIDER_KEY.toPublicJWK()).toString()).audience("steward")
                .subjectClaim("email");
    }

    private static Desk desk(Consumer<OidcIssuer.Builder> settings) {
        OidcIssuer.Builder p = provider();
        settings.accept(p);
        OidcIssuer issuer = p.build();
        return new Desk(dev.steward.memory.InMemoryStore.create(), b -> { }, TokenSigners.generateEd25519(),
                t -> t.trustIssuer(issuer)).withDelegation();
    }

    private JWTClaimsSet.Builder idToken(String email) {
        Instant now = desk.clock.instant();
        return new JWTClaimsSet.Builder().issuer(SSO).audience("steward").subject("f:4711:alice").claim("email", email)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private TokenExchange exchange(String idToken) {
        return TokenExchange.builder().subjectToken(idToken).actor(ActorProof.apiKey(desk.botKey)).audience(Desk.AUDIENCE)
                .scope("ticket:read").build();
    }

    private TokenRejection refused(String idToken) {
        try {
            desk.tokens.exchange(exchange(idToken));
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the exchange was not refused");
    }

    @Test
    @DisplayName("an ID token of the trusted provider makes its human the subject: the agent acts for alice")
    void idTokenSubject() throws Exception {
        IssuedToken t = desk.exchange(exchange(rs256(PROVIDER_KEY, idToken("alice@acme.example").build())));
        assertThat(t.chain()).containsExactly(desk.bot.id(), desk.alice.id());
        assertThat(t.expiresAt()).isBeforeOrEqualTo(desk.clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    @DisplayName("the provider's keys may come from its JWKS endpoint (nimbus's remote key source)")
    void jwksUri() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = new JWKSet(PROVIDER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            OidcIssuer remote = OidcIssuer.builder(SSO).jwksUri(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/certs")).audience("steward").subjectClaim("email").build();
            desk.close();
            desk = new Desk(dev.steward.memory.InMemoryStore.create(), b -> { }, TokenSigners.generateEd25519(),
                    t -> t.trustIssuer(remote)).withDelegation();
            IssuedToken t = desk.exchange(exchange(rs256(PROVIDER_KEY, idToken("alice@acme.example").build())));
            assertThat(t.subject()).isEqualTo(desk.alice.id());
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("a host mapping replaces the lookup by name; a mapping to anything but an active human is refused")
    void mapping() throws Exception {
        Identity[] target = new Identity[1];
        desk.close();
        desk = desk(p -> p.mapping(value -> Optional.ofNullable(target[0]).map(Identity::id)));
        target[0] = desk.alice;
        assertThat(desk.exchange(exchange(rs256(PROVIDER_KEY, idToken("anything").build()))).subject())
                .isEqualTo(desk.alice.id());
        target[0] = desk.bot;
        assertThat(refused(rs256(PROVIDER_KEY, idToken("anything").build()))).isEqualTo(TokenRejection.UNKNOWN_SUBJECT);
        target[0] = null;
        assertThat(refused(rs256(PROVIDER_KEY, idToken("anything").build()))).isEqualTo(TokenRejection.UNKNOWN_SUBJECT);
        desk.close();
        desk = desk(p -> p.mapping(value -> {
            throw new IllegalStateException("directory down");
        }));
        assertThat(refused(rs256(PROVIDER_KEY, idToken("anything").build()))).as("a failing mapping fails closed")
                .isEqualTo(TokenRejection.UNAVAILABLE);
    }

    @Test
    @DisplayName("an unknown, ambiguous or suspended human, or a token without the claim, is an unknown subject")
    void unknownSubjects() throws Exception {
        assertThat(refused(rs256(PROVIDER_KEY, idToken("mallory@acme.example").build())))
                .isEqualTo(TokenRejection.UNKNOWN_SUBJECT);
        assertThat(refused(rs256(PROVIDER_KEY, idToken("x").claim("email", null).build())))
                .isEqualTo(TokenRejection.UNKNOWN_SUBJECT);
        desk.human("carol@acme.example");
        desk.human("carol@acme.example");
        assertThat(refused(rs256(PROVIDER_KEY, idToken("carol@acme.example").build())))
                .isEqualTo(TokenRejection.UNKNOWN_SUBJECT);
        desk.steward.identities().suspend(desk.alice.id(), Desk.HR, "leave");
        assertThat(refused(rs256(PROVIDER_KEY, idToken("alice@acme.example").build())))
                .isEqualTo(TokenRejection.UNKNOWN_SUBJECT);
    }

    @Test
    @DisplayName("the provider's tokens are checked like Steward's: audience, times, signature, algorithm, alg none")
    void providerTokenChecks() throws Exception {
        assertThat(refused(rs256(PROVIDER_KEY, idToken("alice@acme.example").audience("other-client").build())))
                .isEqualTo(TokenRejection.WRONG_AUDIENCE);
        Instant past = desk.clock.instant().minus(Duration.ofHours(1));
        assertThat(refused(rs256(PROVIDER_KEY, idToken("alice@acme.example").expirationTime(Date.from(past)).build())))
                .isEqualTo(TokenRejection.EXPIRED);
        assertThat(refused(rs256(generate("kc-1"), idToken("alice@acme.example").build())))
                .isEqualTo(TokenRejection.BAD_SIGNATURE);
        assertThat(refused(rs256(generate("kc-2"), idToken("alice@acme.example").build())))
                .isEqualTo(TokenRejection.UNKNOWN_KEY);
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("kc-1").build(),
                idToken("alice@acme.example").build());
        hs.sign(new MACSigner(new byte[32]));
        assertThat(refused(hs.serialize())).isEqualTo(TokenRejection.UNSUPPORTED_ALGORITHM);
        assertThat(refused(new PlainJWT(idToken("alice@acme.example").build()).serialize()))
                .isEqualTo(TokenRejection.UNSIGNED);
        SignedJWT wrongType = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("logout+jwt"))
                .keyID("kc-1").build(), idToken("alice@acme.example").build());
        wrongType.sign(new RSASSASigner(PROVIDER_KEY));
        assertThat(refused(wrongType.serialize())).isEqualTo(TokenRejection.WRONG_TYPE);
    }

    @Test
    @DisplayName("the provider's settings are checked when it is built and trusted")
    void settings() {
        assertThatThrownBy(() -> provider().algorithms("HS256")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> provider().algorithms("none")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> OidcIssuer.builder(SSO).audience("steward").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> OidcIssuer.builder(SSO).jwks("{not json"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("jwks");
        OidcIssuer self = OidcIssuer.builder(Desk.ISSUER).jwks(desk.tokens.jwks()).audience("steward").build();
        assertThatThrownBy(() -> StewardTokens.builder(desk.steward).issuer(Desk.ISSUER).keys(desk.keys)
                .audience(Desk.AUDIENCE, Desk.RESOURCE).trustIssuer(self).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("own issuer");
        assertThat(provider().build().toString()).contains(SSO).contains("email");
    }
}
