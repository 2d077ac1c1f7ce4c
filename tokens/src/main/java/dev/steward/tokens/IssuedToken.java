package dev.steward.tokens;

import dev.steward.grant.GrantId;
import dev.steward.identity.IdentityId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delegation token {@link StewardTokens#exchange issued} by Steward: the compact JWS, and what it
 * says. Immutable. Its {@code toString} shows everything but the token text, which is a bearer
 * secret.
 */
public final class IssuedToken {
    private final String token;
    private final String jti;
    private final String audience;
    private final List<String> scope;
    private final List<IdentityId> chain;
    private final List<GrantId> grants;
    private final Instant issuedAt;
    private final Instant expiresAt;

    IssuedToken(String token, String jti, String audience, List<String> scope, List<IdentityId> chain,
            List<GrantId> grants, Instant issuedAt, Instant expiresAt) {
        this.token = Objects.requireNonNull(token, "token");
        this.jti = Objects.requireNonNull(jti, "jti");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.scope = List.copyOf(scope);
        this.chain = List.copyOf(chain);
        this.grants = List.copyOf(grants);
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** @return the token: a compact JWS, to be sent as a bearer token and never logged */
    public String token() {
        return token;
    }

    /** @return the token's id ({@code jti}), also the correlation id of the decisions behind it */
    public String jti() {
        return jti;
    }

    /** @return the audience the token is bound to ({@code aud}) */
    public String audience() {
        return audience;
    }

    /** @return the granted scopes, in the order asked */
    public List<String> scope() {
        return scope;
    }

    /** @return the granted scopes as the space-separated {@code scope} claim */
    public String scopeText() {
        return String.join(" ", scope);
    }

    /**
     * {@return the delegation chain: the current actor first, then the identities it acts for,
     *     nearest first, ending with the principal ({@code sub}); the actor alone when it acts on
     *     its own account}
     */
    public List<IdentityId> chain() {
        return chain;
    }

    /** @return the actor the token was issued to ({@code client_id}, the outermost {@code act.sub}) */
    public IdentityId actor() {
        return chain.get(0);
    }

    /** @return the principal the chain ends with ({@code sub}) */
    public IdentityId subject() {
        return chain.get(chain.size() - 1);
    }

    /** @return the ids of the grants that allowed it ({@code steward_grants}) */
    public List<GrantId> grants() {
        return grants;
    }

    /** @return when it was issued ({@code iat}) */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** @return when it expires ({@code exp}) */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return its lifetime from issue to expiry, as a token endpoint's {@code expires_in} */
    public Duration expiresIn() {
        return Duration.between(issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "IssuedToken[jti=" + jti + ", audience=" + audience + ", scope=" + scopeText() + ", chain=" + chain
                + ", grants=" + grants + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
