package dev.steward.jdbc;

import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditExport;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;

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
        return single(doc, "event", AuditExport::readJsonLines);
    }

    static String checkpoint(AuditCheckpoint checkpoint) {
        StringWriter out = new StringWriter();
        AuditExport.writeCheckpoints(List.of(checkpoint), out);
        return out.toString();
    }

    static AuditCheckpoint checkpoint(String doc) {
        return single(doc, "checkpoint", AuditExport::readCheckpoints);
    }

    /**
     * A stored audit row changed behind the store's back (emptied, split into lines, or not in
     * exported form) is a damaged store, not bad input from the caller: it is reported as such.
     */
    private static <T> T single(String doc, String what, Function<StringReader, List<T>> read) {
        List<T> records;
        try {
            records = read.apply(new StringReader(doc == null ? "" : doc));
        } catch (ValidationException e) {
            throw new IllegalStateException("a stored audit " + what + " is not in exported form: " + e.getMessage(), e);
        }
        if (records.size() != 1) {
            throw new IllegalStateException("a stored audit " + what + " row holds " + records.size()
                    + " records, not one");
        }
        return records.get(0);
    }
}
