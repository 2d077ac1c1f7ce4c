package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.ValidationException;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.TokenSigner;
import dev.steward.tokens.http.EndpointRequest;
import dev.steward.tokens.http.EndpointResponse;
import dev.steward.tokens.http.TokenEndpoint;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The RFC 8693 token endpoint over real HTTP (the JDK HttpServer and HttpClient): an agent
 * exchanges a user's ID token, or its parent's delegation token, and its own API key for a
 * delegation token; every malformed or refused request gets its RFC 6749 §5.2 / RFC 8693 §2.2.2
 * error, and no answer quotes a token or a key.
 */
class TokenEndpointTest {
    private static final String PATH = "/oauth2/token";
    private static final String SSO = "https://sso.acme.example/realms/acme";
    private static final ECKey PROVIDER_KEY = generate("idp-1");
    private static final ECKey STRANGER_KEY = generate("idp-1");
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Desk desk = new Desk(InMemoryStore.create(), b -> { }, TokenSigners.generateEd25519(),
            t -> t.trustIssuer(OidcIssuer.builder(SSO).jwks(new JWKSet(PROVIDER_KEY.toPublicJWK()).toString())
                    .audience("steward").subjectClaim("email").build())).withDelegation();
    private final LocalHttp http = new LocalHttp().mount(PATH, TokenEndpoint.of(desk.tokens));
    private final String aliceIdToken = idToken(PROVIDER_KEY, SSO, "alice@acme.example", Duration.ofMinutes(5));
    /** Every secret a test sends: no answer may quote one. */
    private final List<String> secrets = new ArrayList<>(List.of(desk.botKey, aliceIdToken));

    @AfterEach
    void close() {
        http.close();
        desk.close();
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ID token as an OpenID provider signs it (ES256, typ JWT). */
    private String idToken(ECKey key, String issuer, String email, Duration life) {
        Instant now = desk.clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience("steward").subject("f:4711")
                .claim("email", email).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(life))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return the form body of name/value pairs, each encoded} */
    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** The exchange of alice's ID token by the bot's key for ticket:read on the desk, then the extra pairs. */
    private String aliceForBot(String... extra) {
        List<String> pairs = new ArrayList<>(List.of("grant_type", TokenEndpoint.GRANT_TYPE,
                "subject_token", aliceIdToken, "subject_token_type", TokenEndpoint.ID_TOKEN_TYPE,
                "actor_token", desk.botKey, "actor_token_type", TokenEndpoint.API_KEY_TYPE,
                "audience", Desk.AUDIENCE, "scope", "ticket:read"));
        pairs.addAll(List.of(extra));
        return form(pairs.toArray(String[]::new));
    }

    /** The exchange without the named parameters, then the extra pairs. */
    private String aliceForBotWithout(List<String> dropped, String... extra) {
        List<String> pairs = new ArrayList<>(List.of("grant_type", TokenEndpoint.GRANT_TYPE,
                "subject_token", aliceIdToken, "subject_token_type", TokenEndpoint.ID_TOKEN_TYPE,
                "actor_token", desk.botKey, "actor_token_type", TokenEndpoint.API_KEY_TYPE,
                "audience", Desk.AUDIENCE, "scope", "ticket:read"));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (!dropped.contains(pairs.get(i))) {
                kept.add(pairs.get(i));
                kept.add(pairs.get(i + 1));
            }
        }
        kept.addAll(List.of(extra));
        return form(kept.toArray(String[]::new));
    }

    private HttpResponse<String> post(String body) {
        return http.post(PATH, FORM, body);
    }

    private static void noStore(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
    }

    /** Checks an error answer: status, code, the no-store headers, a description that quotes no secret. */
    private JsonNode refused(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        noStore(r);
        JsonNode body = LocalHttp.json(r);
        assertThat(body.path("error").asText()).as(r.body()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).isNotBlank()
                .matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*");
        assertThat(body.has("access_token")).isFalse();
        for (String secret : secrets) {
            assertThat(r.body()).doesNotContain(secret);
        }
        assertThat(r.body()).doesNotContain("at dev.steward").doesNotContain("Exception");
        return body;
    }

    /** A sub-agent started by the bot, owned by alice, holding ticket:read delegated by the bot. */
    private Identity subAgent() {
        Identity s = desk.steward.identities().register(IdentitySpec.agent("sub-bot").owner(desk.alice.id())
                .parent(desk.bot.id()).expiresIn(Duration.ofDays(1)).purpose("sub-task"), desk.bot.asActor());
        s = desk.steward.identities().approve(s.id(), desk.bob.asActor(), "SEC-5");
        desk.grant(s, desk.bot.id(), Duration.ofHours(1), "ticket:read");
        return s;
    }

    @Test
    @DisplayName("an ID token of a trusted OpenID provider and the agent's API key exchange into a delegation token (RFC 8693 §2.2.1)")
    void exchangesAnIdToken() {
        HttpResponse<String> r = post(aliceForBot());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        noStore(r);
        JsonNode body = LocalHttp.json(r);
        assertThat(body.path("issued_token_type").asText()).isEqualTo(TokenEndpoint.ACCESS_TOKEN_TYPE);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(StewardTokens.DEFAULT_LIFETIME.toSeconds());
        assertThat(body.path("scope").asText()).isEqualTo("ticket:read");
        VerifiedToken v = desk.verifier().verify(body.path("access_token").asText());
        assertThat(v.actor()).isEqualTo(desk.bot.id());
        assertThat(v.onBehalfOf()).containsExactly(desk.alice.id());
        assertThat(v.scope()).containsExactly("ticket:read");
        assertThat(desk.steward.audit().trail(v.jti())).isNotEmpty();
    }

    @Test
    @DisplayName("a sub-agent re-exchanges its parent's token with a resource indicator (RFC 8707), narrowing the scope; a requested jwt type is named back")
    void reExchangesWithAResourceIndicator() {
        IssuedToken upstream = desk.exchange(desk.forAlice("ticket:read ticket:comment"));
        Identity sub = subAgent();
        String subKey = desk.apiKey(sub);
        secrets.addAll(List.of(upstream.token(), subKey));
        HttpResponse<String> r = post(form("grant_type", TokenEndpoint.GRANT_TYPE,
                "subject_token", upstream.token(), "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE,
                "actor_token", subKey, "actor_token_type", TokenEndpoint.API_KEY_TYPE,
                "resource", Desk.AUDIENCE, "scope", "ticket:read",
                "requested_token_type", TokenEndpoint.JWT_TYPE));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = LocalHttp.json(r);
        assertThat(body.path("issued_token_type").asText()).isEqualTo(TokenEndpoint.JWT_TYPE);
        VerifiedToken v = desk.verifier().verify(body.path("access_token").asText());
        assertThat(v.actor()).isEqualTo(sub.id());
        assertThat(v.onBehalfOf()).containsExactly(desk.bot.id(), desk.alice.id());
        assertThat(v.scope()).containsExactly("ticket:read");

        HttpResponse<String> wider = post(form("grant_type", TokenEndpoint.GRANT_TYPE,
                "subject_token", upstream.token(), "subject_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE,
                "actor_token", subKey, "actor_token_type", TokenEndpoint.API_KEY_TYPE,
                "audience", Desk.AUDIENCE, "resource", Desk.AUDIENCE, "scope", "ticket:read ticket:delete"));
        refused(wider, 400, "invalid_scope");
    }

    @Test
    @DisplayName("without a scope, or with an empty one (RFC 6749 §3.1: omitted), a re-exchange keeps the upstream token's scope")
    void reExchangeKeepsTheScope() {
        IssuedToken upstream = desk.exchange(desk.forAlice("ticket:read"));
        Identity sub = subAgent();
        String subKey = desk.apiKey(sub);
        secrets.addAll(List.of(upstream.token(), subKey));
        for (String extra : new String[] {"", "&scope="}) {
            HttpResponse<String> r = post(form("grant_type", TokenEndpoint.GRANT_TYPE,
                    "subject_token", upstream.token(), "subject_token_type", TokenEndpoint.JWT_TYPE,
                    "actor_token", subKey, "actor_token_type", TokenEndpoint.API_KEY_TYPE,
                    "audience", Desk.AUDIENCE) + extra);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(LocalHttp.json(r).path("scope").asText()).isEqualTo("ticket:read");
        }
    }

    @Test
    @DisplayName("unknown parameters are ignored (RFC 6749 §3.2)")
    void ignoresUnknownParameters() {
        HttpResponse<String> r = post(aliceForBot("client_id", "someone", "x-trace", "1", "x-trace", "2"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("only POST: another method is 405 with Allow: POST")
    void onlyPost() {
        HttpResponse<String> get = http.send(http.request(PATH).GET().build());
        assertThat(refused(get, 405, "invalid_request").path("error_description").asText()).contains("POST");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> put = http.send(http.request(PATH).header("Content-Type", FORM)
                .PUT(HttpRequest.BodyPublishers.ofString(aliceForBot())).build());
        refused(put, 405, "invalid_request");
    }

    @Test
    @DisplayName("only a form body: JSON, no Content-Type, or a charset other than UTF-8 is invalid_request")
    void onlyForms() {
        refused(http.post(PATH, "application/json", "{\"grant_type\":\"" + TokenEndpoint.GRANT_TYPE + "\"}"), 400,
                "invalid_request");
        refused(http.post(PATH, FORM + "; charset=ISO-8859-1", aliceForBot()), 400, "invalid_request");
        refused(http.send(http.request(PATH).POST(HttpRequest.BodyPublishers.ofString(aliceForBot())).build()), 400,
                "invalid_request");
        HttpResponse<String> utf8 = http.post(PATH, "Application/X-WWW-Form-URLEncoded; charset=UTF-8", aliceForBot());
        assertThat(utf8.statusCode()).as(utf8.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("a body over the limit is 413, whatever it holds")
    void bodyLimit() {
        try (LocalHttp small = new LocalHttp()
                .mount(PATH, TokenEndpoint.builder(desk.tokens).maxBodyBytes(1024).build())) {
            HttpResponse<String> r = small.post(PATH, FORM, aliceForBot("padding", "x".repeat(2000)));
            refused(r, 413, "invalid_request");
        }
        assertThat(TokenEndpoint.of(desk.tokens).maxBodyBytes()).isEqualTo(TokenEndpoint.DEFAULT_MAX_BODY_BYTES);
        assertThatThrownBy(() -> TokenEndpoint.builder(desk.tokens).maxBodyBytes(10))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> TokenEndpoint.builder(desk.tokens).maxBodyBytes(2048).maxBodyBytes(4096))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already set");
    }

    @Test
    @DisplayName("a malformed form encoding is invalid_request: a broken escape, a raw non-ASCII character, bytes that are not UTF-8")
    void malformedEncoding() {
        for (String bad : new String[] {"%", "%4", "%zz", "scope=caf\u00e9", "scope=%C3%28", "scope=%FF"}) {
            refused(post(aliceForBotWithout(List.of("scope")) + "&" + bad), 400, "invalid_request");
        }
    }

    @Test
    @DisplayName("grant_type: a missing one is invalid_request, another one unsupported_grant_type")
    void grantType() {
        refused(post(aliceForBotWithout(List.of("grant_type"))), 400, "invalid_request");
        refused(post(aliceForBotWithout(List.of("grant_type"), "grant_type", "client_credentials")), 400,
                "unsupported_grant_type");
    }

    @Test
    @DisplayName("a repeated parameter is invalid_request (RFC 6749 §3.1)")
    void repeatedParameters() {
        for (String name : new String[] {"grant_type", "subject_token", "subject_token_type", "actor_token",
            "actor_token_type", "scope"}) {
            JsonNode error = refused(post(aliceForBot(name, "again")), 400, "invalid_request");
            assertThat(error.path("error_description").asText()).contains(name);
        }
        refused(post(aliceForBot("requested_token_type", TokenEndpoint.JWT_TYPE, "requested_token_type",
                TokenEndpoint.JWT_TYPE)), 400, "invalid_request");
    }

    @Test
    @DisplayName("subject_token and subject_token_type are required; the type is access_token, id_token or jwt")
    void subjectToken() {
        refused(post(aliceForBotWithout(List.of("subject_token"))), 400, "invalid_request");
        refused(post(aliceForBotWithout(List.of("subject_token_type"))), 400, "invalid_request");
        refused(post(aliceForBotWithout(List.of("subject_token_type"), "subject_token_type",
                "urn:ietf:params:oauth:token-type:saml2")), 400, "invalid_request");
    }

    @Test
    @DisplayName("the actor proves itself by actor_token, its API key, of the Steward api-key token type; a wrong key is invalid_request (RFC 8693 §2.2.2)")
    void actorToken() {
        refused(post(aliceForBotWithout(List.of("actor_token"))), 400, "invalid_request");
        refused(post(aliceForBotWithout(List.of("actor_token_type"))), 400, "invalid_request");
        refused(post(aliceForBotWithout(List.of("actor_token_type"), "actor_token_type",
                TokenEndpoint.ACCESS_TOKEN_TYPE)), 400, "invalid_request");
        String wrong = desk.botKey.substring(0, desk.botKey.length() - 2) + "xx";
        secrets.add(wrong);
        JsonNode error = refused(post(aliceForBotWithout(List.of("actor_token"), "actor_token", wrong)), 400,
                "invalid_request");
        assertThat(error.path("error_description").asText()).contains(TokenRejection.ACTOR_NOT_VERIFIED.name());
    }

    @Test
    @DisplayName("requested_token_type other than access_token or jwt is invalid_request")
    void requestedTokenType() {
        refused(post(aliceForBot("requested_token_type", TokenEndpoint.ID_TOKEN_TYPE)), 400, "invalid_request");
        HttpResponse<String> r = post(aliceForBot("requested_token_type", TokenEndpoint.ACCESS_TOKEN_TYPE));
        assertThat(LocalHttp.json(r).path("issued_token_type").asText()).isEqualTo(TokenEndpoint.ACCESS_TOKEN_TYPE);
    }

    @Test
    @DisplayName("one target per token: none, two resources, two audiences, a resource and a different audience, a relative or fragment resource, an unknown audience are invalid_target")
    void oneTarget() {
        List<String> noTarget = List.of("audience");
        refused(post(aliceForBotWithout(noTarget)), 400, "invalid_target");
        refused(post(aliceForBotWithout(noTarget, "resource", Desk.AUDIENCE, "resource", Desk.OTHER_AUDIENCE)), 400,
                "invalid_target");
        refused(post(aliceForBot("audience", Desk.OTHER_AUDIENCE)), 400, "invalid_target");
        refused(post(aliceForBot("resource", Desk.OTHER_AUDIENCE)), 400, "invalid_target");
        refused(post(aliceForBotWithout(noTarget, "resource", "tickets/mcp")), 400, "invalid_target");
        refused(post(aliceForBotWithout(noTarget, "resource", Desk.AUDIENCE + "#frag")), 400, "invalid_target");
        refused(post(aliceForBotWithout(noTarget, "audience", "https://unknown.acme.example")), 400, "invalid_target");
        HttpResponse<String> both = post(aliceForBot("resource", Desk.AUDIENCE));
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("a scope that is not scopes separated by single spaces is invalid_scope; an action Steward refuses to read is invalid_scope")
    void malformedScope() {
        refused(post(aliceForBotWithout(List.of("scope"), "scope", "ticket:read  ticket:comment")), 400,
                "invalid_scope");
        refused(post(aliceForBotWithout(List.of("scope"), "scope", " ticket:read")), 400, "invalid_scope");
        refused(post(aliceForBotWithout(List.of("scope"))), 400, "invalid_scope");
    }

    @Test
    @DisplayName("a delegation Steward does not allow now is invalid_request (unacceptable by policy), with Steward's reason")
    void deniedDelegation() {
        JsonNode error = refused(post(aliceForBotWithout(List.of("scope"), "scope", "ticket:read ticket:delete")),
                400, "invalid_request");
        assertThat(error.path("error_description").asText()).contains("DENIED").contains("ticket:delete");
    }

    @Test
    @DisplayName("a subject token that is not accepted is invalid_request: garbage, expired, from an untrusted issuer, signed by a stranger, for another audience")
    void badSubjectTokens() {
        String expired = idToken(PROVIDER_KEY, SSO, "alice@acme.example", Duration.ofMinutes(1));
        desk.clock.advance(Duration.ofMinutes(2));
        String untrusted = idToken(PROVIDER_KEY, "https://evil.example", "alice@acme.example", Duration.ofMinutes(5));
        String stranger = idToken(STRANGER_KEY, SSO, "alice@acme.example", Duration.ofMinutes(5));
        String unknownHuman = idToken(PROVIDER_KEY, SSO, "mallory@acme.example", Duration.ofMinutes(5));
        desk.grantOn(Desk.OTHER_RESOURCE, desk.alice, null, Duration.ofHours(8), "wiki:read");
        desk.grantOn(Desk.OTHER_RESOURCE, desk.bot, desk.alice.id(), Duration.ofHours(8), "wiki:read");
        IssuedToken forOtherDesk = desk.exchange(TokenExchange.builder().subject(desk.alice.id())
                .actor(ActorProof.apiKey(desk.botKey)).audience(Desk.OTHER_AUDIENCE).scope("wiki:read").build());
        secrets.addAll(List.of(expired, untrusted, stranger, unknownHuman, forOtherDesk.token()));
        for (String bad : new String[] {"not-a-token", "a.b.c", expired, untrusted, stranger, unknownHuman}) {
            refused(post(aliceForBotWithout(List.of("subject_token"), "subject_token", bad)), 400, "invalid_request");
        }
        refused(post(aliceForBotWithout(List.of("subject_token", "scope"), "subject_token", forOtherDesk.token())),
                400, "invalid_target");
    }

    @Test
    @DisplayName("the host-vouched subject is unreachable: an identity id as subject_token, or a subject parameter, issues nothing")
    void noHostVouchedSubject() {
        refused(post(aliceForBotWithout(List.of("subject_token"), "subject_token", desk.alice.id().value())), 400,
                "invalid_request");
        refused(post(aliceForBotWithout(List.of("subject_token"), "subject", desk.alice.id().value())), 400,
                "invalid_request");
        refused(post(aliceForBotWithout(List.of("subject_token"), "subject_token", desk.bot.id().value())), 400,
                "invalid_request");
    }

    @Test
    @DisplayName("a signer that fails answers 503 temporarily_unavailable and issues nothing")
    void failingSigner() {
        TokenSigner good = TokenSigners.generateEd25519();
        desk.keys.rotate(new TokenSigner() {
            @Override
            public String keyId() {
                return "broken-1";
            }

            @Override
            public String algorithm() {
                return TokenSigner.EDDSA;
            }

            @Override
            public PublicKey publicKey() {
                return good.publicKey();
            }

            @Override
            public byte[] sign(byte[] signingInput) {
                throw new IllegalStateException("the HSM is offline");
            }
        }, Duration.ZERO);
        JsonNode error = refused(post(aliceForBot()), 503, "temporarily_unavailable");
        assertThat(error.path("error_description").asText()).doesNotContain("HSM");
    }

    @Test
    @DisplayName("the handler is framework-neutral: called directly, it answers the same, and its request and response never print secrets")
    void neutralTypes() {
        EndpointRequest request = EndpointRequest.builder("POST").header("content-type", FORM)
                .body(aliceForBot().getBytes(StandardCharsets.UTF_8)).build();
        EndpointResponse response = TokenEndpoint.of(desk.tokens).handle(request);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(request.headers("Content-Type")).containsExactly(FORM);
        assertThat(request.toString()).doesNotContain(desk.botKey).doesNotContain(aliceIdToken);
        String token = LocalHttp.json(response.bodyText()).path("access_token").asText();
        assertThat(response.toString()).doesNotContain(token).contains("200");
        assertThat(TokenEndpoint.of(desk.tokens).toString()).doesNotContain(desk.botKey);
    }
}
