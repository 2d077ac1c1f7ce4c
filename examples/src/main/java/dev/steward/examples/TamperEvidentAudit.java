package dev.steward.examples;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditExport;
import dev.steward.audit.AuditLog;
import dev.steward.audit.AuditOutcome;
import dev.steward.audit.AuditVerification;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Story 5. The audit log is a hash chain with signed checkpoints. It verifies; it is exported as
 * JSON Lines for an auditor; someone edits one line of the export to turn a denied call into an
 * allowed one; and the auditor, holding only the export, the checkpoints and the public key,
 * finds the exact position of the edit.
 */
public final class TamperEvidentAudit {
    private static final String DENIED = "\"outcome\":\"" + AuditOutcome.DENIED + "\"";
    private static final String ALLOWED = "\"outcome\":\"" + AuditOutcome.ALLOWED + "\"";

    /**
     * What the story showed.
     *
     * @param live the verification of the live log
     * @param export the verification of the untouched export
     * @param edited the event whose line was edited; its sequence is its position (line number minus one)
     * @param tampered the verification of the edited export
     */
    public record Result(AuditVerification live, AuditVerification export, AuditEvent edited,
            AuditVerification tampered) {
    }

    private final World world;
    private final String hiddenToolCall;

    /**
     * @param world the shared setting
     * @param hiddenToolCall the id of a denied tool call whose denial the story tries to hide
     */
    public TamperEvidentAudit(World world, String hiddenToolCall) {
        this.world = world;
        this.hiddenToolCall = hiddenToolCall;
    }

    /**
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        AuditLog audit = world.steward().audit();
        Narrator n = new Narrator(out, world.clock());
        n.heading(5, "The audit chain verifies, and one edited line is caught at its exact position");

        AuditVerification live = audit.verify();
        n.check(live.valid(), "the live audit log verifies: " + live.message() + ", "
                + audit.checkpoints().size() + " signed checkpoints");

        StringWriter events = new StringWriter();
        audit.exportJsonLines(events);
        StringWriter checkpoints = new StringWriter();
        AuditExport.writeCheckpoints(audit.checkpoints(), checkpoints);
        byte[] publicKey = audit.publicKey();
        AuditVerification export = AuditExport.verifyJsonLines(new StringReader(events.toString()),
                new StringReader(checkpoints.toString()), publicKey);
        n.check(export.valid(), "exported as JSON Lines, it verifies offline with the public key alone: "
                + export.message());

        AuditEvent denial = world.trail(hiddenToolCall).stream()
                .filter(e -> e.action() == AuditAction.ACCESS_DECIDED && e.outcome() == AuditOutcome.DENIED)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no denied decision for " + hiddenToolCall));
        int position = Math.toIntExact(denial.sequence());
        List<String> lines = new ArrayList<>(events.toString().lines().toList());
        String line = lines.get(position);
        if (!line.contains(DENIED)) {
            throw new IllegalStateException("line " + (position + 1) + " does not record a denial: " + line);
        }
        lines.set(position, line.replace(DENIED, ALLOWED));
        String tamperedExport = String.join("\n", lines) + "\n";
        n.step("someone edits line " + (position + 1) + " of the export, the denied " + denial.details().get("action")
                + " of tool call " + hiddenToolCall + ": DENIED becomes ALLOWED");

        AuditVerification tampered = AuditExport.verifyJsonLines(new StringReader(tamperedExport),
                new StringReader(checkpoints.toString()), publicKey);
        n.check(tampered.valid(), tampered.valid() ? "the edited export still verifies"
                : "the edited export fails verification: " + tampered.problem() + " at position "
                        + tampered.firstBrokenSequence().orElseThrow() + ", tampering detected");
        n.detail(tampered.message());
        return new Result(live, export, denial, tampered);
    }
}
