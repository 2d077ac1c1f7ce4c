package dev.steward.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.steward.Steward;
import dev.steward.StewardException;
import dev.steward.ValidationException;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.GrantId;
import dev.steward.identity.IdentityId;
import dev.steward.spi.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a token Steward issued, for a resource server's verifier and for the upstream token of a
 * re-exchange: the RFC 9068 type, the signature, the issuer, the audience when one is required, the
 * times, the claims' shape and {@code act} depth, then the chain's standing live against Steward.
 */
final class StewardTokenReader {
    private static final Set<String> ALGORITHMS = Set.of(TokenSigner.EDDSA, TokenSigner.ES256);

    private final Steward steward;
    private final String issuer;
    private final JWKSource<SecurityContext> keys;
    private final Duration clockSkew;

    StewardTokenReader(Steward steward, String issuer, JWKSource<SecurityContext> keys, Duration clockSkew) {
        this.steward = steward;
        this.issuer = issuer;
        this.keys = keys;
        this.clockSkew = clockSkew;
    }

    /** {@return a key source over the issuer's own keys, which sees every rotation at once} */
    static JWKSource<SecurityContext> source(TokenKeys keys) {
        return (selector, context) -> selector.select(keys.jwkSet());
    }

    /**
     * @param token the token as presented
     * @param audience the audience it must name, or empty to accept any (a re-exchange compares it itself)
     * @return what it says, its chain in good standing now
     */
    VerifiedToken read(String token, Optional<String> audience) {
        try {
            return read(JwsReader.read(token), audience);
        } catch (TokenRejectedException e) {
            throw e;
        } catch (ValidationException e) {
            throw JwsReader.reject(TokenRejection.MALFORMED, "an identity or grant id of the token is malformed");
        } catch (StewardException e) {
            throw JwsReader.reject(TokenRejection.UNAVAILABLE, "the token could not be checked against Steward");
        } catch (RuntimeException e) {
            throw JwsReader.reject(TokenRejection.MALFORMED, "the token could not be read");
        }
    }

    /** {@return what a token read already says, its chain in good standing now} */
    VerifiedToken read(JwsReader.Jws jws, Optional<String> audience) {
        String type = jws.type().orElse("");
        if (!type.equalsIgnoreCase("at+jwt") && !type.equalsIgnoreCase("application/at+jwt")) {
            throw JwsReader.reject(TokenRejection.WRONG_TYPE, "the token's typ is not at+jwt");
        }
        JwsReader.verifySignature(jws, keys, ALGORITHMS, true);
        JsonNode claims = jws.claims();
        if (!JwsReader.requiredText(claims, "iss").equals(issuer)) {
            throw JwsReader.reject(TokenRejection.WRONG_ISSUER, "the token is not from " + issuer);
        }
        List<String> aud = JwsReader.audiences(claims);
        if (aud.isEmpty()) {
            throw JwsReader.reject(TokenRejection.MALFORMED, "the token has no aud");
        }
        if (audience.isPresent() && !aud.contains(audience.get())) {
            throw JwsReader.reject(TokenRejection.WRONG_AUDIENCE, "the token is not for " + audience.get());
        }
        Instant now = steward.clock().instant();
        Instant exp = JwsReader.checkTimes(claims, now, clockSkew, true);
        Instant iat = JwsReader.time(claims, "iat").orElseThrow();
        if (Duration.between(iat, exp).compareTo(StewardTokens.MAX_LIFETIME) > 0) {
            throw JwsReader.reject(TokenRejection.MALFORMED, "the token lives longer than Steward issues tokens for");
        }
        IdentityId principal = IdentityId.of(JwsReader.requiredText(claims, "sub"));
        List<IdentityId> actors = actors(claims);
        IdentityId actor = actors.isEmpty() ? principal : actors.get(0);
        List<IdentityId> onBehalfOf = new ArrayList<>();
        if (!actors.isEmpty()) {
            onBehalfOf.addAll(actors.subList(1, actors.size()));
            onBehalfOf.add(principal);
        }
        if (!JwsReader.requiredText(claims, "client_id").equals(actor.value())) {
            throw JwsReader.reject(TokenRejection.MALFORMED, "the token's client_id is not its current actor");
        }
        List<String> scope = scopes(JwsReader.requiredText(claims, "scope"));
        String jti = JwsReader.requiredText(claims, "jti");
        List<GrantId> grants = grants(claims);
        Optional<DecisionReason> broken = steward.standing(actor, onBehalfOf, grants);
        if (broken.isPresent()) {
            DecisionReason r = broken.get();
            TokenRejection reason = switch (r) {
                case STORE_UNAVAILABLE -> TokenRejection.UNAVAILABLE;
                case DELEGATION_TOO_DEEP -> TokenRejection.TOO_DEEP;
                case INVALID_REQUEST -> TokenRejection.MALFORMED;
                default -> TokenRejection.REVOKED;
            };
            throw new TokenRejectedException(reason, "the token's delegation no longer stands: " + r.message(), r, null);
        }
        return new VerifiedToken(issuer, aud, actor, onBehalfOf, scope, grants, jti, jws.keyId().orElseThrow(), iat,
                exp);
    }

    /** {@return the actors of the nested act claims, outermost (current) first} */
    private static List<IdentityId> actors(JsonNode claims) {
        List<IdentityId> actors = new ArrayList<>();
        JsonNode act = claims.get("act");
        while (act != null) {
            if (!act.isObject()) {
                throw JwsReader.reject(TokenRejection.MALFORMED, "the token's act is not an object");
            }
            if (actors.size() == TokenVerifier.MAX_ACT_DEPTH) {
                throw JwsReader.reject(TokenRejection.TOO_DEEP, "the token's act claims nest deeper than "
                        + TokenVerifier.MAX_ACT_DEPTH);
            }
            actors.add(IdentityId.of(JwsReader.requiredText(act, "sub")));
            act = act.get("act");
        }
        return actors;
    }

    /** {@return the scopes of a scope claim: names separated by single spaces, each once} */
    static List<String> scopes(String text) {
        LinkedHashSet<String> scopes = new LinkedHashSet<>();
        for (String s : text.split(" ", -1)) {
            if (s.isEmpty() || !scopes.add(s)) {
                throw JwsReader.reject(TokenRejection.MALFORMED, "the token's scope is not distinct names separated by single spaces");
            }
        }
        return List.copyOf(scopes);
    }

    private static List<GrantId> grants(JsonNode claims) {
        JsonNode node = claims.get("steward_grants");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw JwsReader.reject(TokenRejection.MALFORMED, "the token's steward_grants is not a list of grant ids");
        }
        List<GrantId> grants = new ArrayList<>();
        for (JsonNode g : node) {
            if (!g.isTextual()) {
                throw JwsReader.reject(TokenRejection.MALFORMED, "the token's steward_grants holds a value that is not a string");
            }
            grants.add(GrantId.of(g.textValue()));
        }
        return grants;
    }
}
