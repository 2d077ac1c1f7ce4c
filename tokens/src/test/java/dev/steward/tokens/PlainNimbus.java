package dev.steward.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * The independent check: a token verified with plain nimbus-jose-jwt (its own Ed25519 verifier on
 * Tink, its own ECDSA verifier, its own claims verifier) against the JWKS text, as a standard
 * resource server would. No Steward class takes part; it gets strings and an instant only.
 * (Nimbus's key selector cannot turn an OKP key into a Java key, so the verifier is picked from
 * the JWK by {@code kid} here, as nimbus's documentation does for EdDSA.)
 */
final class PlainNimbus {
    private PlainNimbus() {
    }

    static JWTClaimsSet verify(String token, String jwksJson, String issuer, String audience, Instant now)
            throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!new JOSEObjectType("at+jwt").equals(jwt.getHeader().getType())) {
            throw new IllegalArgumentException("typ is not at+jwt");
        }
        JWK jwk = JWKSet.parse(jwksJson).getKeyByKeyId(jwt.getHeader().getKeyID());
        if (jwk == null) {
            throw new IllegalArgumentException("no key " + jwt.getHeader().getKeyID() + " in the JWKS");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        JWSVerifier verifier = JWSAlgorithm.EdDSA.equals(alg) ? new Ed25519Verifier((OctetKeyPair) jwk)
                : JWSAlgorithm.ES256.equals(alg) ? new ECDSAVerifier((ECKey) jwk) : null;
        if (verifier == null || !jwt.verify(verifier)) {
            throw new IllegalArgumentException("the signature does not verify with " + alg);
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        new DefaultJWTClaimsVerifier<>(audience, new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "jti", "scope", "client_id", "steward_grants")) {
            @Override
            protected Date currentTime() {
                return Date.from(now);
            }
        }.verify(claims, null);
        return claims;
    }
}
