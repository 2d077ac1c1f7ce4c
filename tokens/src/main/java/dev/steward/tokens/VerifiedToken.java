package dev.steward.tokens;

import dev.steward.authz.AccessRequest;
import dev.steward.grant.GrantId;
import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a token said once a {@link TokenVerifier} accepted it: its signature, issuer, audience and
 * times held, and its chain was in good standing at verification. Holds no token text.
 *
 * @param issuer the issuer ({@code iss})
 * @param audience the audiences ({@code aud}), among them the verifier's
 * @param actor the current actor: the outermost {@code act.sub}, or {@code sub} when it acts on its own account
 * @param onBehalfOf the identities the actor acts for, nearest first, ending with the principal ({@code sub});
 *     empty when the actor acts on its own account
 * @param scope the granted scopes ({@code scope})
 * @param grants the ids of the grants that allowed it ({@code steward_grants})
 * @param jti the token's id ({@code jti})
 * @param keyId the id of the key that signed it ({@code kid})
 * @param issuedAt when it was issued ({@code iat})
 * @param expiresAt when it expires ({@code exp})
 */
public record VerifiedToken(String issuer, List<String> audience, IdentityId actor, List<IdentityId> onBehalfOf,
        List<String> scope, List<GrantId> grants, String jti, String keyId, Instant issuedAt, Instant expiresAt) {

    /**
     * Checks that nothing is null and copies the lists.
     *
     * @param issuer the issuer ({@code iss})
     * @param audience the audiences ({@code aud}), among them the verifier's
     * @param actor the current actor: the outermost {@code act.sub}, or {@code sub} when it acts on its own account
     * @param onBehalfOf the identities the actor acts for, nearest first, ending with the principal ({@code sub});
     *     empty when the actor acts on its own account
     * @param scope the granted scopes ({@code scope})
     * @param grants the ids of the grants that allowed it ({@code steward_grants})
     * @param jti the token's id ({@code jti})
     * @param keyId the id of the key that signed it ({@code kid})
     * @param issuedAt when it was issued ({@code iat})
     * @param expiresAt when it expires ({@code exp})
     */
    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        audience = List.copyOf(audience);
        Objects.requireNonNull(actor, "actor");
        onBehalfOf = List.copyOf(onBehalfOf);
        scope = List.copyOf(scope);
        grants = List.copyOf(grants);
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** @return the principal the chain ends with ({@code sub}) */
    public IdentityId principal() {
        return onBehalfOf.isEmpty() ? actor : onBehalfOf.get(onBehalfOf.size() - 1);
    }

    /**
     * The request to ask {@link dev.steward.Steward#authorize} for a concrete action the token's
     * holder wants to perform: the actor, on behalf of the chain, correlated by the token's id.
     *
     * <pre>{@code
     * Decision d = steward.authorize(verified.request("ticket:read", "tickets:ops/7"));
     * }</pre>
     *
     * @param action the action, one of the token's scopes
     * @param resource the concrete resource
     * @return the request
     * @throws TokenRejectedException with {@link TokenRejection#INSUFFICIENT_SCOPE} if the action is
     *     not among the token's scopes
     */
    public AccessRequest request(String action, String resource) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        if (!scope.contains(action)) {
            throw new TokenRejectedException(TokenRejection.INSUFFICIENT_SCOPE,
                    "the token's scope does not include the action asked");
        }
        return AccessRequest.of(actor, action, resource).onBehalfOf(onBehalfOf.toArray(IdentityId[]::new))
                .correlationId(jti);
    }
}
