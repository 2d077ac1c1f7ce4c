package dev.steward.audit;

import dev.steward.ValidationException;
import dev.steward.internal.audit.LogVerifier;
import java.util.List;
import java.util.Objects;

/**
 * Verifies an audit log, e.g. one read back with {@link AuditExport}, with the signer's public
 * key alone. Walks the log in order and reports the first (lowest) position where it is broken:
 * <ol>
 *   <li>the event at position {@code i} has sequence {@code i}
 *       ({@link AuditVerification.Problem#SEQUENCE_GAP});</li>
 *   <li>its previous hash is 64 zeros for the first event and the hash of the event before for
 *       the others ({@link AuditVerification.Problem#BROKEN_LINK});</li>
 *   <li>its content hashes to its stored hash ({@link AuditVerification.Problem#HASH_MISMATCH});
 *       the encoding is specified in {@link AuditChain} so that auditors can reimplement it;</li>
 *   <li>every checkpoint's signature verifies ({@link AuditVerification.Problem#CHECKPOINT_SIGNATURE_INVALID}),
 *       the log reaches it ({@link AuditVerification.Problem#TRUNCATED}, reported where the log
 *       ends) and the event there has the hash it signed
 *       ({@link AuditVerification.Problem#CHECKPOINT_MISMATCH}), which catches a tail rewritten
 *       with freshly computed hashes.</li>
 * </ol>
 * Events after the last checkpoint are protected by the chain alone: dropping them or rewriting
 * them consistently is only visible against a later checkpoint or an independently kept head.
 * Steward closes that gap where it can: its exports end at a checkpoint signed when they are
 * written, {@link dev.steward.Steward#close()} signs one over the end, and
 * {@link AuditLog#verify()} also compares the live log with the store's head.
 * Bad data never throws; it yields a result.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /**
     * Verifies the hash chain alone, without checkpoints: a log cut after any event still verifies.
     *
     * @param events the whole log, in order from sequence 0
     * @return valid, or the first break
     */
    public static AuditVerification verify(List<AuditEvent> events) {
        Objects.requireNonNull(events, "events");
        return LogVerifier.walk(events).result();
    }

    /**
     * Verifies the hash chain and the signed checkpoints of one local Ed25519 key, as
     * {@link #verify(List, List, AuditKeys)} with {@link AuditKeys#of(byte[])}.
     *
     * @param events the whole log, in order from sequence 0
     * @param checkpoints the checkpoints made over it, in any order
     * @param publicKey the signer's raw 32-byte Ed25519 public key
     * @return valid, or the break at the lowest position
     * @throws ValidationException if the public key is not a valid Ed25519 key
     */
    public static AuditVerification verify(List<AuditEvent> events, List<AuditCheckpoint> checkpoints,
            byte[] publicKey) {
        return verify(events, checkpoints, AuditKeys.of(publicKey));
    }

    /**
     * Verifies the hash chain and the signed checkpoints: each checkpoint must be signed by the
     * key its key id names in {@code keys}.
     *
     * @param events the whole log, in order from sequence 0
     * @param checkpoints the checkpoints made over it, in any order
     * @param keys the trusted public keys by key id
     * @return valid, or the break at the lowest position
     */
    public static AuditVerification verify(List<AuditEvent> events, List<AuditCheckpoint> checkpoints,
            AuditKeys keys) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(keys, "keys");
        LogVerifier.Walk walk = LogVerifier.walk(events);
        // Only positions the walk verified are asked for, so they exist and are not null.
        return LogVerifier.withCheckpoints(walk, at -> events.get((int) at).hash(), checkpoints, keys);
    }
}
