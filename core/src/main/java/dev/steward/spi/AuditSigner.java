package dev.steward.spi;

import java.util.Map;

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
     * Every public key that verifies checkpoints of this signer, by the key id checkpoints record:
     * the current key and, for a key that rotated (a KMS or vault key with versions), the earlier
     * ones, so that a log spanning a rotation verifies. The default is the current key alone.
     *
     * @return raw public keys by key id; at least the current one
     */
    default Map<String, byte[]> publicKeys() {
        return Map.of(keyId(), publicKey());
    }

    /**
     * @param message the bytes to sign
     * @return the signature
     */
    byte[] sign(byte[] message);
}
