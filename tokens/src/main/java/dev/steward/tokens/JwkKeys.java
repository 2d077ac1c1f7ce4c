package dev.steward.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.steward.ValidationException;
import dev.steward.spi.TokenSigner;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The two token key types, Ed25519 ({@code EdDSA}) and P-256 ({@code ES256}): their JWKs, their
 * thumbprints, and signature checks on the JDK's own engines (no other provider is needed, for
 * Ed25519 neither).
 */
final class JwkKeys {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo of Ed25519 (RFC 8410), before the 32 key bytes. */
    private static final byte[] ED25519_X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int ED25519_KEY_LENGTH = 32;

    private JwkKeys() {
    }

    /** {@return the JDK's signature algorithm for a JWS algorithm; ES256 in the JWS form R || S} */
    static String jcaName(String algorithm) {
        return algorithm.equals(TokenSigner.EDDSA) ? "Ed25519" : "SHA256withECDSAinP1363Format";
    }

    /** Fails unless the key is of the algorithm's type: Ed25519 for EdDSA, EC on P-256 for ES256. */
    static void requireFits(String algorithm, PublicKey key) {
        boolean fits = switch (algorithm) {
            case TokenSigner.EDDSA -> rawEd25519(key).isPresent();
            case TokenSigner.ES256 -> key instanceof ECPublicKey ec
                    && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()));
            default -> throw new ValidationException("algorithm", "must be EdDSA or ES256");
        };
        if (!fits) {
            throw new ValidationException("publicKey", "must be " + (algorithm.equals(TokenSigner.EDDSA)
                    ? "an Ed25519 key" : "an EC key on P-256") + " for " + algorithm);
        }
    }

    /** {@return whether the signature (JWS form) over the input verifies with the key} */
    static boolean verifies(String algorithm, PublicKey key, byte[] input, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(jcaName(algorithm));
            s.initVerify(key);
            s.update(input);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@return the RFC 7638 thumbprint of the key's JWK, base64url} */
    static String thumbprint(String algorithm, PublicKey key) {
        try {
            return toJwk(null, algorithm, key).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("no SHA-256 for the key thumbprint", e);
        }
    }

    /** {@return the public JWK of a verifying key: use {@code sig}, its algorithm, its key id when given} */
    static JWK toJwk(String keyId, String algorithm, PublicKey key) {
        requireFits(algorithm, key);
        if (algorithm.equals(TokenSigner.EDDSA)) {
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519(key).orElseThrow()))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).keyID(keyId).build();
        }
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) key)
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyID(keyId).build();
    }

    /**
     * {@return the JDK public key of a JWK for a JWS algorithm, or empty when the JWK is not a
     *     public key of that algorithm's type (an RSA key, another curve, a key for another algorithm)}
     */
    static Optional<PublicKey> fromJwk(JWK jwk, String algorithm) {
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm)) {
            return Optional.empty();
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return Optional.empty();
        }
        try {
            if (algorithm.equals(TokenSigner.EDDSA) && jwk instanceof OctetKeyPair okp
                    && Curve.Ed25519.equals(okp.getCurve())) {
                byte[] raw = okp.getDecodedX();
                if (raw.length != ED25519_KEY_LENGTH) {
                    return Optional.empty();
                }
                byte[] der = Arrays.copyOf(ED25519_X509_PREFIX, ED25519_X509_PREFIX.length + raw.length);
                System.arraycopy(raw, 0, der, ED25519_X509_PREFIX.length, raw.length);
                return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
            }
            if (algorithm.equals(TokenSigner.ES256) && jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                return Optional.of(ec.toECPublicKey());
            }
        } catch (GeneralSecurityException | JOSEException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@return the 32 raw bytes of an X.509-encoded Ed25519 public key, or empty if it is not one} */
    private static Optional<byte[]> rawEd25519(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != ED25519_X509_PREFIX.length + ED25519_KEY_LENGTH
                || !Arrays.equals(encoded, 0, ED25519_X509_PREFIX.length, ED25519_X509_PREFIX, 0,
                        ED25519_X509_PREFIX.length)) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(encoded, ED25519_X509_PREFIX.length, encoded.length));
    }
}
