package dev.steward.tokens;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.steward.Steward;
import dev.steward.StewardException;
import dev.steward.ValidationException;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.credential.Challenge;
import dev.steward.credential.VerificationResult;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The token exchange of {@link StewardTokens#exchange}: proves the actor, resolves the subject's
 * chain, narrows a re-exchange, asks Steward for every scope, and signs the token that ends no
 * later than anything behind it.
 */
final class Exchanger {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Steward steward;
    private final String issuer;
    private final TokenKeys keys;
    private final Map<String, String> audiences;
    private final Duration lifetime;
    private final Duration clockSkew;
    private final Map<String, OidcIssuer> trusted;
    private final StewardTokenReader upstreamReader;

    /** Whom the token will be for: the chain the actor acts for, and the upstream token it narrows, if any. */
    private record Subject(List<IdentityId> chain, Optional<VerifiedToken> upstream) {
    }

    Exchanger(Steward steward, String issuer, TokenKeys keys, Map<String, String> audiences, Duration lifetime,
            Duration clockSkew, List<OidcIssuer> trusted) {
        this.steward = steward;
        this.issuer = issuer;
        this.keys = keys;
        this.audiences = audiences;
        this.lifetime = lifetime;
        this.clockSkew = clockSkew;
        Map<String, OidcIssuer> byIssuer = new LinkedHashMap<>();
        trusted.forEach(t -> byIssuer.put(t.issuer(), t));
        this.trusted = Map.copyOf(byIssuer);
        this.upstreamReader = new StewardTokenReader(steward, issuer, StewardTokenReader.source(keys), clockSkew);
    }

    IssuedToken exchange(TokenExchange request) {
        try {
            return exchangeChecked(request);
        } catch (TokenRejectedException e) {
            throw e;
        } catch (ValidationException e) {
            throw JwsReader.reject(TokenRejection.INVALID_REQUEST, "the exchange is malformed: " + e.field());
        } catch (StewardException e) {
            throw JwsReader.reject(TokenRejection.UNAVAILABLE, "Steward could not decide the exchange");
        }
    }

    private IssuedToken exchangeChecked(TokenExchange request) {
        String resource = audiences.get(request.audience());
        if (resource == null) {
            throw JwsReader.reject(TokenRejection.INVALID_TARGET, "the audience is not one tokens are issued for");
        }
        IdentityId actor = actor(request.actor());
        Subject subject = subject(request, actor);
        List<String> scope = scope(request, subject.upstream());
        if (subject.upstream().isPresent() && !subject.upstream().get().audience().contains(request.audience())) {
            throw JwsReader.reject(TokenRejection.INVALID_TARGET, "a re-exchange keeps the upstream token's audience");
        }
        if (subject.chain().contains(actor)) {
            throw JwsReader.reject(TokenRejection.INVALID_REQUEST, "the actor is already in the subject's chain");
        }
        String jti = newJti();
        IdentityId[] chain = subject.chain().toArray(IdentityId[]::new);
        LinkedHashSet<GrantId> grants = new LinkedHashSet<>();
        for (String action : scope) {
            Decision d = steward.authorize(AccessRequest.of(actor, action, resource).onBehalfOf(chain).correlationId(jti));
            if (!d.allowed()) {
                TokenRejection reason = switch (d.reason()) {
                    case STORE_UNAVAILABLE -> TokenRejection.UNAVAILABLE;
                    case DELEGATION_TOO_DEEP -> TokenRejection.TOO_DEEP;
                    case INVALID_REQUEST -> TokenRejection.INVALID_SCOPE;
                    default -> TokenRejection.DENIED;
                };
                throw new TokenRejectedException(reason, "Steward does not allow " + action + " on " + resource
                        + ": " + d.reason().message(), d.reason(), d.auditEventId());
            }
            grants.addAll(d.matchedGrants());
        }
        Instant now = steward.clock().instant();
        Instant iat = Instant.ofEpochSecond(now.getEpochSecond());
        Instant exp = expiry(now, actor, subject, grants);
        if (!exp.isAfter(iat)) {
            throw JwsReader.reject(TokenRejection.EXPIRED, "the delegation ends within a second");
        }
        List<IdentityId> tokenChain = new ArrayList<>();
        tokenChain.add(actor);
        tokenChain.addAll(subject.chain());
        String token = TokenWriter.sign(keys.current(), claims(tokenChain, request.audience(), scope, jti, iat, exp,
                grants));
        return new IssuedToken(token, jti, request.audience(), scope, tokenChain, List.copyOf(grants), iat, exp);
    }

    private IdentityId actor(ActorProof proof) {
        VerificationResult r;
        Optional<String> key = proof.key();
        if (key.isPresent()) {
            r = steward.credentials().verify(key.get());
        } else {
            Challenge challenge = proof.challenge().orElseThrow();
            r = steward.credentials().verifySignature(challenge, proof.signatureBytes());
        }
        if (!r.isValid()) {
            throw JwsReader.reject(TokenRejection.ACTOR_NOT_VERIFIED, "the actor's proof does not verify: "
                    + r.failure().orElseThrow());
        }
        return r.identity().orElseThrow();
    }

    private Subject subject(TokenExchange request, IdentityId actor) {
        Optional<IdentityId> named = request.subject();
        if (named.isPresent()) {
            return new Subject(named.get().equals(actor) ? List.of() : List.of(named.get()), Optional.empty());
        }
        JwsReader.Jws jws = JwsReader.read(request.subjectToken().orElseThrow());
        String tokenIssuer = JwsReader.requiredText(jws.claims(), "iss");
        if (tokenIssuer.equals(issuer)) {
            VerifiedToken upstream = upstreamReader.read(jws, Optional.empty());
            List<IdentityId> chain = new ArrayList<>();
            chain.add(upstream.actor());
            chain.addAll(upstream.onBehalfOf());
            return new Subject(List.copyOf(chain), Optional.of(upstream));
        }
        OidcIssuer oidc = trusted.get(tokenIssuer);
        if (oidc == null) {
            throw JwsReader.reject(TokenRejection.UNTRUSTED_ISSUER, "the subject token's issuer is not trusted");
        }
        String value = oidc.subjectOf(jws, steward.clock().instant(), clockSkew);
        Optional<IdentityId> mapped;
        try {
            mapped = Objects.requireNonNull(oidc.mapping().orElse(this::humanNamed).apply(value), "mapping");
        } catch (RuntimeException e) {
            throw JwsReader.reject(TokenRejection.UNAVAILABLE, "the subject mapping of " + oidc.issuer() + " failed");
        }
        IdentityId human = mapped.flatMap(steward.identities()::find)
                .filter(i -> i.kind() == IdentityKind.HUMAN && i.status() == IdentityStatus.ACTIVE)
                .map(Identity::id)
                .orElseThrow(() -> JwsReader.reject(TokenRejection.UNKNOWN_SUBJECT,
                        "the subject token's " + oidc.subjectClaim() + " names no active human at Steward"));
        return new Subject(human.equals(actor) ? List.of() : List.of(human), Optional.empty());
    }

    /** The default mapping: the one active human registered with this name; none if several are. */
    private Optional<IdentityId> humanNamed(String name) {
        List<IdentityId> matches = steward.identities()
                .stream(IdentityQuery.all().kind(IdentityKind.HUMAN).status(IdentityStatus.ACTIVE))
                .filter(i -> i.name().equals(name)).limit(2).map(Identity::id).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static List<String> scope(TokenExchange request, Optional<VerifiedToken> upstream) {
        Optional<List<String>> asked = request.scope();
        if (asked.isEmpty()) {
            return upstream.map(VerifiedToken::scope).orElseThrow(() -> JwsReader.reject(TokenRejection.INVALID_SCOPE,
                    "a scope is required unless an upstream token's is narrowed"));
        }
        if (upstream.isPresent() && !upstream.get().scope().containsAll(asked.get())) {
            throw JwsReader.reject(TokenRejection.INVALID_SCOPE, "a re-exchange can only narrow the upstream token's scope");
        }
        return asked.get();
    }

    /** The earliest of the lifetime, the upstream expiry, every matched grant's end and every identity's expiry. */
    private Instant expiry(Instant now, IdentityId actor, Subject subject, Iterable<GrantId> grants) {
        Instant exp = now.plus(lifetime);
        if (subject.upstream().isPresent()) {
            exp = earlier(exp, subject.upstream().get().expiresAt());
        }
        for (GrantId g : grants) {
            Grant grant = steward.grants().get(g);
            if (grant.validUntil().isPresent()) {
                exp = earlier(exp, grant.validUntil().get());
            }
        }
        List<IdentityId> identities = new ArrayList<>(subject.chain());
        identities.add(actor);
        for (IdentityId i : identities) {
            Optional<Instant> ends = steward.identities().get(i).expiresAt();
            if (ends.isPresent()) {
                exp = earlier(exp, ends.get());
            }
        }
        return Instant.ofEpochSecond(exp.getEpochSecond());
    }

    private static Instant earlier(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    private static String newJti() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The RFC 9068 claims, with the chain as nested act claims (RFC 8693 §4.1), outermost the current actor. */
    private JWTClaimsSet claims(List<IdentityId> chain, String audience, List<String> scope, String jti, Instant iat,
            Instant exp, Iterable<GrantId> grants) {
        IdentityId actor = chain.get(0);
        IdentityId principal = chain.get(chain.size() - 1);
        Map<String, Object> act = null;
        for (int i = chain.size() - 2; i >= 0; i--) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("sub", chain.get(i).value());
            if (act != null) {
                outer.put("act", act);
            }
            act = outer;
        }
        List<String> grantIds = new ArrayList<>();
        grants.forEach(g -> grantIds.add(g.value()));
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(principal.value())
                .audience(audience)
                .claim("client_id", actor.value())
                .claim("scope", String.join(" ", scope))
                .jwtID(jti)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .claim("steward_grants", grantIds);
        if (act != null) {
            b.claim("act", act);
        }
        return b.build();
    }
}
