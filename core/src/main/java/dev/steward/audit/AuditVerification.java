package dev.steward.audit;

import dev.steward.ValidationException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The result of verifying an audit log: valid, or the first place where it is broken.
 *
 * @param valid whether the log verified
 * @param firstBrokenSequence the lowest position at which the log is broken; empty when valid,
 *     or when the problem has no position in the log (a checkpoint that cannot be read)
 * @param problem what is broken, {@link Problem#NONE} when valid
 * @param message the problem in words, or a summary of what was verified
 */
public record AuditVerification(boolean valid, OptionalLong firstBrokenSequence, Problem problem, String message) {

    /** What can be wrong with an audit log. */
    public enum Problem {
        /** Nothing: the log verified. */
        NONE,
        /** A record could not be read: bad JSON, a missing field, a hash that is not hex. */
        MALFORMED,
        /** The event at a position does not carry that position's sequence (missing, repeated or moved). */
        SEQUENCE_GAP,
        /** An event's previous hash is not the hash of the event before it. */
        BROKEN_LINK,
        /** An event's content does not hash to its stored hash: it was changed after sealing. */
        HASH_MISMATCH,
        /** A checkpoint's signature does not verify with the given public key. */
        CHECKPOINT_SIGNATURE_INVALID,
        /** The event at a checkpoint's sequence has another hash: the log was rewritten from there. */
        CHECKPOINT_MISMATCH,
        /**
         * A checkpoint, or the store's head, covers a sequence beyond the last event: the log was cut
         * short. Reported where the log ends, or where its chain stops verifying if that comes first.
         */
        TRUNCATED,
        /**
         * The event at the position the store's head records as the chain's end has another hash
         * than the head: the log was rewritten up to there, or the head itself was changed. Only
         * {@link AuditLog#verify()} reports it; an export carries no head (it is signed into the
         * checkpoint made at export instead).
         */
        HEAD_MISMATCH
    }

    /**
     * Checks that the fields agree: a valid result has no problem and no position.
     *
     * @param valid whether the log verified
     * @param firstBrokenSequence the lowest position at which the log is broken; empty when valid,
     *     or when the problem has no position in the log (a checkpoint that cannot be read)
     * @param problem what is broken, {@link Problem#NONE} when valid
     * @param message the problem in words, or a summary of what was verified
     */
    public AuditVerification {
        Objects.requireNonNull(firstBrokenSequence, "firstBrokenSequence");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(message, "message");
        if (valid != (problem == Problem.NONE)) {
            throw new ValidationException("valid", "must be true exactly when the problem is NONE");
        }
        if (valid && firstBrokenSequence.isPresent()) {
            throw new ValidationException("firstBrokenSequence", "must be empty when valid");
        }
    }

    /**
     * @param eventCount how many events verified
     * @return a valid result
     */
    public static AuditVerification ok(long eventCount) {
        return new AuditVerification(true, OptionalLong.empty(), Problem.NONE,
                eventCount + (eventCount == 1 ? " event" : " events") + " verified");
    }

    /**
     * @param problem what is broken, not {@link Problem#NONE}
     * @param sequence the position where the log is first broken
     * @param message the problem in words
     * @return an invalid result
     */
    public static AuditVerification broken(Problem problem, long sequence, String message) {
        return new AuditVerification(false, OptionalLong.of(sequence), problem, message);
    }

    /**
     * @param problem what is broken, not {@link Problem#NONE}
     * @param message the problem in words
     * @return an invalid result without a position in the log
     */
    public static AuditVerification broken(Problem problem, String message) {
        return new AuditVerification(false, OptionalLong.empty(), problem, message);
    }
}
