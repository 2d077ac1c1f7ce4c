package dev.steward.internal.audit;

import dev.steward.ValidationException;
import dev.steward.spi.AuditSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs checkpoints with an Ed25519 private key held in memory. Thread-safe. The key never
 * leaves this object: not through an accessor, {@code toString} or an exception.
 */
public final class Ed25519AuditSigner implements AuditSigner {
    /** The algorithm name recorded on checkpoints. */
    public static final String ALGORITHM = "Ed25519";
    /** The length of raw private and public keys. */
    public static final int KEY_BYTES = 32;

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;
    private final String keyId;

    /** @param privateKey the signing key */
    public Ed25519AuditSigner(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = privateKey.generatePublicKey();
        this.keyId = keyId(publicKey.getEncoded());
    }

    /**
     * @param publicKey a raw 32-byte Ed25519 public key
     * @return the key's id: the first 16 hex characters of the SHA-256 of its raw bytes
     */
    public static String keyId(byte[] publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return AuditCodec.hex(digest, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * @param publicKey a raw Ed25519 public key
     * @return the key, parsed
     * @throws ValidationException if it is not a valid 32-byte Ed25519 public key
     */
    public static Ed25519PublicKeyParameters publicKey(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != KEY_BYTES) {
            throw new ValidationException("publicKey", "must be 32 bytes (a raw Ed25519 public key), was "
                    + publicKey.length);
        }
        try {
            return new Ed25519PublicKeyParameters(publicKey);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("publicKey", "is not a valid Ed25519 public key");
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.getEncoded();
    }

    @Override
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        // Ed25519Signer buffers the message, so each call gets its own.
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "Ed25519AuditSigner[keyId=" + keyId + "]";
    }
}
