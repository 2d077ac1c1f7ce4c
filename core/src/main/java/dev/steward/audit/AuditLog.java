package dev.steward.audit;

import java.io.Writer;
import java.util.List;

/**
 * The audit log of one store, as seen through a {@link dev.steward.Steward}. Obtained from
 * {@link dev.steward.Steward#audit()}; thread-safe.
 *
 * <pre>{@code
 * AuditVerification v = steward.audit().verify();
 * if (!v.valid()) alert("audit log broken at " + v.firstBrokenSequence());
 * }</pre>
 */
public interface AuditLog {
    /**
     * Stores every buffered decision event (see {@link DecisionAuditMode#BUFFERED}).
     *
     * @throws dev.steward.AuditFailureException if they could not be stored; they stay buffered
     */
    void flush();

    /**
     * Verifies the whole chain and every checkpoint against this instance's signing key.
     *
     * @return OK, or the first broken position and what is wrong there
     */
    AuditVerification verify();

    /**
     * Reads stored events, after storing buffered ones.
     *
     * @param fromSequence the first position to read
     * @param limit the most events to return, 1 to 10,000
     * @return events in chain order
     */
    List<AuditEvent> read(long fromSequence, int limit);

    /** @return every signed checkpoint, in chain order, after storing buffered events */
    List<AuditCheckpoint> checkpoints();

    /**
     * Signs a checkpoint over the newest event now, unless one already covers it, so that
     * truncating or rewriting the log's end becomes detectable without waiting for the next
     * interval. {@link dev.steward.Steward#close()} does this too.
     */
    void checkpoint();

    /**
     * @param correlationId a caller's correlation id, e.g. a tool-call id; one that holds an
     *     issued key is recorded, and matched, with the key replaced by its fingerprint
     * @return every event carrying it, in chain order: the decision and the outcome of a tool call
     */
    List<AuditEvent> trail(String correlationId);

    /**
     * Writes every event as one JSON object per line, in chain order (see {@link AuditExport}).
     *
     * @param out where to write; not closed
     */
    void exportJsonLines(Writer out);

    /**
     * Writes every checkpoint as one JSON object per line (see {@link AuditExport}), for an
     * auditor who verifies an export with {@link AuditExport#verifyJsonLines}.
     *
     * @param out where to write; not closed
     */
    void exportCheckpoints(Writer out);

    /** @return the public key that verifies this instance's checkpoints, in its raw encoding */
    byte[] publicKey();
}
