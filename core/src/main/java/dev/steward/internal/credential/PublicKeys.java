package dev.steward.internal.credential;

import dev.steward.ValidationException;
import dev.steward.credential.PublicKeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Checks registered public keys and computes their fingerprints. */
final class PublicKeys {
    /** A checked key: its DER in base64 and its fingerprint. */
    record Parsed(String base64, String fingerprint) {
    }

    private PublicKeys() {
    }

    static Parsed parse(PublicKeyAlgorithm algorithm, byte[] x509) {
        if (x509 == null || x509.length == 0 || x509.length > 4096) {
            throw new ValidationException("publicKey", "must be 1 to 4096 bytes of X.509 SubjectPublicKeyInfo");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance(algorithm.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ValidationException("publicKey", "is not an X.509 " + algorithm + " public key");
        }
        if (algorithm == PublicKeyAlgorithm.EC_P256 && (!(key instanceof ECPublicKey)
                || ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() != 256)) {
            throw new ValidationException("publicKey", "must be on the P-256 curve");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return new Parsed(Base64.getEncoder().encodeToString(key.getEncoded()),
                    "sha256:" + HexFormat.of().formatHex(digest, 0, 6));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
