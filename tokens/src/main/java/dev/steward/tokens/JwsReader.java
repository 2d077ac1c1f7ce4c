package dev.steward.tokens;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import dev.steward.spi.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a compact JWS strictly, for Steward's own tokens and for trusted OpenID issuers' alike:
 * the size, the three base64url parts, a header and payload of JSON objects in which no name
 * appears twice, a signing algorithm (never {@code none}), then the signature against the keys of
 * a JWK source by {@code kid}, and the registered times within a clock skew. Every refusal is a
 * {@link TokenRejectedException} with its code; no message quotes the token.
 */
final class JwsReader {
    /** Strict JSON: a duplicated name, trailing content or anything but one object is refused. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    /** A JWS whose structure was read, before its signature is checked. */
    record Jws(String algorithm, Optional<String> keyId, Optional<String> type, JsonNode header, JsonNode claims,
            byte[] signingInput, byte[] signature) {
    }

    private JwsReader() {
    }

    static TokenRejectedException reject(TokenRejection reason, String message) {
        return new TokenRejectedException(reason, message);
    }

    /** {@return the JWS's structure, read strictly} */
    static Jws read(String token) {
        if (token == null || token.isEmpty()) {
            throw reject(TokenRejection.MALFORMED, "no token was presented");
        }
        if (token.length() > TokenVerifier.MAX_TOKEN_LENGTH) {
            throw reject(TokenRejection.TOO_LARGE, "the token is longer than " + TokenVerifier.MAX_TOKEN_LENGTH
                    + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw reject(TokenRejection.UNSUPPORTED_ALGORITHM, "the token is encrypted (JWE); only signed tokens are accepted");
        }
        if (parts.length != 3) {
            throw reject(TokenRejection.MALFORMED, "the token is not a compact JWS of three parts");
        }
        JsonNode header = object(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw reject(TokenRejection.MALFORMED, "the token's header names no algorithm");
        }
        if (alg.textValue().equalsIgnoreCase("none") || parts[2].isEmpty()) {
            throw reject(TokenRejection.UNSIGNED, "the token is unsigned");
        }
        if (header.has("crit")) {
            throw reject(TokenRejection.MALFORMED, "the token's header has critical parameters, which are not understood");
        }
        if (header.has("b64") || header.has("zip")) {
            throw reject(TokenRejection.MALFORMED, "the token's header asks for an unencoded or compressed payload");
        }
        JsonNode claims = object(parts[1], "claims");
        byte[] signature = decode(parts[2], "signature");
        return new Jws(alg.textValue(), text(header, "kid"), text(header, "typ"), header, claims,
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature);
    }

    private static byte[] decode(String part, String what) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw reject(TokenRejection.MALFORMED, "the token's " + what + " is not base64url");
            }
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw reject(TokenRejection.MALFORMED, "the token's " + what + " is not base64url");
        }
    }

    private static JsonNode object(String part, String what) {
        byte[] json = decode(part, what);
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate")) {
                throw reject(TokenRejection.DUPLICATE_CLAIM, "the token's " + what + " names a member twice");
            }
            throw reject(TokenRejection.MALFORMED, "the token's " + what + " is not JSON");
        } catch (java.io.IOException e) {
            throw reject(TokenRejection.MALFORMED, "the token's " + what + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw reject(TokenRejection.MALFORMED, "the token's " + what + " is not a JSON object");
        }
        return node;
    }

    /** {@return a string member, or empty when absent; refused when present with another type} */
    static Optional<String> text(JsonNode object, String name) {
        JsonNode v = object.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw reject(TokenRejection.MALFORMED, "the token's " + name + " is not a string");
        }
        return Optional.of(v.textValue());
    }

    /** {@return a required string member} */
    static String requiredText(JsonNode object, String name) {
        return text(object, name).filter(s -> !s.isEmpty())
                .orElseThrow(() -> reject(TokenRejection.MALFORMED, "the token has no " + name));
    }

    /** {@return the audiences: a string or an array of strings; empty when absent} */
    static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        List<String> out = new ArrayList<>();
        if (aud == null) {
            return out;
        }
        if (aud.isTextual()) {
            out.add(aud.textValue());
            return out;
        }
        if (!aud.isArray()) {
            throw reject(TokenRejection.MALFORMED, "the token's aud is neither a string nor an array");
        }
        for (JsonNode a : aud) {
            if (!a.isTextual()) {
                throw reject(TokenRejection.MALFORMED, "the token's aud holds a value that is not a string");
            }
            out.add(a.textValue());
        }
        return out;
    }

    /** {@return a NumericDate member as an instant, or empty when absent} */
    static Optional<Instant> time(JsonNode claims, String name) {
        JsonNode v = claims.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0 || v.doubleValue() > 253402300799d) {
            throw reject(TokenRejection.MALFORMED, "the token's " + name + " is not a time");
        }
        return Optional.of(Instant.ofEpochSecond((long) Math.floor(v.doubleValue())));
    }

    /**
     * Checks {@code exp} (required), {@code nbf} and {@code iat} (required when asked) against the
     * instant, within the skew.
     *
     * @return the expiry
     */
    static Instant checkTimes(JsonNode claims, Instant now, Duration skew, boolean iatRequired) {
        Instant exp = time(claims, "exp").orElseThrow(() -> reject(TokenRejection.MALFORMED, "the token has no exp"));
        Optional<Instant> iat = time(claims, "iat");
        if (iatRequired && iat.isEmpty()) {
            throw reject(TokenRejection.MALFORMED, "the token has no iat");
        }
        if (!now.isBefore(exp.plus(skew))) {
            throw reject(TokenRejection.EXPIRED, "the token expired at " + exp);
        }
        Instant latest = now.plus(skew);
        Optional<Instant> nbf = time(claims, "nbf");
        if (nbf.filter(latest::isBefore).isPresent() || iat.filter(latest::isBefore).isPresent()) {
            throw reject(TokenRejection.NOT_YET_VALID, "the token is not valid yet");
        }
        return exp;
    }

    /**
     * Checks the signature with the keys that carry the token's {@code kid} (any key fitting the
     * algorithm, when the token names none and {@code kidRequired} is false).
     *
     * @param jws the token
     * @param keys where the verifying keys are
     * @param algorithms the algorithms accepted
     * @param kidRequired whether the token must name its key
     */
    static void verifySignature(Jws jws, JWKSource<SecurityContext> keys, Set<String> algorithms, boolean kidRequired) {
        if (!algorithms.contains(jws.algorithm())) {
            throw reject(TokenRejection.UNSUPPORTED_ALGORITHM, "the token is signed with an algorithm not accepted here");
        }
        if (kidRequired && jws.keyId().isEmpty()) {
            throw reject(TokenRejection.UNKNOWN_KEY, "the token names no key (kid)");
        }
        JWKMatcher.Builder matcher = new JWKMatcher.Builder();
        jws.keyId().ifPresent(matcher::keyID);
        List<JWK> candidates;
        try {
            candidates = keys.get(new JWKSelector(matcher.build()), null);
        } catch (KeySourceException | RuntimeException e) {
            throw reject(TokenRejection.UNAVAILABLE, "the verifying keys could not be read");
        }
        boolean anyFits = false;
        for (JWK jwk : candidates) {
            Optional<PublicKey> key = publicKey(jwk, jws.algorithm());
            if (key.isEmpty()) {
                continue;
            }
            anyFits = true;
            if (verifies(jws, key.get())) {
                return;
            }
        }
        if (!anyFits && candidates.isEmpty()) {
            throw reject(TokenRejection.UNKNOWN_KEY, "no verifying key has the token's key id");
        }
        throw reject(TokenRejection.BAD_SIGNATURE, "the token's signature does not verify");
    }

    private static Optional<PublicKey> publicKey(JWK jwk, String algorithm) {
        if (algorithm.equals(TokenSigner.EDDSA) || algorithm.equals(TokenSigner.ES256)) {
            return JwkKeys.fromJwk(jwk, algorithm);
        }
        if (jwk.isPrivate() || !(jwk instanceof AsymmetricJWK asymmetric)
                || jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())
                || jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm)) {
            return Optional.empty();
        }
        try {
            return Optional.of(asymmetric.toPublicKey());
        } catch (JOSEException e) {
            return Optional.empty();
        }
    }

    private static boolean verifies(Jws jws, PublicKey key) {
        if (jws.algorithm().equals(TokenSigner.EDDSA) || jws.algorithm().equals(TokenSigner.ES256)) {
            return JwkKeys.verifies(jws.algorithm(), key, jws.signingInput(), jws.signature());
        }
        try {
            JWSHeader header = new JWSHeader(JWSAlgorithm.parse(jws.algorithm()));
            JWSVerifier verifier = VERIFIERS.createJWSVerifier(header, key);
            return verifier.verify(header, jws.signingInput(), Base64URL.encode(jws.signature()));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }
}
