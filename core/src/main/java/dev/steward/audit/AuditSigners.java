package dev.steward.audit;

import dev.steward.ValidationException;
import dev.steward.internal.audit.Ed25519AuditSigner;
import dev.steward.spi.AuditSigner;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Local Ed25519 signers for audit checkpoints. The private key stays inside the signer; publish
 * {@link AuditSigner#publicKey()} to auditors, who verify with {@link AuditVerifier} and that key
 * alone.
 *
 * <pre>{@code
 * AuditSigner signer = AuditSigners.ed25519(privateKeyFromYourVault);
 * byte[] publishedKey = signer.publicKey();
 * }</pre>
 */
public final class AuditSigners {
    private AuditSigners() {
    }

    /**
     * Generates a fresh key pair from {@link SecureRandom}. The private key cannot be exported,
     * so checkpoints made after a restart carry another key; use {@link #ed25519(byte[])} with a
     * stored key to keep one key across restarts.
     *
     * @return a signer with a new key
     */
    public static AuditSigner generateEd25519() {
        return new Ed25519AuditSigner(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /**
     * @param privateKey32 a raw 32-byte Ed25519 private key (the RFC 8032 seed); copied, so the
     *     caller may wipe its array afterwards
     * @return a signer with that key
     * @throws ValidationException if the key is not 32 bytes
     */
    public static AuditSigner ed25519(byte[] privateKey32) {
        if (privateKey32 == null) {
            throw new ValidationException("privateKey", "is required");
        }
        if (privateKey32.length != Ed25519AuditSigner.KEY_BYTES) {
            throw new ValidationException("privateKey",
                    "must be 32 bytes (a raw Ed25519 private key), was " + privateKey32.length);
        }
        return new Ed25519AuditSigner(new Ed25519PrivateKeyParameters(privateKey32));
    }
}
