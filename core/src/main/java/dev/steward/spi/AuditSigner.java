package dev.steward.spi;

/**
 * Signs audit checkpoints. The local implementation holds an Ed25519 key
 * ({@link dev.steward.audit.AuditSigners}); others keep the key in a KMS or vault.
 * Implementations are thread-safe.
 */
public interface AuditSigner {
    /** @return an id of the signing key, recorded on each checkpoint */
    String keyId();

    /** @return the signature algorithm, e.g. {@code Ed25519} */
    String algorithm();

    /** @return the public key in its raw encoding (32 bytes for Ed25519) */
    byte[] publicKey();

    /**
     * @param message the bytes to sign
     * @return the signature
     */
    byte[] sign(byte[] message);
}
