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
     * Verifies the whole chain, every checkpoint against this instance's signing key, and the log
     * against the end of the chain the store's head records (its count and last hash, which the
     * store keeps apart from the events): events deleted from the end are
     * {@link AuditVerification.Problem#TRUNCATED} even after the newest checkpoint, and an end
     * rewritten without its head is {@link AuditVerification.Problem#HEAD_MISMATCH}. Events and
     * checkpoints appended while it runs are never mistaken for damage.
     *
     * @return OK, or the first broken position and what is wrong there
     * @throws dev.steward.BackendUnavailableException if the store cannot be read
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
     * interval. {@link dev.steward.Steward#close()} and the exports do this too. It signs the end
     * the store's head records (position and hash), not a re-read row: after rows were deleted
     * from the end, the checkpoint still states the length they made up.
     *
     * @throws dev.steward.AuditFailureException if the checkpoint cannot be signed or stored
     */
    void checkpoint();

    /**
     * @param correlationId a caller's correlation id, e.g. a tool-call id; one that holds an
     *     issued key is recorded, and matched, with the key replaced by its fingerprint
     * @return every event carrying it, in chain order: the decision and the outcome of a tool call
     */
    List<AuditEvent> trail(String correlationId);

    /**
     * Signs a checkpoint over the end of the chain (as {@link #checkpoint()}), then writes every
     * event up to that end as one JSON object per line, in chain order (see {@link AuditExport}).
     * The export thus always ends at a signed checkpoint: with the checkpoints exported afterwards,
     * a cut anywhere in it is {@link AuditVerification.Problem#TRUNCATED}. On a log other units
     * append to meanwhile, use {@link #export(Writer, Writer)}, which writes a matching pair.
     *
     * @param out where to write; not closed
     * @throws dev.steward.AuditFailureException if the checkpoint cannot be signed or stored
     */
    void exportJsonLines(Writer out);

    /**
     * Signs a checkpoint over the end of the chain (as {@link #checkpoint()}), then writes every
     * checkpoint as one JSON object per line (see {@link AuditExport}), for an auditor who verifies
     * an export with {@link AuditExport#verifyJsonLines}. On a log other units append to between
     * this call and {@link #exportJsonLines}, the two files end at different points and verify as
     * cut short; {@link #export(Writer, Writer)} does not have that race.
     *
     * @param out where to write; not closed
     * @throws dev.steward.AuditFailureException if the checkpoint cannot be signed or stored
     */
    void exportCheckpoints(Writer out);

    /**
     * Signs a checkpoint over the end of the chain (as {@link #checkpoint()}), then writes the
     * events up to that end and the checkpoints over them, as {@link #exportJsonLines} and
     * {@link #exportCheckpoints} do: a matching pair even while other units append, whose events
     * end exactly at its last checkpoint.
     *
     * @param events where the events go; not closed
     * @param checkpoints where the checkpoints go; not closed
     * @throws dev.steward.AuditFailureException if the checkpoint cannot be signed or stored
     */
    void export(Writer events, Writer checkpoints);

    /** @return the public key that verifies this instance's checkpoints, in its raw encoding */
    byte[] publicKey();
}
