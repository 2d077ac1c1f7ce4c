package dev.steward.mcp;

import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.tokens.ActorProof;
import dev.steward.tokens.IssuedToken;
import dev.steward.tokens.StewardTokens;
import dev.steward.tokens.TokenExchange;
import dev.steward.tokens.TokenKeys;
import dev.steward.tokens.TokenSigners;
import dev.steward.tokens.TokenVerifier;

/**
 * Delegation tokens for the ticket desk of {@link Governance}: a Steward issuer whose tokens name
 * the desk's MCP server ({@link #AUDIENCE}, the Steward resource {@code mcp:ticket-desk}) or a wiki's.
 * Alice holds ticket:read and ticket:delete on the desk and on the tickets of project ops; the
 * bot holds both, delegated by her; the idle agent holds ticket:read on the desk only, delegated
 * by her, so it gets a token but may call no ticket tool.
 */
final class TokenDesk {
    static final String ISSUER = "https://steward.acme.example";
    static final String AUDIENCE = "https://tickets.acme.example/mcp";
    static final String METADATA_URL = "https://tickets.acme.example/.well-known/oauth-protected-resource/mcp";
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource/mcp";
    static final String OTHER_AUDIENCE = "https://wiki.acme.example/mcp";

    final Governance g;
    final StewardTokens tokens;
    private final String botKey;
    private final String idleKey;

    TokenDesk(Governance g) {
        this.g = g;
        tokens = StewardTokens.builder(g.steward).issuer(ISSUER).keys(TokenKeys.of(TokenSigners.generateEd25519()))
                .audience(AUDIENCE, "mcp:ticket-desk").audience(OTHER_AUDIENCE, "mcp:wiki").build();
        for (String pattern : new String[] {"mcp:ticket-desk", "tickets:ops/**", "mcp:wiki"}) {
            g.grant(GrantSpec.to(g.alice.id()).allow("ticket:read", "ticket:delete").on(pattern));
            g.grant(GrantSpec.to(g.bot.id()).allow("ticket:read", "ticket:delete").on(pattern).delegatedBy(g.alice.id()));
        }
        g.grant(GrantSpec.to(g.idle.id()).allow("ticket:read").on("mcp:ticket-desk").delegatedBy(g.alice.id()));
        botKey = apiKey(g.bot.id());
        idleKey = apiKey(g.idle.id());
    }

    private String apiKey(IdentityId who) {
        try (IssuedCredential key = g.steward.credentials().issue(CredentialSpec.apiKey(who), Governance.HR)) {
            return new String(key.secret().chars());
        }
    }

    /** {@return the verifier of the desk's MCP server} */
    TokenVerifier verifier() {
        return tokens.verifier(AUDIENCE);
    }

    /** {@return the desk's bearer filter, on the shared tool policy} */
    McpBearerFilter filter() {
        return McpBearerFilter.builder(verifier(), Governance.POLICY).resourceName("Ticket desk").build();
    }

    /** {@return a token for the agent, acting for alice, on the audience, of the scope} */
    IssuedToken token(Identity agent, String audience, String scope) {
        String key = agent.id().equals(g.bot.id()) ? botKey : idleKey;
        return tokens.exchange(TokenExchange.builder().subject(g.alice.id()).actor(ActorProof.apiKey(key))
                .audience(audience).scope(scope).build());
    }

    /** {@return the bot's token for the desk, acting for alice, of the scope} */
    String botToken(String scope) {
        return token(g.bot, AUDIENCE, scope).token();
    }
}
