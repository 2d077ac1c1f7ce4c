package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.authz.DecisionReason;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A sub-agent exchanges its parent's token: scope and audience only shrink, the act chain grows by one. */
class ReExchangeTest {
    private final Desk desk = new Desk(b -> b.maxDelegationDepth(2), TokenSigners.generateEd25519()).withDelegation();
    private final Identity sub = subAgent("sub-bot", desk.bot);
    private final String subKey = desk.apiKey(sub);
    private final IssuedToken upstream = desk.exchange(desk.forAlice("ticket:read ticket:comment"));

    @AfterEach
    void close() {
        desk.close();
    }

    /** An agent started by {@code parent}, owned by alice, holding ticket:read delegated by the parent. */
    private Identity subAgent(String name, Identity parent) {
        Identity s = desk.steward.identities().register(IdentitySpec.agent(name).owner(desk.alice.id())
                .parent(parent.id()).expiresIn(Duration.ofDays(1)).purpose("sub-task"), parent.asActor());
        s = desk.steward.identities().approve(s.id(), desk.bob.asActor(), "SEC-5");
        desk.grant(s, parent.id(), Duration.ofHours(1), "ticket:read");
        return s;
    }

    private TokenExchange.Builder reExchange(String token, String key) {
        return TokenExchange.builder().subjectToken(token).actor(ActorProof.apiKey(key)).audience(Desk.AUDIENCE);
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
    @DisplayName("a re-exchange narrows the scope and keeps the whole act chain, the new actor outermost (act is not dropped)")
    void narrowsAndKeepsTheChain() throws Exception {
        IssuedToken t = desk.exchange(reExchange(upstream.token(), subKey).scope("ticket:read").build());
        JWTClaimsSet c = SignedJWT.parse(t.token()).getJWTClaimsSet();
        assertThat(c.getSubject()).isEqualTo(desk.alice.id().value());
        assertThat(c.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", sub.id().value(),
                "act", Map.of("sub", desk.bot.id().value())));
        assertThat(c.getStringClaim("client_id")).isEqualTo(sub.id().value());
        assertThat(t.chain()).containsExactly(sub.id(), desk.bot.id(), desk.alice.id());
        assertThat(t.scope()).containsExactly("ticket:read");
        assertThat(t.jti()).isNotEqualTo(upstream.jti());
        VerifiedToken v = desk.verifier().verify(t.token());
        assertThat(v.actor()).isEqualTo(sub.id());
        assertThat(v.onBehalfOf()).containsExactly(desk.bot.id(), desk.alice.id());
        assertThat(desk.steward.authorize(v.request("ticket:read", Desk.RESOURCE)).allowed()).isTrue();
    }

    @Test
    @DisplayName("a re-exchange never outlives the upstream token")
    void boundedByUpstream() {
        desk.clock.advance(Duration.ofMinutes(2));
        IssuedToken t = desk.exchange(reExchange(upstream.token(), subKey).scope("ticket:read").build());
        assertThat(t.expiresAt()).isEqualTo(upstream.expiresAt());
        desk.clock.advance(Duration.ofMinutes(4));
        assertThat(refusal(reExchange(upstream.token(), subKey).scope("ticket:read").build()).reason())
                .isEqualTo(TokenRejection.EXPIRED);
    }

    @Test
    @DisplayName("without a scope, a re-exchange asks for the upstream token's whole scope")
    void upstreamScopeByDefault() {
        desk.grant(sub, desk.bot.id(), Duration.ofHours(1), "ticket:comment");
        IssuedToken t = desk.exchange(reExchange(upstream.token(), subKey).build());
        assertThat(t.scope()).containsExactly("ticket:read", "ticket:comment");
    }

    @Test
    @DisplayName("a wider scope is refused as invalid_scope, even when the sub-agent's grants would cover it")
    void widerScope() {
        desk.grant(desk.alice, null, Duration.ofHours(1), "ticket:close");
        desk.grant(desk.bot, desk.alice.id(), Duration.ofHours(1), "ticket:close");
        desk.grant(sub, desk.bot.id(), Duration.ofHours(1), "ticket:close");
        TokenRejectedException e = refusal(reExchange(upstream.token(), subKey).scope("ticket:read ticket:close").build());
        assertThat(e.reason()).isEqualTo(TokenRejection.INVALID_SCOPE);
        assertThat(e.reason().oauthError()).isEqualTo("invalid_scope");
    }

    @Test
    @DisplayName("another audience is refused as invalid_target")
    void otherAudience() {
        TokenRejectedException e = refusal(TokenExchange.builder().subjectToken(upstream.token())
                .actor(ActorProof.apiKey(subKey)).audience(Desk.OTHER_AUDIENCE).scope("ticket:read").build());
        assertThat(e.reason()).isEqualTo(TokenRejection.INVALID_TARGET);
    }

    @Test
    @DisplayName("the chain may not grow past maxDelegationDepth: the refusal names it")
    void depthIsCapped() {
        IssuedToken second = desk.exchange(reExchange(upstream.token(), subKey).scope("ticket:read").build());
        Identity third = subAgent("sub-sub-bot", sub);
        TokenRejectedException e = refusal(reExchange(second.token(), desk.apiKey(third)).scope("ticket:read").build());
        assertThat(e.reason()).isEqualTo(TokenRejection.TOO_DEEP);
        assertThat(e.decisionReason()).contains(DecisionReason.DELEGATION_TOO_DEEP);
    }

    @Test
    @DisplayName("a sub-agent without a grant delegated by the upstream actor is denied")
    void notDelegatedByTheUpstreamActor() {
        Identity stranger = desk.agent("stranger", desk.alice);
        desk.grant(stranger, desk.alice.id(), Duration.ofHours(1), "ticket:read");
        TokenRejectedException e = refusal(reExchange(upstream.token(), desk.apiKey(stranger)).scope("ticket:read").build());
        assertThat(e.reason()).isEqualTo(TokenRejection.DENIED);
        assertThat(e.decisionReason()).contains(DecisionReason.NOT_DELEGATED);
    }

    @Test
    @DisplayName("the upstream actor cannot re-exchange its own token to itself")
    void sameActor() {
        assertThat(refusal(reExchange(upstream.token(), desk.botKey).scope("ticket:read").build()).reason())
                .isEqualTo(TokenRejection.INVALID_REQUEST);
    }

    @Test
    @DisplayName("revoking the parent's grant refuses both the re-exchange and the sub-agent's token already issued")
    void revocationCutsTheWholeChain() {
        IssuedToken t = desk.exchange(reExchange(upstream.token(), subKey).scope("ticket:read").build());
        desk.steward.grants().revoke(upstream.grants().get(0), desk.alice.asActor(), "incident");
        TokenRejectedException atExchange = refusal(reExchange(upstream.token(), subKey).scope("ticket:read").build());
        assertThat(atExchange.reason()).isEqualTo(TokenRejection.REVOKED);
        TokenRejectedException atVerifier = null;
        try {
            desk.verifier().verify(t.token());
        } catch (TokenRejectedException e) {
            atVerifier = e;
        }
        assertThat(atVerifier).isNotNull();
        assertThat(atVerifier.reason()).isEqualTo(TokenRejection.REVOKED);
    }

    @Test
    @DisplayName("a subject token Steward did not issue and no trusted issuer signed is refused")
    void untrustedSubjectToken() throws Exception {
        Forge forge = Forge.ed25519();
        String foreign = forge.sign("{\"iss\":\"https://evil.example\",\"sub\":\"alice\",\"exp\":4102444800}");
        assertThat(refusal(reExchange(foreign, subKey).scope("ticket:read").build()).reason())
                .isEqualTo(TokenRejection.UNTRUSTED_ISSUER);
        String forged = forge.sign(new String(java.util.Base64.getUrlDecoder().decode(upstream.token().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refusal(reExchange(forged, subKey).scope("ticket:read").build()).reason())
                .as("Steward's issuer, another key").isEqualTo(TokenRejection.UNKNOWN_KEY);
        assertThat(refusal(reExchange("garbage", subKey).scope("ticket:read").build()).reason())
                .isEqualTo(TokenRejection.MALFORMED);
    }
}
