package dev.steward.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the audit chain had the event {@code sequence} with hash {@code hash}.
 * Verifiable with the signer's public key alone; a log that no longer reaches a checkpoint, or
 * whose event there has another hash, has been truncated or rewritten.
 *
 * @param sequence the position of the event the checkpoint covers
 * @param hash that event's hash, in lowercase hex
 * @param at when the checkpoint was made
 * @param keyId the id of the signing key
 * @param algorithm the signature algorithm, e.g. {@code Ed25519}
 * @param signature the signature, in base64
 */
public record AuditCheckpoint(long sequence, String hash, Instant at, String keyId, String algorithm,
        String signature) {
    /**
     * Checks that nothing is null.
     *
     * @param sequence the position of the event the checkpoint covers
     * @param hash that event's hash, in lowercase hex
     * @param at when the checkpoint was made
     * @param keyId the id of the signing key
     * @param algorithm the signature algorithm, e.g. {@code Ed25519}
     * @param signature the signature, in base64
     */
    public AuditCheckpoint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(signature, "signature");
    }
}
