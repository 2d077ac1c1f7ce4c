package dev.steward.tokens.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: a real Keycloak, a realm made through its admin API, a login, its JWKS. */
@ExtendWith(KeycloakExtension.class)
class KeycloakHarnessTest {

    private static KeycloakServer keycloak;
    private static KeycloakRealm realm;
    private static KeycloakUser alice;
    private static KeycloakTokens tokens;

    @BeforeAll
    static void logIn(KeycloakServer server) {
        keycloak = server;
        realm = KeycloakRealm.create(server, "steward");
        alice = realm.createUser("alice@acme.example");
        tokens = realm.login(alice);
    }

    @Test
    @DisplayName("Keycloak runs as a child process of the test run, on loopback, logging under target/")
    void runsAsAChildProcessOnLoopback() throws Exception {
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).contains(keycloak.pid());
        assertThat(keycloak.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(Files.readString(keycloak.log(), StandardCharsets.UTF_8))
                .contains("Listening on: " + keycloak.baseUri());
    }

    @Test
    @DisplayName("the access token verifies against the realm's JWKS and names the audience and the user's email")
    void accessTokenVerifiesAgainstTheRealmJwks() throws Exception {
        JWTClaimsSet claims = verify(tokens.accessToken(), realm.audience());

        assertThat(claims.getIssuer()).isEqualTo(realm.issuer().toString());
        assertThat(claims.getAudience()).contains("steward");
        assertThat(claims.getSubject()).isEqualTo(alice.id());
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@acme.example");
        assertThat(claims.getStringClaim("azp")).isEqualTo(realm.clientId());
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
    }

    @Test
    @DisplayName("the ID token verifies against the realm's JWKS, for the client and the audience")
    void idTokenVerifiesAgainstTheRealmJwks() throws Exception {
        JWTClaimsSet claims = verify(tokens.idToken(), realm.clientId());

        assertThat(claims.getAudience()).contains(realm.clientId(), realm.audience());
        assertThat(claims.getSubject()).isEqualTo(alice.id());
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@acme.example");
    }

    @Test
    @DisplayName("a token whose payload was changed fails the JWKS check")
    void tamperedTokenFailsTheJwksCheck() {
        String[] parts = tokens.accessToken().split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)
                .replace("alice@acme.example", "mallory@acme.example");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThatThrownBy(() -> verify(tampered, realm.audience()))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("Signed JWT rejected: Invalid signature");
    }

    @Test
    @DisplayName("Keycloak refuses a login with a wrong password")
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> realm.login(alice.username(), "not-" + alice.password()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_grant");
    }

    private static JWTClaimsSet verify(String token, String audience) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.load(realm.jwksUri().toURL()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(realm.issuer().toString()).build(),
                Set.of("sub", "iat", "exp", "email")));
        return processor.process(token, null);
    }
}
