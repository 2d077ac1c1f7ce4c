package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.steward.Steward;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.TokenSigner;
import dev.steward.tck.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The ticket desk every token test runs on: a Steward on an in-memory store and a hand-moved clock,
 * humans alice (the principal) and bob (the approver), an agent bot owned by alice with an API key,
 * and tokens issued for the desk's MCP server.
 */
final class Desk implements AutoCloseable {
    static final String ISSUER = "https://steward.acme.example";
    static final String AUDIENCE = "https://tickets.acme.example/mcp";
    static final String RESOURCE = "mcp:ticket-desk";
    static final String OTHER_AUDIENCE = "https://wiki.acme.example/mcp";
    static final String OTHER_RESOURCE = "mcp:wiki";
    static final Actor HR = Actor.system("hr");

    final TestClock clock = TestClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
    final Steward steward;
    final TokenKeys keys;
    final StewardTokens tokens;
    final Identity alice;
    final Identity bob;
    final Identity bot;
    final String botKey;
    /** How many issued tokens plain nimbus accepted. */
    int independentlyChecked;

    Desk() {
        this(b -> { }, TokenSigners.generateEd25519());
    }

    Desk(Consumer<Steward.Builder> settings, TokenSigner signer) {
        this(InMemoryStore.create(), settings, signer, t -> { });
    }

    Desk(GovernanceStore store, Consumer<Steward.Builder> settings, TokenSigner signer,
            Consumer<StewardTokens.Builder> tokenSettings) {
        Steward.Builder b = Steward.builder().store(store).clock(clock);
        settings.accept(b);
        steward = b.build();
        keys = TokenKeys.of(signer, clock);
        StewardTokens.Builder t = StewardTokens.builder(steward).issuer(ISSUER).keys(keys)
                .audience(AUDIENCE, RESOURCE).audience(OTHER_AUDIENCE, OTHER_RESOURCE);
        tokenSettings.accept(t);
        tokens = t.build();
        alice = human("alice@acme.example");
        bob = human("bob@acme.example");
        bot = agent("triage-bot", alice);
        botKey = apiKey(bot);
    }

    Identity human(String name) {
        return steward.identities().register(IdentitySpec.human(name), HR);
    }

    /** An agent owned by {@code owner}, approved by bob (or alice when bob owns it), living 30 days. */
    Identity agent(String name, Identity owner) {
        Identity agent = steward.identities().register(IdentitySpec.agent(name).owner(owner.id())
                .expiresIn(Duration.ofDays(30)).purpose("ticket triage"), owner.asActor());
        Identity approver = owner.id().equals(bob.id()) ? alice : bob;
        return steward.identities().approve(agent.id(), approver.asActor(), "SEC-1");
    }

    String apiKey(Identity who) {
        try (IssuedCredential key = steward.credentials().issue(CredentialSpec.apiKey(who.id()), HR)) {
            return new String(key.secret().chars());
        }
    }

    /** An active grant of the actions on the desk's resource, delegated by {@code delegator} when given. */
    Grant grant(Identity grantee, IdentityId delegator, Duration validFor, String... actions) {
        return grantOn(RESOURCE, grantee, delegator, validFor, actions);
    }

    Grant grantOn(String pattern, Identity grantee, IdentityId delegator, Duration validFor, String... actions) {
        GrantSpec spec = GrantSpec.to(grantee.id()).allow(actions).on(pattern).validFor(validFor).justification("SEC-2");
        if (delegator != null) {
            spec = spec.delegatedBy(delegator);
        }
        Grant g = steward.grants().request(spec, HR);
        Identity approver = grantee.id().equals(bob.id()) || (delegator != null && delegator.equals(bob.id())) ? alice : bob;
        return steward.grants().approve(g.id(), approver.asActor(), "SEC-3");
    }

    /** Alice holds ticket:read and ticket:comment on the desk; the bot holds both delegated by her. */
    Desk withDelegation() {
        grant(alice, null, Duration.ofHours(8), "ticket:read", "ticket:comment");
        grant(bot, alice.id(), Duration.ofHours(8), "ticket:read", "ticket:comment");
        return this;
    }

    /** {@return an exchange by the bot's key for alice, on the desk, of the scope} */
    TokenExchange forAlice(String scope) {
        return TokenExchange.builder().subject(alice.id()).actor(ActorProof.apiKey(botKey)).audience(AUDIENCE)
                .scope(scope).build();
    }

    /**
     * Exchanges, and checks every token issued with {@link PlainNimbus} against the JWKS before the
     * test sees it.
     */
    IssuedToken exchange(TokenExchange request) {
        IssuedToken t = tokens.exchange(request);
        try {
            JWTClaimsSet claims = PlainNimbus.verify(t.token(), tokens.jwks(), ISSUER, t.audience(), clock.instant());
            assertThat(claims.getJWTID()).isEqualTo(t.jti());
            assertThat(claims.getSubject()).isEqualTo(t.subject().value());
            assertThat(claims.getStringClaim("client_id")).isEqualTo(t.actor().value());
            assertThat(claims.getExpirationTime().toInstant()).isEqualTo(t.expiresAt());
        } catch (Exception e) {
            throw new AssertionError("plain nimbus refuses an issued token", e);
        }
        independentlyChecked++;
        return t;
    }

    TokenVerifier verifier() {
        return tokens.verifier(AUDIENCE);
    }

    @Override
    public void close() {
        steward.close();
    }
}
