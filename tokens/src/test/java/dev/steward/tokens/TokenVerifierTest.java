package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.identity.IdentityId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A resource server's checks of a delegation token: typed refusals for every bad input, live revocation. */
class TokenVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Forge forge = Forge.ed25519();
    private final Desk desk = new Desk(b -> { }, forge.signer).withDelegation();
    private final TokenVerifier verifier = desk.verifier();
    private final IssuedToken issued = desk.exchange(desk.forAlice("ticket:read ticket:comment"));

    @AfterEach
    void close() {
        desk.close();
    }

    private TokenRejectedException refusal(String token) {
        try {
            verifier.verify(token);
        } catch (TokenRejectedException e) {
            assertThat(e.getMessage()).doesNotContain(issued.token());
            return e;
        }
        throw new AssertionError("the token was accepted");
    }

    private TokenRejection rejected(String token) {
        return refusal(token).reason();
    }

    /** {@return the issued token's claims, to change one and sign again} */
    private ObjectNode claims() throws Exception {
        String payload = issued.token().split("\\.")[1];
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }

    private String signed(ObjectNode claims) throws Exception {
        return forge.sign(JSON.writeValueAsString(claims));
    }

    private long now() {
        return desk.clock.instant().getEpochSecond();
    }

    @Test
    @DisplayName("an issued token verifies: actor, chain, scope, grants, jti, and a request for authorize")
    void accepts() {
        VerifiedToken v = verifier.verify(issued.token());
        assertThat(v.actor()).isEqualTo(desk.bot.id());
        assertThat(v.onBehalfOf()).containsExactly(desk.alice.id());
        assertThat(v.principal()).isEqualTo(desk.alice.id());
        assertThat(v.scope()).containsExactly("ticket:read", "ticket:comment");
        assertThat(v.grants()).containsExactlyElementsOf(issued.grants());
        assertThat(v.jti()).isEqualTo(issued.jti());
        assertThat(v.keyId()).isEqualTo(forge.signer.keyId());
        assertThat(v.expiresAt()).isEqualTo(issued.expiresAt());
        AccessRequest r = v.request("ticket:read", Desk.RESOURCE);
        assertThat(r.identity()).isEqualTo(desk.bot.id());
        assertThat(r.onBehalfOf()).containsExactly(desk.alice.id());
        assertThat(r.correlationId()).contains(issued.jti());
        assertThat(desk.steward.authorize(r).allowed()).isTrue();
        assertThatThrownBy(() -> v.request("ticket:close", Desk.RESOURCE)).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(TokenRejection.INSUFFICIENT_SCOPE);
    }

    @Test
    @DisplayName("a verifier on the JWKS text accepts what one on the issuer's keys accepts")
    void jwksText() {
        TokenVerifier remote = TokenVerifier.builder(desk.steward).issuer(Desk.ISSUER).audience(Desk.AUDIENCE)
                .jwks(desk.tokens.jwks()).build();
        assertThat(remote.verify(issued.token()).jti()).isEqualTo(issued.jti());
    }

    @Test
    @DisplayName("a token for another audience is refused: no token passthrough")
    void otherAudience() {
        desk.grantOn(Desk.OTHER_RESOURCE, desk.alice, null, Duration.ofHours(1), "wiki:read");
        desk.grantOn(Desk.OTHER_RESOURCE, desk.bot, desk.alice.id(), Duration.ofHours(1), "wiki:read");
        IssuedToken wiki = desk.exchange(TokenExchange.builder().subject(desk.alice.id())
                .actor(ActorProof.apiKey(desk.botKey)).audience(Desk.OTHER_AUDIENCE).scope("wiki:read").build());
        assertThat(rejected(wiki.token())).isEqualTo(TokenRejection.WRONG_AUDIENCE);
        assertThat(desk.tokens.verifier(Desk.OTHER_AUDIENCE).verify(wiki.token()).scope()).containsExactly("wiki:read");
    }

    @Test
    @DisplayName("another issuer's token is refused, even when signed by a trusted key")
    void otherIssuer() throws Exception {
        assertThat(rejected(signed(claims().put("iss", "https://evil.example")))).isEqualTo(TokenRejection.WRONG_ISSUER);
        TokenVerifier other = TokenVerifier.builder(desk.steward).issuer("https://other.example").audience(Desk.AUDIENCE)
                .keys(desk.keys).build();
        assertThatThrownBy(() -> other.verify(issued.token())).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(TokenRejection.WRONG_ISSUER);
    }

    @Test
    @DisplayName("an expired token is refused once the clock skew (30 s) has passed too")
    void expired() {
        desk.clock.advance(Duration.ofMinutes(5).plusSeconds(29));
        assertThat(verifier.verify(issued.token()).jti()).isEqualTo(issued.jti());
        desk.clock.advance(Duration.ofSeconds(1));
        assertThat(rejected(issued.token())).isEqualTo(TokenRejection.EXPIRED);
    }

    @Test
    @DisplayName("a future-dated token (iat or nbf beyond the skew) is not valid yet")
    void futureDated() throws Exception {
        assertThat(rejected(signed(claims().put("iat", now() + 60)))).isEqualTo(TokenRejection.NOT_YET_VALID);
        assertThat(rejected(signed(claims().put("nbf", now() + 60)))).isEqualTo(TokenRejection.NOT_YET_VALID);
        assertThat(verifier.verify(signed(claims().put("iat", now() + 20))).jti()).isEqualTo(issued.jti());
    }

    @Nested
    @DisplayName("signatures")
    class Signatures {
        @Test
        @DisplayName("alg none is refused as unsigned, with or without a signature part")
        void unsigned() throws Exception {
            String payload = Forge.b64(JSON.writeValueAsString(claims()));
            assertThat(rejected(Forge.b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + payload + "."))
                    .isEqualTo(TokenRejection.UNSIGNED);
            assertThat(rejected(Forge.b64("{\"alg\":\"None\",\"typ\":\"at+jwt\"}") + "." + payload + ".c2ln"))
                    .isEqualTo(TokenRejection.UNSIGNED);
            String[] parts = issued.token().split("\\.");
            assertThat(rejected(parts[0] + "." + parts[1] + ".")).isEqualTo(TokenRejection.UNSIGNED);
        }

        @Test
        @DisplayName("a token signed by another key under the trusted kid is refused; an unknown kid is an unknown key")
        void wrongKey() throws Exception {
            Forge other = Forge.ed25519();
            String payload = JSON.writeValueAsString(claims());
            assertThat(rejected(other.sign(forge.header(), payload))).isEqualTo(TokenRejection.BAD_SIGNATURE);
            assertThat(rejected(other.sign(payload))).isEqualTo(TokenRejection.UNKNOWN_KEY);
            assertThat(rejected(forge.sign("{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\"}", payload)))
                    .isEqualTo(TokenRejection.UNKNOWN_KEY);
            String[] parts = issued.token().split("\\.");
            String flipped = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
            assertThat(rejected(parts[0] + "." + parts[1] + "." + flipped)).isEqualTo(TokenRejection.BAD_SIGNATURE);
        }

        @Test
        @DisplayName("an algorithm other than EdDSA or ES256, a key that does not fit the algorithm, or an encrypted token is refused")
        void algorithms() throws Exception {
            String payload = JSON.writeValueAsString(claims());
            assertThat(rejected(forge.sign("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + forge.signer.keyId()
                    + "\"}", payload))).isEqualTo(TokenRejection.UNSUPPORTED_ALGORITHM);
            assertThat(rejected(forge.sign("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + forge.signer.keyId()
                    + "\"}", payload))).isEqualTo(TokenRejection.BAD_SIGNATURE);
            assertThat(rejected("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d"))
                    .isEqualTo(TokenRejection.UNSUPPORTED_ALGORITHM);
        }

        @Test
        @DisplayName("a typ other than at+jwt is refused, as are critical header parameters")
        void type() throws Exception {
            String payload = JSON.writeValueAsString(claims());
            String kid = forge.signer.keyId();
            assertThat(rejected(forge.sign("{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}", payload)))
                    .isEqualTo(TokenRejection.WRONG_TYPE);
            assertThat(rejected(forge.sign("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}", payload)))
                    .isEqualTo(TokenRejection.WRONG_TYPE);
            assertThat(rejected(forge.sign("{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\",\"kid\":\"" + kid
                    + "\",\"crit\":[\"exp\"]}", payload))).isEqualTo(TokenRejection.MALFORMED);
        }
    }

    @Nested
    @DisplayName("shape")
    class Shape {
        @Test
        @DisplayName("text that is not a compact JWS of JSON objects is malformed")
        void malformed() {
            for (String bad : new String[] {"", "abc", "a.b", "a.b.c", "..", "...", "a.b.c.d",
                "eyJhbGciOiJFZERTQSJ9.e30.+/==", Forge.b64("[1]") + ".e30.c2ln", Forge.b64("{\"alg\":1}") + ".e30.c2ln",
                Forge.b64("{\"alg\":\"EdDSA\"") + ".e30.c2ln", "Bearer " + issued.token()}) {
                assertThat(rejected(bad)).as(bad).isEqualTo(TokenRejection.MALFORMED);
            }
        }

        @Test
        @DisplayName("a token over 8 KB is refused before it is read")
        void oversized() throws Exception {
            ObjectNode big = claims().put("padding", "x".repeat(TokenVerifier.MAX_TOKEN_LENGTH));
            assertThat(rejected(signed(big))).isEqualTo(TokenRejection.TOO_LARGE);
            assertThat(rejected("a".repeat(1_000_000))).isEqualTo(TokenRejection.TOO_LARGE);
        }

        @Test
        @DisplayName("a claim or header parameter given twice is refused, at any depth")
        void duplicates() throws Exception {
            String payload = JSON.writeValueAsString(claims());
            String sub = "\"sub\":\"" + desk.alice.id().value() + "\",";
            assertThat(rejected(forge.sign(payload.replaceFirst("\\{", "{" + sub.replace(desk.alice.id().value(),
                    desk.bob.id().value()))))).isEqualTo(TokenRejection.DUPLICATE_CLAIM);
            String kid = forge.signer.keyId();
            assertThat(rejected(forge.sign("{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\",\"kid\":\""
                    + kid + "\"}", payload))).isEqualTo(TokenRejection.DUPLICATE_CLAIM);
            String act = "\"act\":{\"sub\":\"" + desk.bot.id().value() + "\"";
            assertThat(rejected(forge.sign(payload.replace(act, act + ",\"sub\":\"" + desk.bob.id().value() + "\""))))
                    .isEqualTo(TokenRejection.DUPLICATE_CLAIM);
        }

        @Test
        @DisplayName("a required claim missing or of the wrong type is malformed")
        void claimShapes() throws Exception {
            for (String claim : new String[] {"sub", "jti", "scope", "exp", "iat", "client_id", "steward_grants", "aud", "iss"}) {
                ObjectNode c = claims();
                c.remove(claim);
                assertThat(rejected(signed(c))).as("without " + claim).isEqualTo(TokenRejection.MALFORMED);
            }
            assertThat(rejected(signed(claims().put("client_id", desk.alice.id().value())))).isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(signed(claims().put("scope", "ticket:read  ticket:comment")))).isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(signed(claims().put("aud", 7)))).isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(signed(claims().put("exp", "tomorrow")))).isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(signed(claims().put("exp", now() + 3601)))).as("longer than Steward issues tokens for")
                    .isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(signed(claims().put("sub", "not an id!")))).isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(signed((ObjectNode) claims().set("act", JSON.getNodeFactory().textNode("bot")))))
                    .isEqualTo(TokenRejection.MALFORMED);
            ObjectNode grants = claims();
            grants.putArray("steward_grants").add(3);
            assertThat(rejected(signed(grants))).isEqualTo(TokenRejection.MALFORMED);
        }

        @Test
        @DisplayName("act nesting beyond 16 is refused as too deep while reading; beyond maxDelegationDepth by Steward")
        void tooDeep() throws Exception {
            ObjectNode c = claims();
            ObjectNode act = c.putObject("act");
            for (int i = 0; i < 17; i++) {
                act.put("sub", IdentityId.random().value());
                act = act.putObject("act");
            }
            act.put("sub", IdentityId.random().value());
            assertThat(rejected(signed(c))).isEqualTo(TokenRejection.TOO_DEEP);

            ObjectNode four = claims();
            ObjectNode a = four.putObject("act");
            a.put("sub", desk.bot.id().value());
            for (int i = 0; i < 3; i++) {
                a = a.putObject("act");
                a.put("sub", IdentityId.random().value());
            }
            TokenRejectedException e = refusal(signed(four));
            assertThat(e.reason()).isEqualTo(TokenRejection.TOO_DEEP);
            assertThat(e.decisionReason()).contains(DecisionReason.DELEGATION_TOO_DEEP);
        }

        @Test
        @DisplayName("a NUL, control or non-ASCII byte sequence anywhere is a typed refusal")
        void oddBytes() {
            String[] parts = issued.token().split("\\.");
            assertThat(rejected(parts[0] + "\u0000." + parts[1] + "." + parts[2])).isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(parts[0] + "." + parts[1] + "é." + parts[2])).isEqualTo(TokenRejection.MALFORMED);
            assertThat(rejected(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe}) + "." + parts[1] + "." + parts[2]))
                    .isEqualTo(TokenRejection.MALFORMED);
            assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).contains("at+jwt");
        }
    }

    @Nested
    @DisplayName("revocation beats the token's lifetime")
    class Revocation {
        @Test
        @DisplayName("a revoked grant behind the token refuses it on the next call")
        void grantRevoked() {
            Grant delegated = desk.steward.grants().get(issued.grants().get(0));
            desk.steward.grants().revoke(delegated.id(), desk.alice.asActor(), "no longer needed");
            TokenRejectedException e = refusal(issued.token());
            assertThat(e.reason()).isEqualTo(TokenRejection.REVOKED);
            assertThat(e.decisionReason()).contains(DecisionReason.NO_MATCHING_GRANT);
        }

        @Test
        @DisplayName("a suspended actor, or a suspended subject, refuses the token on the next call")
        void identitiesSuspended() {
            desk.steward.identities().suspend(desk.bot.id(), desk.alice.asActor(), "incident");
            assertThat(refusal(issued.token()).decisionReason()).contains(DecisionReason.IDENTITY_NOT_ACTIVE);
            desk.steward.identities().resume(desk.bot.id(), desk.alice.asActor(), "resolved");
            assertThat(verifier.verify(issued.token()).jti()).isEqualTo(issued.jti());
            desk.steward.identities().suspend(desk.alice.id(), Desk.HR, "leave");
            TokenRejectedException e = refusal(issued.token());
            assertThat(e.reason()).isEqualTo(TokenRejection.REVOKED);
            assertThat(e.decisionReason()).contains(DecisionReason.DELEGATOR_NOT_ACTIVE);
        }
    }
}
