package dev.steward.jdbc;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditExport;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

/**
 * The {@code doc} column of the audit tables: events and checkpoints in the audit export's JSON,
 * which the audit verifier already reads. Entities' documents are core's ({@code EntityType.codec()}).
 */
final class Documents {
    private Documents() {
    }

    /** One export writer for a whole batch: its JSON Lines, one document per event. */
    static List<String> events(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        StringWriter out = new StringWriter(events.size() * 512);
        AuditExport.writeJsonLines(events, out);
        List<String> docs = List.of(out.toString().split("\n"));
        if (docs.size() != events.size()) {
            throw new IllegalStateException("the audit export wrote " + docs.size() + " lines for " + events.size()
                    + " events");
        }
        return docs;
    }

    static AuditEvent event(String doc) {
        return AuditExport.readJsonLines(new StringReader(doc)).get(0);
    }

    static String checkpoint(AuditCheckpoint checkpoint) {
        StringWriter out = new StringWriter();
        AuditExport.writeCheckpoints(List.of(checkpoint), out);
        return out.toString();
    }

    static AuditCheckpoint checkpoint(String doc) {
        return AuditExport.readCheckpoints(new StringReader(doc)).get(0);
    }
}
