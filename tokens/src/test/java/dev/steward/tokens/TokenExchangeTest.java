package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.ValidationException;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.DecisionReason;
import dev.steward.credential.Challenge;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.PublicKeyAlgorithm;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Token exchange of a subject and a proven actor into a delegation token (RFC 8693, RFC 9068). */
class TokenExchangeTest {
    private final Desk desk = new Desk().withDelegation();

    @AfterEach
    void close() {
        desk.close();
    }

    private static JWTClaimsSet claims(IssuedToken t) throws Exception {
        return SignedJWT.parse(t.token()).getJWTClaimsSet();
    }

    private TokenRejectedException refusal(TokenExchange request) {
        try {
            desk.tokens.exchange(request);
        } catch (TokenRejectedException e) {
            return e;
        }
        throw new AssertionError("the exchange was not refused");
    }

    @Test
    @DisplayName("an allowed exchange issues an RFC 9068 token: typ at+jwt, kid, sub the principal, act the actor, aud, scope, client_id, jti, iat, exp, grant ids")
    void issuesTheClaims() throws Exception {
        IssuedToken t = desk.exchange(desk.forAlice("ticket:read ticket:comment"));
        SignedJWT jwt = SignedJWT.parse(t.token());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(desk.keys.current().keyId());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getIssuer()).isEqualTo(Desk.ISSUER);
        assertThat(c.getSubject()).isEqualTo(desk.alice.id().value());
        assertThat(c.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", desk.bot.id().value()));
        assertThat(c.getAudience()).containsExactly(Desk.AUDIENCE);
        assertThat(c.getStringClaim("scope")).isEqualTo("ticket:read ticket:comment");
        assertThat(c.getStringClaim("client_id")).isEqualTo(desk.bot.id().value());
        assertThat(c.getJWTID()).isEqualTo(t.jti()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(c.getIssueTime().toInstant()).isEqualTo(desk.clock.instant());
        assertThat(c.getExpirationTime().toInstant()).isEqualTo(desk.clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(c.getStringListClaim("steward_grants")).hasSize(2)
                .containsExactlyElementsOf(t.grants().stream().map(g -> g.value()).toList());
        assertThat(t.chain()).containsExactly(desk.bot.id(), desk.alice.id());
        assertThat(t.scope()).containsExactly("ticket:read", "ticket:comment");
        assertThat(t.expiresIn()).isEqualTo(Duration.ofMinutes(5));
        assertThat(desk.independentlyChecked).isEqualTo(1);
    }

    @Test
    @DisplayName("every scope is one recorded decision of the actor on behalf of the subject, correlated by the token's jti")
    void decisionsAreRecorded() {
        IssuedToken t = desk.exchange(desk.forAlice("ticket:read ticket:comment"));
        List<AuditEvent> trail = desk.steward.audit().trail(t.jti());
        assertThat(trail).hasSize(2);
        assertThat(trail).allSatisfy(e -> assertThat(e.actor()).isEqualTo(desk.bot.id()));
    }

    @Test
    @DisplayName("the lifetime is at most 5 minutes by default, and never past a matched grant's end or an identity's expiry")
    void lifetimeIsBounded() {
        Identity shortLived = desk.steward.identities().register(IdentitySpec.agent("short").owner(desk.alice.id())
                .expiresIn(Duration.ofMinutes(2)).purpose("one job"), desk.alice.asActor());
        desk.steward.identities().approve(shortLived.id(), desk.bob.asActor(), "SEC-9");
        desk.grant(shortLived, desk.alice.id(), Duration.ofMinutes(1), "ticket:read");
        String key = desk.apiKey(shortLived);
        IssuedToken t = desk.exchange(TokenExchange.builder().subject(desk.alice.id()).actor(ActorProof.apiKey(key))
                .audience(Desk.AUDIENCE).scope("ticket:read").build());
        assertThat(t.expiresAt()).as("the grant ends after one minute").isEqualTo(desk.clock.instant().plus(Duration.ofMinutes(1)));

        desk.clock.advance(Duration.ofSeconds(30));
        Grant longer = desk.grant(shortLived, desk.alice.id(), Duration.ofHours(1), "ticket:comment");
        assertThat(longer.validUntil()).isPresent();
        IssuedToken comment = desk.exchange(TokenExchange.builder().subject(desk.alice.id())
                .actor(ActorProof.apiKey(key)).audience(Desk.AUDIENCE).scope("ticket:comment").build());
        assertThat(comment.expiresAt()).as("the agent expires 2 minutes after it was registered")
                .isEqualTo(Instant.parse("2026-01-05T09:02:00Z"));
    }

    @Test
    @DisplayName("a configured lifetime replaces the default; it may not exceed an hour")
    void configuredLifetime() {
        StewardTokens shortTokens = StewardTokens.builder(desk.steward).issuer(Desk.ISSUER).keys(desk.keys)
                .audience(Desk.AUDIENCE, Desk.RESOURCE).lifetime(Duration.ofSeconds(90)).build();
        assertThat(shortTokens.exchange(desk.forAlice("ticket:read")).expiresIn()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> StewardTokens.builder(desk.steward).lifetime(Duration.ofHours(2)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("lifetime");
    }

    @Test
    @DisplayName("an actor without a grant delegated by the subject is denied, with Steward's reason and audit event")
    void notDelegated() {
        Identity other = desk.agent("other-bot", desk.alice);
        desk.grant(other, null, Duration.ofHours(1), "ticket:read");
        TokenRejectedException e = refusal(TokenExchange.builder().subject(desk.alice.id())
                .actor(ActorProof.apiKey(desk.apiKey(other))).audience(Desk.AUDIENCE).scope("ticket:read").build());
        assertThat(e.reason()).isEqualTo(TokenRejection.DENIED);
        assertThat(e.reason().oauthError()).isEqualTo("invalid_request");
        assertThat(e.decisionReason()).contains(DecisionReason.NOT_DELEGATED);
        assertThat(e.auditEventId()).isPresent();
    }

    @Test
    @DisplayName("one scope the chain may not have refuses the whole exchange; the principal's own permission bounds it")
    void everyScopeMustBeAllowed() {
        desk.grant(desk.bot, desk.alice.id(), Duration.ofHours(1), "ticket:close");
        TokenRejectedException e = refusal(desk.forAlice("ticket:read ticket:close"));
        assertThat(e.reason()).isEqualTo(TokenRejection.DENIED);
        assertThat(e.decisionReason()).contains(DecisionReason.DELEGATOR_LACKS_PERMISSION);
    }

    @Test
    @DisplayName("a wrong API key is refused as an unverified actor; the key never appears in the refusal")
    void wrongKey() {
        String forged = desk.botKey.substring(0, desk.botKey.length() - 3) + "abc";
        TokenRejectedException e = refusal(TokenExchange.builder().subject(desk.alice.id())
                .actor(ActorProof.apiKey(forged)).audience(Desk.AUDIENCE).scope("ticket:read").build());
        assertThat(e.reason()).isEqualTo(TokenRejection.ACTOR_NOT_VERIFIED);
        assertThat(e.getMessage()).doesNotContain(forged).doesNotContain(desk.botKey);
    }

    @Test
    @DisplayName("the actor may prove itself with a signature over a Steward challenge")
    void publicKeyActor() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        KeyPair pair = g.generateKeyPair();
        Credential pk = desk.steward.credentials().registerPublicKey(CredentialSpec.publicKey(desk.bot.id()),
                PublicKeyAlgorithm.ED25519, pair.getPublic().getEncoded(), Desk.HR);
        Challenge challenge = desk.steward.credentials().challenge(pk.id());
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(challenge.message());
        IssuedToken t = desk.exchange(TokenExchange.builder().subject(desk.alice.id())
                .actor(ActorProof.signature(challenge, s.sign())).audience(Desk.AUDIENCE).scope("ticket:read").build());
        assertThat(t.actor()).isEqualTo(desk.bot.id());

        Challenge next = desk.steward.credentials().challenge(pk.id());
        assertThat(refusal(TokenExchange.builder().subject(desk.alice.id())
                .actor(ActorProof.signature(next, new byte[64])).audience(Desk.AUDIENCE).scope("ticket:read").build())
                .reason()).isEqualTo(TokenRejection.ACTOR_NOT_VERIFIED);
    }

    @Test
    @DisplayName("an audience that is not configured is an invalid target; a missing or malformed scope an invalid scope")
    void targetAndScope() {
        assertThat(refusal(TokenExchange.builder().subject(desk.alice.id()).actor(ActorProof.apiKey(desk.botKey))
                .audience("https://elsewhere.example").scope("ticket:read").build()).reason())
                .isEqualTo(TokenRejection.INVALID_TARGET);
        assertThat(refusal(TokenExchange.builder().subject(desk.alice.id()).actor(ActorProof.apiKey(desk.botKey))
                .audience(Desk.AUDIENCE).build()).reason()).isEqualTo(TokenRejection.INVALID_SCOPE);
        TokenRejectedException malformed = refusal(desk.forAlice("ticket:read Ticket\u202Eread"));
        assertThat(malformed.reason()).isEqualTo(TokenRejection.INVALID_SCOPE);
        assertThat(malformed.decisionReason()).contains(DecisionReason.INVALID_REQUEST);
        assertThatThrownBy(() -> TokenExchange.builder().scope("a  b")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> TokenExchange.builder().actor(ActorProof.apiKey("k")).audience("a").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("subject");
    }

    @Test
    @DisplayName("a suspended actor or subject is denied at exchange")
    void suspended() {
        desk.steward.identities().suspend(desk.alice.id(), Desk.HR, "leave");
        TokenRejectedException e = refusal(desk.forAlice("ticket:read"));
        assertThat(e.reason()).isEqualTo(TokenRejection.DENIED);
        assertThat(e.decisionReason()).contains(DecisionReason.DELEGATOR_NOT_ACTIVE);
    }

    @Test
    @DisplayName("an agent on its own account: the subject is the actor, the token has no act claim")
    void ownAccount() throws Exception {
        desk.grant(desk.bot, null, Duration.ofHours(1), "ticket:read");
        IssuedToken t = desk.exchange(TokenExchange.builder().subject(desk.bot.id()).actor(ActorProof.apiKey(desk.botKey))
                .audience(Desk.AUDIENCE).scope("ticket:read").build());
        assertThat(t.chain()).containsExactly(desk.bot.id());
        assertThat(claims(t).getClaim("act")).isNull();
        assertThat(claims(t).getSubject()).isEqualTo(desk.bot.id().value());
        assertThat(desk.verifier().verify(t.token()).onBehalfOf()).isEmpty();
    }

    @Test
    @DisplayName("ES256 keys sign as well as Ed25519, and the token verifies with plain nimbus")
    void es256() throws Exception {
        try (Desk es = new Desk(b -> { }, TokenSigners.generateEs256()).withDelegation()) {
            IssuedToken t = es.exchange(es.forAlice("ticket:read"));
            assertThat(SignedJWT.parse(t.token()).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
            assertThat(SignedJWT.parse(t.token()).getSignature().decode()).hasSize(64);
            assertThat(es.verifier().verify(t.token()).actor()).isEqualTo(es.bot.id());
        }
    }

    @Test
    @DisplayName("neither the issued token nor the request shows a token or key in toString")
    void secretsStayOut() {
        IssuedToken t = desk.exchange(desk.forAlice("ticket:read"));
        assertThat(t.toString()).doesNotContain(t.token()).doesNotContain(t.token().substring(0, 30)).contains(t.jti());
        TokenExchange request = TokenExchange.builder().subjectToken(t.token()).actor(ActorProof.apiKey(desk.botKey))
                .audience(Desk.AUDIENCE).build();
        assertThat(request.toString()).doesNotContain(t.token()).doesNotContain(desk.botKey);
        assertThat(ActorProof.apiKey(desk.botKey).toString()).doesNotContain(desk.botKey);
        assertThat(desk.tokens.toString()).doesNotContain(desk.botKey);
    }
}
