package dev.steward.internal.audit;

import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditExport;
import dev.steward.audit.AuditKeys;
import dev.steward.audit.AuditLog;
import dev.steward.audit.AuditVerification;
import dev.steward.audit.AuditVerifier;
import dev.steward.internal.Kernel;
import dev.steward.internal.Redaction;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

    @Override
    public AuditVerification verify() {
        flush();
        return AuditVerifier.verify(all(), checkpoints(), AuditKeys.of(kernel.settings().signer()));
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
        flush();
        AuditExport.writeJsonLines(all(), out);
    }

    @Override
    public void exportCheckpoints(Writer out) {
        flush();
        AuditExport.writeCheckpoints(checkpoints(), out);
    }

    @Override
    public byte[] publicKey() {
        return kernel.settings().signer().publicKey();
    }

    private List<AuditEvent> all() {
        List<AuditEvent> events = new ArrayList<>();
        while (true) {
            List<AuditEvent> page = read(events.size(), PAGE);
            events.addAll(page);
            if (page.size() < PAGE) {
                return events;
            }
        }
    }
}
