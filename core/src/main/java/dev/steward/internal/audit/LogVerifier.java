package dev.steward.internal.audit;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditKeys;
import dev.steward.audit.AuditVerification;
import dev.steward.audit.AuditVerification.Problem;
import dev.steward.spi.AuditHead;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The verification walk behind {@code AuditVerifier} and {@code AuditExport}. Each check yields
 * the problem at the lowest position it finds; {@link #earlier} combines them. Bad log data yields
 * a result, never an exception.
 */
public final class LogVerifier {
    private LogVerifier() {
    }

    /**
     * @param events the log in order; a null element counts as malformed
     * @return the walk over the events, stopped at the first break in the chain
     */
    public static Walk walk(List<AuditEvent> events) {
        Walk walk = new Walk();
        for (AuditEvent e : events) {
            if (!walk.next(e)) {
                break;
            }
        }
        return walk;
    }

    /**
     * @param walk the chain's walk; checkpoint problems must come before its problem to count
     * @param hashAt the hash of the event at a position below {@code walk.count()}, or null
     * @param checkpoints the signed checkpoints, in any order; a null element counts as malformed
     * @param keys the trusted keys; each checkpoint must be signed with the one under its key id
     * @return the problem at the lowest position, the chain's on a tie, or a valid result
     */
    public static AuditVerification withCheckpoints(Walk walk, LongFunction<String> hashAt,
            List<AuditCheckpoint> checkpoints, AuditKeys keys) {
        Map<String, Ed25519PublicKeyParameters> parsed = new HashMap<>();
        for (String id : keys.keyIds()) {
            parsed.put(id, Ed25519AuditSigner.publicKey(keys.publicKey(id).orElseThrow()));
        }
        AuditVerification first = walk.result();
        for (AuditCheckpoint c : checkpoints) {
            // A checkpoint reports at its sequence or, if the log ends before it, where the log
            // ends; skip those that cannot come first, as signature checks dominate the cost.
            if (c != null && c.sequence() >= 0 && Math.min(c.sequence(), walk.count()) >= position(first)) {
                continue;
            }
            first = earlier(first, check(c, walk.count(), hashAt, parsed));
        }
        return first;
    }

    /**
     * Compares the log with the end of the chain the store's head records, read before the events:
     * the log must reach the head (else {@link Problem#TRUNCATED} where it ends) and hold there the
     * hash the head records (else {@link Problem#HEAD_MISMATCH} at the head's last position).
     * Events after the head were appended after it was read and are not a problem.
     *
     * @param walk the chain's walk
     * @param hashAt the hash of the event at a position below {@code walk.count()}
     * @param head the store's head, read before the events were
     * @return the problem, or a valid result
     */
    public static AuditVerification withHead(Walk walk, LongFunction<String> hashAt, AuditHead head) {
        long recorded = head.nextSequence();
        if (walk.count() < recorded) {
            return AuditVerification.broken(Problem.TRUNCATED, walk.count(), "the store's head records "
                    + recorded + " events but the log ends after " + walk.count() + ": it was cut short");
        }
        String hash = recorded == 0 ? AuditHead.GENESIS_HASH : hashAt.apply(recorded - 1);
        if (!head.lastHash().equals(hash)) {
            long at = Math.max(0, recorded - 1);
            return AuditVerification.broken(Problem.HEAD_MISMATCH, at, "event " + at
                    + " does not have the hash the store's head records: the log or its head was rewritten");
        }
        return AuditVerification.ok(walk.count());
    }

    /**
     * {@return the result that is broken at the lower position; a broken result without a position
     * comes after any with one, and {@code a} wins ties}
     *
     * @param a one verification result
     * @param b another
     */
    public static AuditVerification earlier(AuditVerification a, AuditVerification b) {
        if (b.valid()) {
            return a;
        }
        if (a.valid()) {
            return b;
        }
        return position(b) < position(a) ? b : a;
    }

    private static long position(AuditVerification result) {
        return result.valid() ? Long.MAX_VALUE : result.firstBrokenSequence().orElse(Long.MAX_VALUE);
    }

    private static AuditVerification check(AuditCheckpoint c, long eventCount, LongFunction<String> hashAt,
            Map<String, Ed25519PublicKeyParameters> keys) {
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
        Optional<String> signature = Checkpoints.signatureProblem(c, keys);
        if (signature.isPresent()) {
            return AuditVerification.broken(Problem.CHECKPOINT_SIGNATURE_INVALID, at,
                    "checkpoint at " + at + ": " + signature.get());
        }
        if (at >= eventCount) {
            return AuditVerification.broken(Problem.TRUNCATED, eventCount, "the log ends after " + eventCount
                    + " events but a signed checkpoint covers sequence " + at + ": it was cut short");
        }
        if (!c.hash().equals(hashAt.apply(at))) {
            return AuditVerification.broken(Problem.CHECKPOINT_MISMATCH, at, "event " + at
                    + " does not have the hash its signed checkpoint records: the log was rewritten");
        }
        return AuditVerification.ok(eventCount);
    }

    /**
     * Checks the chain one event at a time, so that an export is verified as it streams and
     * reading stops at the first break. Not thread-safe.
     */
    public static final class Walk {
        private String expectedPrevious = AuditHead.GENESIS_HASH;
        private long count;
        private AuditVerification problem;

        /**
         * @param e the event at position {@link #count()}, or null
         * @return whether the chain is still intact, so the walk goes on
         */
        public boolean next(AuditEvent e) {
            if (problem == null) {
                problem = check(e, count, expectedPrevious);
            }
            if (problem != null) {
                return false;
            }
            expectedPrevious = e.hash();
            count++;
            return true;
        }

        /**
         * Ends the walk at the current position because the record there cannot be read.
         *
         * @param why what is wrong with the record
         */
        public void unreadable(String why) {
            if (problem == null) {
                problem = AuditVerification.broken(Problem.MALFORMED, count, why);
            }
        }

        /** @return how many events verified before the walk stopped */
        public long count() {
            return count;
        }

        /** @return the first problem, or a valid result over {@link #count()} events */
        public AuditVerification result() {
            return problem != null ? problem : AuditVerification.ok(count);
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
    }
}
