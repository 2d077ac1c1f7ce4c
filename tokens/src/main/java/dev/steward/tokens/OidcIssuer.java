package dev.steward.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An OpenID Connect provider whose ID or access tokens {@link StewardTokens} accepts as the subject
 * of an exchange: its issuer, where its keys are, the audience its tokens must name, and how a
 * token's subject becomes a Steward {@code HUMAN} identity.
 *
 * <pre>{@code
 * OidcIssuer keycloak = OidcIssuer.builder("https://sso.acme.example/realms/acme")
 *     .jwksUri(URI.create("https://sso.acme.example/realms/acme/protocol/openid-connect/certs"))
 *     .audience("steward")
 *     .subjectClaim("email")            // the human registered as IdentitySpec.human("alice@acme.example")
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class OidcIssuer {
    /** The signature algorithms accepted unless {@link Builder#algorithms} says otherwise. */
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "PS256", "ES256", "EdDSA");

    /** The signature algorithms {@link Builder#algorithms} may name: asymmetric ones only, never {@code none} nor an HMAC. */
    public static final Set<String> SUPPORTED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private final String issuer;
    private final JWKSource<SecurityContext> keys;
    private final String audience;
    private final String subjectClaim;
    private final List<String> algorithms;
    private final Function<String, Optional<IdentityId>> mapping;

    private OidcIssuer(Builder b) {
        this.issuer = b.issuer;
        this.keys = b.keys;
        this.audience = b.audience;
        this.subjectClaim = b.subjectClaim == null ? "sub" : b.subjectClaim;
        this.algorithms = b.algorithms == null ? DEFAULT_ALGORITHMS : b.algorithms;
        this.mapping = b.mapping;
    }

    /**
     * {@return a builder for the provider with this issuer; its keys and audience are required}
     *
     * @param issuer the provider's issuer identifier, exactly as its tokens' {@code iss}
     */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** @return the issuer identifier */
    public String issuer() {
        return issuer;
    }

    /** @return the audience its tokens must name */
    public String audience() {
        return audience;
    }

    /** @return the claim whose value names the human */
    public String subjectClaim() {
        return subjectClaim;
    }

    /** @return the accepted signature algorithms */
    public List<String> algorithms() {
        return algorithms;
    }

    /** @return where its keys come from */
    JWKSource<SecurityContext> keys() {
        return keys;
    }

    /** @return the host's mapping of the claim's value to a human, when it gave one */
    Optional<Function<String, Optional<IdentityId>>> mapping() {
        return Optional.ofNullable(mapping);
    }

    /**
     * Checks one of the provider's tokens, already read: its type (none, {@code JWT} or
     * {@code at+jwt}), the signature with the provider's keys, issuer, audience and times.
     *
     * @param jws the token
     * @param now the instant to check its times at
     * @param skew the clock skew allowed
     * @return the value of the subject claim
     */
    String subjectOf(JwsReader.Jws jws, Instant now, Duration skew) {
        String type = jws.type().orElse("JWT");
        if (!type.equalsIgnoreCase("JWT") && !type.equalsIgnoreCase("at+jwt") && !type.equalsIgnoreCase("application/at+jwt")) {
            throw JwsReader.reject(TokenRejection.WRONG_TYPE, "the subject token's typ is neither JWT nor at+jwt");
        }
        JwsReader.verifySignature(jws, keys, Set.copyOf(algorithms), false);
        if (!JwsReader.requiredText(jws.claims(), "iss").equals(issuer)) {
            throw JwsReader.reject(TokenRejection.WRONG_ISSUER, "the subject token is not from " + issuer);
        }
        if (!JwsReader.audiences(jws.claims()).contains(audience)) {
            throw JwsReader.reject(TokenRejection.WRONG_AUDIENCE, "the subject token is not for " + audience);
        }
        JwsReader.checkTimes(jws.claims(), now, skew, false);
        return JwsReader.text(jws.claims(), subjectClaim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> JwsReader.reject(TokenRejection.UNKNOWN_SUBJECT,
                        "the subject token has no " + subjectClaim + " claim"));
    }

    @Override
    public String toString() {
        return "OidcIssuer[" + issuer + ", audience=" + audience + ", subjectClaim=" + subjectClaim + "]";
    }

    /**
     * Builds an {@link OidcIssuer}. Each setting may be given once; one of {@link #jwksUri},
     * {@link #jwks(String)} and {@link #jwkSource} is required, as is {@link #audience}. Not thread-safe.
     */
    public static final class Builder {
        private final String issuer;
        private JWKSource<SecurityContext> keys;
        private String audience;
        private String subjectClaim;
        private List<String> algorithms;
        private Function<String, Optional<IdentityId>> mapping;

        private Builder(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            if (issuer.isEmpty()) {
                throw new ValidationException("issuer", "must not be empty");
            }
        }

        private void keysOnce() {
            if (keys != null) {
                throw new ValidationException("keys", "is already set; give one of jwksUri, jwks and jwkSource");
            }
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new ValidationException(setting, "is already set; each setting may be given once");
            }
        }

        /**
         * Sets the provider's JWKS endpoint, read when a key id is first seen and cached, with
         * nimbus's default refresh, rate limit and outage tolerance.
         *
         * @param value the {@code jwks_uri} of the provider's discovery document
         * @return this builder
         */
        public Builder jwksUri(URI value) {
            keysOnce();
            try {
                keys = JWKSourceBuilder.create(Objects.requireNonNull(value, "jwksUri").toURL()).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new ValidationException("jwksUri", "must be an absolute http or https URL");
            }
            return this;
        }

        /**
         * Sets the provider's keys as a fixed JWK set.
         *
         * @param value the JSON text of the JWK set
         * @return this builder
         */
        public Builder jwks(String value) {
            keysOnce();
            try {
                keys = new ImmutableJWKSet<>(JWKSet.parse(Objects.requireNonNull(value, "jwks")));
            } catch (ParseException e) {
                throw new ValidationException("jwks", "must be the JSON text of a JWK set");
            }
            return this;
        }

        /**
         * Sets where the provider's keys come from.
         *
         * @param value a nimbus key source, e.g. one from {@link JWKSourceBuilder}
         * @return this builder
         */
        public Builder jwkSource(JWKSource<SecurityContext> value) {
            keysOnce();
            keys = Objects.requireNonNull(value, "jwkSource");
            return this;
        }

        /**
         * Sets the audience the provider's tokens must name ({@code aud}): Steward's client id at the provider.
         *
         * @param value the audience
         * @return this builder
         */
        public Builder audience(String value) {
            once(audience, "audience");
            audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /**
         * Sets the claim that names the human; {@code sub} by default.
         *
         * @param value a string claim, e.g. {@code email} or {@code preferred_username}
         * @return this builder
         */
        public Builder subjectClaim(String value) {
            once(subjectClaim, "subjectClaim");
            subjectClaim = Objects.requireNonNull(value, "subjectClaim");
            return this;
        }

        /**
         * Sets the signature algorithms accepted; {@link #DEFAULT_ALGORITHMS} by default.
         *
         * @param values JWS algorithm names among {@link #SUPPORTED_ALGORITHMS}, e.g. {@code RS256}
         * @return this builder
         */
        public Builder algorithms(String... values) {
            once(algorithms, "algorithms");
            List<String> list = List.of(values);
            if (list.isEmpty() || !SUPPORTED_ALGORITHMS.containsAll(list)) {
                throw new ValidationException("algorithms", "must be among " + SUPPORTED_ALGORITHMS);
            }
            algorithms = list;
            return this;
        }

        /**
         * Sets how the subject claim's value becomes a Steward identity. By default it names the
         * one active {@code HUMAN} identity registered with that name. A mapping to anything but
         * an active human is refused at exchange.
         *
         * @param value the host's lookup, e.g. from its user directory; empty when no one matches
         * @return this builder
         */
        public Builder mapping(Function<String, Optional<IdentityId>> value) {
            once(mapping, "mapping");
            mapping = Objects.requireNonNull(value, "mapping");
            return this;
        }

        /** @return the issuer */
        public OidcIssuer build() {
            if (keys == null) {
                throw new ValidationException("keys", "is required: give one of jwksUri, jwks and jwkSource");
            }
            if (audience == null) {
                throw new ValidationException("audience", "is required");
            }
            return new OidcIssuer(this);
        }
    }
}
