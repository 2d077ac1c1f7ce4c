package dev.steward.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.steward.Steward;
import dev.steward.ValidationException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a delegation token at a resource server: its size, that it is a JWS of {@code typ}
 * {@code at+jwt} signed with {@code EdDSA} or {@code ES256} by a key of the issuer's JWK set, its
 * issuer, that its audience names this resource (no token passthrough), its times within a bounded
 * clock skew, its claims' shape and its {@code act} depth; then, live against Steward, that every
 * identity of its chain is in good standing and every grant behind it still active, so a
 * revocation beats the token's lifetime. The resource server then asks
 * {@link Steward#authorize} for the concrete action ({@link VerifiedToken#request}).
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder(steward)
 *     .issuer("https://steward.acme.example")
 *     .audience("https://tickets.acme.example/mcp")
 *     .jwksUri(URI.create("https://steward.acme.example/jwks.json"))
 *     .build();
 * VerifiedToken v = verifier.verify(bearer);
 * Decision d = steward.authorize(v.request("ticket:read", "tickets:ops/7"));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class TokenVerifier {
    /** The longest token text accepted, in characters: 8 KB. */
    public static final int MAX_TOKEN_LENGTH = 8192;
    /** The deepest {@code act} nesting read; Steward's own delegation depth limit applies on top. */
    public static final int MAX_ACT_DEPTH = 16;
    /** The clock skew allowed unless {@link Builder#clockSkew} says otherwise: 30 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** The largest clock skew {@link Builder#clockSkew} accepts: 5 minutes. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final StewardTokenReader reader;

    private TokenVerifier(Builder b) {
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.clockSkew = b.clockSkew == null ? DEFAULT_CLOCK_SKEW : b.clockSkew;
        this.reader = new StewardTokenReader(b.steward, issuer,
                b.keys != null ? StewardTokenReader.source(b.keys) : b.jwkSource, clockSkew);
    }

    /**
     * {@return a builder of a verifier that checks tokens live against this Steward; the issuer,
     *     the audience and the keys are required}
     *
     * @param steward the Steward (on the same store as the issuer's) whose view of grants and identities decides standing
     */
    public static Builder builder(Steward steward) {
        return new Builder(Objects.requireNonNull(steward, "steward"));
    }

    static Duration checkedSkew(Duration value) {
        Objects.requireNonNull(value, "clockSkew");
        if (value.isNegative() || value.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new ValidationException("clockSkew", "must be zero to " + MAX_CLOCK_SKEW);
        }
        return value;
    }

    /**
     * Verifies a bearer token.
     *
     * @param token the token as presented, without the {@code Bearer } prefix
     * @return what the token says
     * @throws TokenRejectedException with the reason code, for every token it does not accept;
     *     it throws nothing else for any input
     */
    public VerifiedToken verify(String token) {
        return reader.read(token, Optional.of(audience));
    }

    /** @return the issuer whose tokens it accepts */
    public String issuer() {
        return issuer;
    }

    /** @return the audience tokens must name */
    public String audience() {
        return audience;
    }

    @Override
    public String toString() {
        return "TokenVerifier[" + issuer + ", audience=" + audience + ", clockSkew=" + clockSkew + "]";
    }

    /**
     * Builds a {@link TokenVerifier}. Each setting may be given once; {@link #issuer},
     * {@link #audience} and one of {@link #keys}, {@link #jwks(String)}, {@link #jwksUri} and
     * {@link #jwkSource} are required. Not thread-safe.
     */
    public static final class Builder {
        private final Steward steward;
        private String issuer;
        private String audience;
        private TokenKeys keys;
        private JWKSource<SecurityContext> jwkSource;
        private Duration clockSkew;

        private Builder(Steward steward) {
            this.steward = steward;
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new ValidationException(setting, "is already set; each setting may be given once");
            }
        }

        private void keysOnce() {
            if (keys != null || jwkSource != null) {
                throw new ValidationException("keys", "is already set; give one of keys, jwks, jwksUri and jwkSource");
            }
        }

        /**
         * Sets the issuer whose tokens are accepted ({@code iss}).
         *
         * @param value the issuer identifier, as {@link StewardTokens.Builder#issuer}
         * @return this builder
         */
        public Builder issuer(String value) {
            once(issuer, "issuer");
            issuer = Objects.requireNonNull(value, "issuer");
            return this;
        }

        /**
         * Sets the audience this resource server answers to; a token must name it in {@code aud}.
         *
         * @param value the audience URI
         * @return this builder
         */
        public Builder audience(String value) {
            once(audience, "audience");
            audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /**
         * Verifies with the issuer's own keys, in the same process (rotations are seen at once).
         *
         * @param value the issuer's keys
         * @return this builder
         */
        public Builder keys(TokenKeys value) {
            keysOnce();
            keys = Objects.requireNonNull(value, "keys");
            return this;
        }

        /**
         * Verifies with a fixed JWK set.
         *
         * @param value the JSON text of the issuer's JWK set, as {@link StewardTokens#jwks()} gives it
         * @return this builder
         */
        public Builder jwks(String value) {
            keysOnce();
            try {
                jwkSource = new ImmutableJWKSet<>(JWKSet.parse(Objects.requireNonNull(value, "jwks")));
            } catch (ParseException e) {
                throw new ValidationException("jwks", "must be the JSON text of a JWK set");
            }
            return this;
        }

        /**
         * Verifies with the JWK set the issuer serves, read when a key id is first seen and cached
         * (nimbus's default refresh, rate limit and outage tolerance), so a rotation is picked up.
         *
         * @param value the URL of the issuer's JWKS document
         * @return this builder
         */
        public Builder jwksUri(URI value) {
            keysOnce();
            try {
                jwkSource = JWKSourceBuilder.create(Objects.requireNonNull(value, "jwksUri").toURL()).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new ValidationException("jwksUri", "must be an absolute http or https URL");
            }
            return this;
        }

        /**
         * Verifies with the keys of a nimbus key source.
         *
         * @param value the key source
         * @return this builder
         */
        public Builder jwkSource(JWKSource<SecurityContext> value) {
            keysOnce();
            jwkSource = Objects.requireNonNull(value, "jwkSource");
            return this;
        }

        /**
         * Sets the clock skew allowed on {@code exp}, {@code nbf} and {@code iat}; 30 seconds by default.
         *
         * @param value the skew, zero to {@link #MAX_CLOCK_SKEW}
         * @return this builder
         */
        public Builder clockSkew(Duration value) {
            once(clockSkew, "clockSkew");
            clockSkew = checkedSkew(value);
            return this;
        }

        /** @return the verifier */
        public TokenVerifier build() {
            if (issuer == null) {
                throw new ValidationException("issuer", "is required");
            }
            if (audience == null) {
                throw new ValidationException("audience", "is required");
            }
            if (keys == null && jwkSource == null) {
                throw new ValidationException("keys", "are required: give one of keys, jwks, jwksUri and jwkSource");
            }
            return new TokenVerifier(this);
        }
    }
}
