package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.Steward;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.TokenSigner;
import dev.steward.tokens.keycloak.KeycloakExtension;
import dev.steward.tokens.keycloak.KeycloakRealm;
import dev.steward.tokens.keycloak.KeycloakServer;
import dev.steward.tokens.keycloak.KeycloakTokens;
import dev.steward.tokens.keycloak.KeycloakUser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person logs in at a real Keycloak; the agent they own exchanges that login's token for a
 * Steward delegation token. Keycloak's own token exchange does not mint {@code act} chains, so
 * Keycloak only vouches for the human: Steward checks the Keycloak token against the realm's JWKS,
 * maps its {@code email} to the human's identity, decides the delegation and mints the chain.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakSubjectTokenTest {

    private static KeycloakRealm realm;
    private static KeycloakRealm otherRealm;
    private static KeycloakUser aliceAtKeycloak;
    private static KeycloakUser malloryAtKeycloak;

    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static Steward steward;
    private static Identity alice;
    private static Identity bot;
    private static String botKey;
    private static TokenSigner signer;
    private static StewardTokens tokens;

    @BeforeAll
    static void setUp(KeycloakServer keycloak) {
        realm = KeycloakRealm.create(keycloak, "steward");
        otherRealm = KeycloakRealm.create(keycloak, "steward");
        aliceAtKeycloak = realm.createUser("alice@acme.example");
        malloryAtKeycloak = realm.createUser("mallory@acme.example");

        steward = Steward.builder().store(InMemoryStore.create()).clock(CLOCK).build();
        alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), Desk.HR);
        Identity bob = steward.identities().register(IdentitySpec.human("bob@acme.example"), Desk.HR);
        bot = steward.identities().register(IdentitySpec.agent("ticket-assistant")
                .owner(alice.id()).expiresIn(Duration.ofDays(30)).purpose("triage tickets"), alice.asActor());
        steward.identities().approve(bot.id(), bob.asActor(), "SEC-13");

        Grant alicesOwn = steward.grants().request(GrantSpec.to(alice.id()).allow("ticket:read", "ticket:comment")
                .on(Desk.RESOURCE).validFor(Duration.ofDays(1)).justification("SEC-13"), alice.asActor());
        steward.grants().approve(alicesOwn.id(), bob.asActor(), "SEC-13");
        Grant delegated = steward.grants().request(GrantSpec.to(bot.id()).allow("ticket:read")
                .on(Desk.RESOURCE).validFor(Duration.ofHours(8)).delegatedBy(alice.id())
                .justification("SEC-13"), bot.asActor());
        steward.grants().approve(delegated.id(), alice.asActor(), "SEC-13");
        try (IssuedCredential key = steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("tickets"),
                alice.asActor())) {
            botKey = new String(key.secret().chars());
        }

        signer = TokenSigners.generateEs256();
        tokens = StewardTokens.builder(steward)
                .issuer(Desk.ISSUER)
                .keys(TokenKeys.of(signer))
                .audience(Desk.AUDIENCE, Desk.RESOURCE)
                .trustIssuer(OidcIssuer.builder(realm.issuer().toString())
                        .jwksUri(realm.jwksUri())
                        .audience(realm.audience())
                        .subjectClaim("email")
                        .build())
                .build();
    }

    @AfterEach
    void backToNow() {
        CLOCK.shift(Duration.ZERO);
    }

    @AfterAll
    static void closeSteward() {
        steward.close();
    }

    @Test
    @DisplayName("a Keycloak access token of the human becomes the agent's token on the human's behalf")
    void accessTokenBecomesTheAgentsDelegatedToken() throws Exception {
        IssuedToken issued = tokens.exchange(exchange(realm.login(aliceAtKeycloak).accessToken(), "ticket:read"));

        assertThat(issued.subject()).isEqualTo(alice.id());
        assertThat(issued.actor()).isEqualTo(bot.id());
        assertThat(issued.chain()).containsExactly(bot.id(), alice.id());

        JWTClaimsSet claims = verifyWithNimbus(issued);
        assertThat(claims.getSubject()).isEqualTo(alice.id().value());
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", bot.id().value()));
        assertThat(claims.getStringClaim("client_id")).isEqualTo(bot.id().value());
        assertThat(claims.getStringClaim("scope")).isEqualTo("ticket:read");
        assertThat(claims.getAudience()).containsExactly(Desk.AUDIENCE);
        assertThat(claims.getExpirationTime().toInstant())
                .isBeforeOrEqualTo(CLOCK.instant().plus(StewardTokens.DEFAULT_LIFETIME));
    }

    @Test
    @DisplayName("a Keycloak ID token of the human is accepted as the subject too")
    void idTokenIsAcceptedAsTheSubject() throws Exception {
        IssuedToken issued = tokens.exchange(exchange(realm.login(aliceAtKeycloak).idToken(), "ticket:read"));

        JWTClaimsSet claims = verifyWithNimbus(issued);
        assertThat(claims.getSubject()).isEqualTo(alice.id().value());
        assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", bot.id().value()));
    }

    @Test
    @DisplayName("a Keycloak user whose email names no Steward identity is refused")
    void unknownEmailIsRefused() {
        String mallorys = realm.login(malloryAtKeycloak).accessToken();

        assertRefused(mallorys, "ticket:read", TokenRejection.UNKNOWN_SUBJECT);
    }

    @Test
    @DisplayName("an expired Keycloak token is refused")
    void expiredTokenIsRefused() {
        KeycloakTokens login = realm.login(aliceAtKeycloak);
        CLOCK.shift(login.expiresIn().plus(Duration.ofMinutes(5)));

        assertRefused(login.accessToken(), "ticket:read", TokenRejection.EXPIRED);
    }

    @Test
    @DisplayName("a Keycloak token whose email was changed is refused: the signature no longer verifies")
    void tamperedTokenIsRefused() {
        String[] parts = realm.login(malloryAtKeycloak).accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("mallory@acme.example", "alice@acme.example");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertRefused(tampered, "ticket:read", TokenRejection.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("a token of a realm the host does not trust is refused")
    void untrustedRealmIsRefused() {
        KeycloakUser elsewhere = otherRealm.createUser("alice@acme.example");

        assertRefused(otherRealm.login(elsewhere).accessToken(), "ticket:read", TokenRejection.UNTRUSTED_ISSUER);
    }

    @Test
    @DisplayName("a scope the human did not delegate to the agent is denied by Steward")
    void undelegatedScopeIsDenied() {
        assertRefused(realm.login(aliceAtKeycloak).accessToken(), "ticket:comment", TokenRejection.DENIED);
    }

    private static TokenExchange exchange(String subjectToken, String scope) {
        return TokenExchange.builder()
                .subjectToken(subjectToken)
                .actor(ActorProof.apiKey(botKey))
                .audience(Desk.AUDIENCE)
                .scope(scope)
                .build();
    }

    private static void assertRefused(String subjectToken, String scope, TokenRejection reason) {
        assertThatThrownBy(() -> tokens.exchange(exchange(subjectToken, scope)))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Steward's token checked by plain nimbus alone, against the JWKS Steward publishes. */
    private static JWTClaimsSet verifyWithNimbus(IssuedToken issued) throws Exception {
        JWTClaimsSet claims = PlainNimbus.verify(issued.token(), tokens.jwks(), Desk.ISSUER, Desk.AUDIENCE,
                CLOCK.instant());
        assertThat(SignedJWT.parse(issued.token()).getHeader().getKeyID()).isEqualTo(signer.keyId());
        return claims;
    }

    /**
     * The system clock, moved forward by a settable amount. Keycloak's tokens carry real times, so
     * this Steward cannot run on the desk's hand-moved clock, which starts on a fixed day.
     */
    private static final class ShiftedClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void shift(Duration value) {
            shift = value;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a UTC test clock");
        }
    }
}
