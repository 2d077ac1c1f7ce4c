package dev.steward.credential;

/** Algorithms of public keys an identity may register. */
public enum PublicKeyAlgorithm {
    /** Ed25519 (RFC 8032). */
    ED25519("Ed25519", "Ed25519"),
    /** ECDSA on NIST P-256 with SHA-256. */
    EC_P256("EC", "SHA256withECDSA");

    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    PublicKeyAlgorithm(String keyAlgorithm, String signatureAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** @return the JCA key algorithm name */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** @return the JCA signature algorithm name */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
