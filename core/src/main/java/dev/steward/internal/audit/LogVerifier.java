package dev.steward.internal.audit;

import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditVerification;
import dev.steward.audit.AuditVerification.Problem;
import dev.steward.spi.AuditHead;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The verification walk behind {@code AuditVerifier} and {@code AuditExport}. Each check returns
 * the problem at the lowest position it finds; {@link #earlier} combines them. Bad log data yields
 * a result, never an exception.
 */
public final class LogVerifier {
    private LogVerifier() {
    }

    /**
     * @param events the log in order; a null element counts as malformed
     * @return the first break in the hash chain, or a valid result
     */
    public static AuditVerification chain(List<AuditEvent> events) {
        String expectedPrevious = AuditHead.GENESIS_HASH;
        long position = 0;
        for (AuditEvent e : events) {
            AuditVerification problem = check(e, position, expectedPrevious);
            if (problem != null) {
                return problem;
            }
            expectedPrevious = e.hash();
            position++;
        }
        return AuditVerification.ok(position);
    }

    /**
     * @param checkpoints the signed checkpoints, in any order; a null element counts as malformed
     * @param events the log they must agree with
     * @param publicKey the key every checkpoint must be signed with
     * @return the checkpoint problem at the lowest position, or a valid result
     */
    public static AuditVerification checkpoints(List<AuditCheckpoint> checkpoints, List<AuditEvent> events,
            Ed25519PublicKeyParameters publicKey) {
        String keyId = Ed25519AuditSigner.keyId(publicKey.getEncoded());
        AuditVerification first = AuditVerification.ok(events.size());
        for (AuditCheckpoint c : checkpoints) {
            first = earlier(first, check(c, events, publicKey, keyId));
        }
        return first;
    }

    /**
     * @param publicKey a raw Ed25519 public key
     * @return the key, parsed
     * @throws ValidationException if it is not a valid 32-byte Ed25519 public key
     */
    public static Ed25519PublicKeyParameters publicKey(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != Ed25519AuditSigner.KEY_BYTES) {
            throw new ValidationException("publicKey", "must be 32 bytes (a raw Ed25519 public key), was "
                    + publicKey.length);
        }
        try {
            return new Ed25519PublicKeyParameters(publicKey);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("publicKey", "is not a valid Ed25519 public key");
        }
    }

    /**
     * @return the result that is broken at the lower position; a broken result without a position
     *     comes after any with one, and {@code a} wins ties
     */
    public static AuditVerification earlier(AuditVerification a, AuditVerification b) {
        if (a.valid() || b.valid()) {
            return a.valid() ? b : a;
        }
        long pa = a.firstBrokenSequence().orElse(Long.MAX_VALUE);
        long pb = b.firstBrokenSequence().orElse(Long.MAX_VALUE);
        return pb < pa ? b : a;
    }

    private static AuditVerification check(AuditEvent e, long position, String expectedPrevious) {
        if (e == null) {
            return AuditVerification.broken(Problem.MALFORMED, position, "event at position " + position + " is null");
        }
        if (e.sequence() != position) {
            String why = e.sequence() > position ? "events are missing" : "an event is repeated or out of order";
            return AuditVerification.broken(Problem.SEQUENCE_GAP, position,
                    "expected sequence " + position + " but found " + e.sequence() + ": " + why);
        }
        if (!AuditCodec.isHash(e.previousHash()) || !AuditCodec.isHash(e.hash())) {
            return AuditVerification.broken(Problem.MALFORMED, position,
                    "event " + position + " has a hash that is not 64 lowercase hex characters");
        }
        if (!e.previousHash().equals(expectedPrevious)) {
            return AuditVerification.broken(Problem.BROKEN_LINK, position, position == 0
                    ? "event 0's previousHash is not the genesis hash (64 zeros)"
                    : "event " + position + "'s previousHash is not the hash of event " + (position - 1));
        }
        String computed;
        try {
            computed = AuditCodec.hash(e.previousHash(), e);
        } catch (IllegalArgumentException tooLarge) {
            return AuditVerification.broken(Problem.MALFORMED, position, "event " + position + ": "
                    + tooLarge.getMessage());
        }
        if (!computed.equals(e.hash())) {
            return AuditVerification.broken(Problem.HASH_MISMATCH, position,
                    "event " + position + "'s content does not match its hash: it was changed after sealing");
        }
        return null;
    }

    private static AuditVerification check(AuditCheckpoint c, List<AuditEvent> events,
            Ed25519PublicKeyParameters publicKey, String keyId) {
        if (c == null) {
            return AuditVerification.broken(Problem.MALFORMED, "a checkpoint is null");
        }
        long at = c.sequence();
        if (at < 0) {
            return AuditVerification.broken(Problem.MALFORMED, "a checkpoint has the negative sequence " + at);
        }
        if (!AuditCodec.isHash(c.hash())) {
            return AuditVerification.broken(Problem.MALFORMED, at,
                    "checkpoint at " + at + " has a hash that is not 64 lowercase hex characters");
        }
        Optional<String> signature = Checkpoints.signatureProblem(c, publicKey, keyId);
        if (signature.isPresent()) {
            return AuditVerification.broken(Problem.CHECKPOINT_SIGNATURE_INVALID, at,
                    "checkpoint at " + at + ": " + signature.get());
        }
        if (at >= events.size()) {
            return AuditVerification.broken(Problem.TRUNCATED, events.size(), "the log ends after "
                    + events.size() + " events but a signed checkpoint covers sequence " + at + ": it was cut short");
        }
        AuditEvent e = events.get((int) at);
        if (e == null || !c.hash().equals(e.hash())) {
            return AuditVerification.broken(Problem.CHECKPOINT_MISMATCH, at, "event " + at
                    + " does not have the hash its signed checkpoint records: the log was rewritten");
        }
        return AuditVerification.ok(events.size());
    }
}
