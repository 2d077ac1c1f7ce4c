package dev.steward.internal.audit;

import dev.steward.spi.PluginFailures;
import dev.steward.AuditFailureException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.spi.AuditSigner;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Makes and checks signed checkpoints of the audit chain. */
public final class Checkpoints {
    private static final int SIGNATURE_BYTES = 64;

    private Checkpoints() {
    }

    /**
     * @param signer the key to sign with
     * @param sealedEvent the event the checkpoint covers
     * @param at when the checkpoint is made
     * @return the signed checkpoint, its signature in base64
     * @throws ValidationException if the event is not sealed (its hash is not 64 lowercase hex)
     * @throws AuditFailureException if the signer fails
     */
    public static AuditCheckpoint checkpoint(AuditSigner signer, AuditEvent sealedEvent, Instant at) {
        Objects.requireNonNull(sealedEvent, "sealedEvent");
        if (!AuditCodec.isHash(sealedEvent.hash())) {
            throw new ValidationException("sealedEvent.hash", "must be 64 lowercase hex characters (seal the event first)");
        }
        return checkpoint(signer, sealedEvent.sequence(), sealedEvent.hash(), at);
    }

    /**
     * @param signer the key to sign with
     * @param sequence the position of the event the checkpoint covers
     * @param hash that event's hash, 64 lowercase hex characters
     * @param at when the checkpoint is made
     * @return the signed checkpoint, its signature in base64
     * @throws ValidationException if the hash is not 64 lowercase hex characters
     * @throws AuditFailureException if the signer fails
     */
    public static AuditCheckpoint checkpoint(AuditSigner signer, long sequence, String hash, Instant at) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(at, "at");
        if (!AuditCodec.isHash(hash)) {
            throw new ValidationException("hash", "must be 64 lowercase hex characters");
        }
        String keyId;
        String algorithm;
        byte[] signature;
        try {
            keyId = Objects.requireNonNull(signer.keyId(), "keyId");
            algorithm = Objects.requireNonNull(signer.algorithm(), "algorithm");
            byte[] message = AuditCodec.checkpointMessage(sequence, hash, at, keyId, algorithm);
            signature = Objects.requireNonNull(signer.sign(message), "signature");
        } catch (Throwable e) {
            // The signer is plugin code (a KMS, a vault): name it, so the failure is traceable.
            throw PluginFailures.typed(e, t -> new AuditFailureException("audit signer " + signer.getClass().getName(), t));
        }
        return new AuditCheckpoint(sequence, hash, at, keyId, algorithm, Base64.getEncoder().encodeToString(signature));
    }

    /**
     * @param checkpoint a checkpoint whose hash is 64 lowercase hex characters
     * @param keys the trusted keys by key id
     * @return why the signature is not valid, or empty if it is
     */
    public static Optional<String> signatureProblem(AuditCheckpoint checkpoint,
            Map<String, Ed25519PublicKeyParameters> keys) {
        if (!Ed25519AuditSigner.ALGORITHM.equals(checkpoint.algorithm())) {
            return Optional.of("algorithm " + checkpoint.algorithm() + " is not " + Ed25519AuditSigner.ALGORITHM);
        }
        Ed25519PublicKeyParameters publicKey = keys.get(checkpoint.keyId());
        if (publicKey == null) {
            return Optional.of("signed by key " + checkpoint.keyId() + ", not by a given public key " + keys.keySet());
        }
        byte[] signature = canonicalBase64(checkpoint.signature());
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            return Optional.of("signature is not 64 bytes in canonical base64");
        }
        byte[] message = AuditCodec.checkpointMessage(checkpoint.sequence(), checkpoint.hash(), checkpoint.at(),
                checkpoint.keyId(), checkpoint.algorithm());
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature) ? Optional.empty() : Optional.of("signature does not verify");
    }

    /**
     * Base64 decoders ignore the unused low bits of the last character; requiring the exact
     * encoding means no character of a checkpoint can change unnoticed.
     */
    private static byte[] canonicalBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
