package dev.steward.tokens;

import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.grant.ResourcePattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues delegation tokens for a {@link Steward}: RFC 8693 token exchange into signed, short-lived
 * JWT access tokens (RFC 9068) whose nested {@code act} claims carry the delegation chain. A token
 * is issued only if Steward would allow its chain every scope on the audience's resource now, and
 * it never outlives the grants and identities behind it. (Core cannot depend on a JOSE library,
 * so this is a module of its own, built on a Steward, rather than a {@code steward.tokens()}.)
 *
 * <pre>{@code
 * StewardTokens tokens = StewardTokens.builder(steward)
 *     .issuer("https://steward.acme.example")
 *     .keys(TokenKeys.of(signer))
 *     .audience("https://tickets.acme.example/mcp", "mcp:ticket-desk")
 *     .build();
 * IssuedToken t = tokens.exchange(TokenExchange.builder()
 *     .subject(alice.id())
 *     .actor(ActorProof.apiKey(botKey))
 *     .audience("https://tickets.acme.example/mcp")
 *     .scope("ticket:read ticket:comment")
 *     .build());
 * }</pre>
 *
 * Immutable and thread-safe; its keys rotate through {@link TokenKeys#rotate}.
 */
public final class StewardTokens {
    /** The default and, unless {@link Builder#lifetime} says otherwise, longest lifetime of a token: 5 minutes. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** The longest lifetime {@link Builder#lifetime} accepts: 1 hour. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private final Steward steward;
    private final String issuer;
    private final TokenKeys keys;
    private final Map<String, String> audiences;
    private final Duration lifetime;
    private final Duration clockSkew;
    private final Exchanger exchanger;

    private StewardTokens(Builder b) {
        this.steward = b.steward;
        this.issuer = b.issuer;
        this.keys = b.keys;
        this.audiences = Map.copyOf(b.audiences);
        this.lifetime = b.lifetime == null ? DEFAULT_LIFETIME : b.lifetime;
        this.clockSkew = b.clockSkew == null ? TokenVerifier.DEFAULT_CLOCK_SKEW : b.clockSkew;
        this.exchanger = new Exchanger(steward, issuer, keys, audiences, lifetime, clockSkew, b.trusted);
    }

    /**
     * {@return a builder of the tokens of this Steward; the issuer, the keys and at least one audience are required}
     *
     * @param steward the Steward whose decisions the tokens carry
     */
    public static Builder builder(Steward steward) {
        return new Builder(Objects.requireNonNull(steward, "steward"));
    }

    /**
     * Exchanges a subject and a proven actor for a delegation token (RFC 8693), if Steward allows
     * it now. With the actor {@code A} (from its proof), the subject's chain {@code S} (a named or
     * OpenID subject: that identity alone; an upstream Steward token: its chain, its current actor
     * first and its principal last) and the audience's resource {@code R}, it is allowed exactly when
     * {@code steward.authorize(AccessRequest.of(A, scope, R).onBehalfOf(S).correlationId(jti))}
     * allows every scope asked; each is a recorded decision. A re-exchange narrows: its scope must
     * lie within the upstream token's and its audience equal it, and its chain grows by the new actor.
     *
     * <p>The token expires at the earliest of the configured lifetime, every matched grant's end,
     * every identity's expiry and the upstream token's expiry.
     *
     * @param request the exchange
     * @return the token
     * @throws TokenRejectedException if it is refused, with the reason code (a failure of Steward's
     *     store or of the signer is {@link TokenRejection#UNAVAILABLE})
     */
    public IssuedToken exchange(TokenExchange request) {
        return exchanger.exchange(Objects.requireNonNull(request, "request"));
    }

    /** {@return the JSON text of the JWK set of every key that verifies this issuer's tokens now} */
    public String jwks() {
        return keys.jwks();
    }

    /** @return the issuer identifier, the {@code iss} of every token */
    public String issuer() {
        return issuer;
    }

    /** @return the signing keys */
    public TokenKeys keys() {
        return keys;
    }

    /**
     * {@return the Steward resource a configured audience means, or empty if it is not configured}
     *
     * @param audience an audience URI
     */
    public Optional<String> resourceOf(String audience) {
        return Optional.ofNullable(audiences.get(Objects.requireNonNull(audience, "audience")));
    }

    /**
     * {@return a verifier of this issuer's tokens for one audience, in the same process: the same
     *     keys (rotations included), the same Steward for live checks}
     *
     * @param audience the audience the resource server answers to
     */
    public TokenVerifier verifier(String audience) {
        return TokenVerifier.builder(steward).issuer(issuer).audience(audience).keys(keys).clockSkew(clockSkew).build();
    }

    @Override
    public String toString() {
        return "StewardTokens[" + issuer + ", audiences=" + audiences.keySet() + ", lifetime=" + lifetime + "]";
    }

    /**
     * Builds a {@link StewardTokens}. Each setting may be given once (an audience once per URI);
     * {@link #issuer}, {@link #keys} and at least one {@link #audience} are required. Not thread-safe.
     */
    public static final class Builder {
        private final Steward steward;
        private String issuer;
        private TokenKeys keys;
        private final Map<String, String> audiences = new LinkedHashMap<>();
        private Duration lifetime;
        private Duration clockSkew;
        private final List<OidcIssuer> trusted = new ArrayList<>();

        private Builder(Steward steward) {
            this.steward = steward;
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new ValidationException(setting, "is already set; each setting may be given once");
            }
        }

        /**
         * Sets the issuer identifier written as every token's {@code iss}.
         *
         * @param value an https URL naming this Steward, e.g. {@code https://steward.acme.example}
         * @return this builder
         */
        public Builder issuer(String value) {
            once(issuer, "issuer");
            issuer = Objects.requireNonNull(value, "issuer");
            if (value.isEmpty()) {
                throw new ValidationException("issuer", "must not be empty");
            }
            return this;
        }

        /**
         * Sets the signing keys.
         *
         * @param value the current signer and the keys in their overlap
         * @return this builder
         */
        public Builder keys(TokenKeys value) {
            once(keys, "keys");
            keys = Objects.requireNonNull(value, "keys");
            return this;
        }

        /**
         * Adds an audience tokens may be issued for, and the Steward resource it means: the
         * resource every scope is authorized on.
         *
         * @param uri the audience (RFC 8707 resource indicator), e.g. {@code https://tickets.acme.example/mcp}
         * @param resource the concrete Steward resource, e.g. {@code mcp:ticket-desk}
         * @return this builder
         */
        public Builder audience(String uri, String resource) {
            Objects.requireNonNull(uri, "audience");
            Objects.requireNonNull(resource, "resource");
            if (uri.isEmpty() || uri.length() > 2048) {
                throw new ValidationException("audience", "must be 1 to 2048 characters");
            }
            once(audiences.get(uri), "audience(" + uri + ")");
            if (ResourcePattern.segmentsOf(resource).isEmpty()) {
                throw new ValidationException("resource", "must not be empty");
            }
            audiences.put(uri, resource);
            return this;
        }

        /**
         * Sets how long tokens live at most; {@link StewardTokens#DEFAULT_LIFETIME} by default.
         *
         * @param value the lifetime, positive and at most {@link StewardTokens#MAX_LIFETIME}
         * @return this builder
         */
        public Builder lifetime(Duration value) {
            once(lifetime, "lifetime");
            Objects.requireNonNull(value, "lifetime");
            if (value.isNegative() || value.isZero() || value.compareTo(MAX_LIFETIME) > 0) {
                throw new ValidationException("lifetime", "must be positive and at most " + MAX_LIFETIME);
            }
            lifetime = value;
            return this;
        }

        /**
         * Sets the clock skew allowed on subject tokens' times; {@link TokenVerifier#DEFAULT_CLOCK_SKEW} by default.
         *
         * @param value the skew, zero to {@link TokenVerifier#MAX_CLOCK_SKEW}
         * @return this builder
         */
        public Builder clockSkew(Duration value) {
            once(clockSkew, "clockSkew");
            clockSkew = TokenVerifier.checkedSkew(value);
            return this;
        }

        /**
         * Adds an OpenID Connect provider whose tokens may be the subject of an exchange.
         *
         * @param value the provider
         * @return this builder
         */
        public Builder trustIssuer(OidcIssuer value) {
            Objects.requireNonNull(value, "trustIssuer");
            if (trusted.stream().anyMatch(t -> t.issuer().equals(value.issuer()))) {
                throw new ValidationException("trustIssuer(" + value.issuer() + ")", "is already set");
            }
            trusted.add(value);
            return this;
        }

        /** @return the token issuer */
        public StewardTokens build() {
            if (issuer == null) {
                throw new ValidationException("issuer", "is required");
            }
            if (keys == null) {
                throw new ValidationException("keys", "is required");
            }
            if (audiences.isEmpty()) {
                throw new ValidationException("audience", "at least one is required");
            }
            if (trusted.stream().anyMatch(t -> t.issuer().equals(issuer))) {
                throw new ValidationException("trustIssuer", "must not be this Steward's own issuer");
            }
            return new StewardTokens(this);
        }
    }
}
