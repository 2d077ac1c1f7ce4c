package dev.steward.internal.audit;

import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditExport;
import dev.steward.audit.AuditKeys;
import dev.steward.audit.AuditLog;
import dev.steward.audit.AuditVerification;
import dev.steward.internal.Kernel;
import dev.steward.spi.AuditHead;
import dev.steward.spi.StoreTransaction;
import dev.steward.internal.Redaction;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/** The audit log as read back from the store. */
public final class DefaultAuditLog implements AuditLog {
    private static final int PAGE = 10_000;

    private final Kernel kernel;

    /** @param kernel the shared state */
    public DefaultAuditLog(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void flush() {
        kernel.audit().flush();
    }

    /**
     * Reads the checkpoints, then the store's head, then the events, so that events and checkpoints
     * appended meanwhile never look like a cut: every checkpoint read covers a position below the
     * head read after it, and the events read last reach at least that head.
     */
    @Override
    public AuditVerification verify() {
        flush();
        List<AuditCheckpoint> checkpoints = kernel.read(tx -> tx.checkpoints());
        AuditHead head = kernel.read(StoreTransaction::lockAuditHead);
        List<AuditEvent> events = events(Long.MAX_VALUE);
        LogVerifier.Walk walk = LogVerifier.walk(events);
        // Only positions the walk verified are asked for, so they exist and are not null.
        LongFunction<String> hashAt = at -> events.get((int) at).hash();
        AuditVerification signed = LogVerifier.withCheckpoints(walk, hashAt, checkpoints,
                AuditKeys.of(kernel.settings().signer()));
        return LogVerifier.earlier(signed, LogVerifier.withHead(walk, hashAt, head));
    }

    @Override
    public List<AuditEvent> read(long fromSequence, int limit) {
        if (fromSequence < 0) {
            throw new ValidationException("fromSequence", "must not be negative");
        }
        if (limit < 1 || limit > PAGE) {
            throw new ValidationException("limit", "must be between 1 and " + PAGE);
        }
        flush();
        return kernel.read(tx -> tx.readAudit(fromSequence, limit));
    }

    @Override
    public List<AuditCheckpoint> checkpoints() {
        flush();
        return kernel.read(tx -> tx.checkpoints());
    }

    @Override
    public void checkpoint() {
        kernel.audit().checkpointHead();
    }

    @Override
    public List<AuditEvent> trail(String correlationId) {
        String recorded = Redaction.text(Objects.requireNonNull(correlationId, "correlationId"));
        List<AuditEvent> trail = new ArrayList<>();
        for (AuditEvent e : all()) {
            if (e.correlationId().filter(recorded::equals).isPresent()) {
                trail.add(e);
            }
        }
        return trail;
    }

    @Override
    public void exportJsonLines(Writer out) {
        Objects.requireNonNull(out, "out");
        AuditHead head = kernel.audit().checkpointHead();
        AuditExport.writeJsonLines(events(head.nextSequence()), out);
    }

    @Override
    public void exportCheckpoints(Writer out) {
        Objects.requireNonNull(out, "out");
        kernel.audit().checkpointHead();
        AuditExport.writeCheckpoints(kernel.read(tx -> tx.checkpoints()), out);
    }

    @Override
    public void export(Writer events, Writer checkpoints) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(checkpoints, "checkpoints");
        AuditHead head = kernel.audit().checkpointHead();
        List<AuditCheckpoint> covered = new ArrayList<>();
        for (AuditCheckpoint c : kernel.read(tx -> tx.checkpoints())) {
            if (c.sequence() < head.nextSequence()) {
                covered.add(c);
            }
        }
        AuditExport.writeJsonLines(events(head.nextSequence()), events);
        AuditExport.writeCheckpoints(covered, checkpoints);
    }

    @Override
    public byte[] publicKey() {
        return kernel.settings().signer().publicKey();
    }

    private List<AuditEvent> all() {
        flush();
        return events(Long.MAX_VALUE);
    }

    /**
     * @param end the sequence to stop before
     * @return the stored events below it, in the order the store returns them; paged by the
     *     sequence after the last one read, so that a gap in the log neither repeats nor hides events
     */
    private List<AuditEvent> events(long end) {
        List<AuditEvent> events = new ArrayList<>();
        long from = 0;
        while (from < end) {
            long start = from;
            List<AuditEvent> page = kernel.read(tx -> tx.readAudit(start, PAGE));
            for (AuditEvent e : page) {
                if (e.sequence() >= end) {
                    return events;
                }
                events.add(e);
            }
            if (page.size() < PAGE) {
                return events;
            }
            from = page.get(page.size() - 1).sequence() + 1;
            if (from <= start) {
                // The store returned sequences out of order; the walk reports where.
                return events;
            }
        }
        return events;
    }
}
