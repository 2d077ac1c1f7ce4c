package dev.steward.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Eight short stories of Steward at work, told on one shared {@link World}: run them with
 * {@code mvn -B -q -DskipTests -Prun-examples verify} from the repository root.
 *
 * <ol>
 *   <li>{@link ScopedCodingAssistant}: an agent with scoped, time-bound access;</li>
 *   <li>{@link TracedToolCalls}: every tool call traced to identity, grant and audit event;</li>
 *   <li>{@link DelegatedDownstreamAgent}: acting on behalf of a human, and delegating further;</li>
 *   <li>{@link OwnerLeaves}: an orphaned agent cut off after its grace period;</li>
 *   <li>{@link TamperEvidentAudit}: the audit chain verifies and an edit is caught;</li>
 *   <li>{@link LeakedKey}: a leaked key is caught, revoked and rotated, and a stored secret checked out;</li>
 *   <li>{@link AccessReviewCampaign}: an access review with evidence, decisions and a report file;</li>
 *   <li>{@link McpTicketDesk}: an agent calls an MCP server's tools on behalf of its owner.</li>
 * </ol>
 */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * What the eight stories showed, in order.
     *
     * @param story1 the scoped, time-bound coding assistant
     * @param story2 the traced tool calls
     * @param story3 the delegation to a downstream agent
     * @param story4 the orphaned agent
     * @param story5 the tamper-evident audit log
     * @param story6 the leaked key and the stored secret
     * @param story7 the access-review campaign
     * @param story8 the MCP ticket desk
     */
    public record Outcomes(ScopedCodingAssistant.Result story1, TracedToolCalls.Result story2,
            DelegatedDownstreamAgent.Result story3, OwnerLeaves.Result story4, TamperEvidentAudit.Result story5,
            LeakedKey.Result story6, AccessReviewCampaign.Result story7, McpTicketDesk.Result story8) {
    }

    /**
     * Tells the eight stories on standard output, in UTF-8.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (World world = World.configured()) {
            runAll(out, world);
        }
        out.flush();
    }

    /**
     * Tells the eight stories, in order, on a {@link World}, after saying what its store already held.
     *
     * @param out where they are told
     * @param world the world, new; the stories run on it, the caller closes it
     * @return what they showed
     */
    public static Outcomes runAll(PrintStream out, World world) {
        out.println("Steward: eight short stories of identity governance for AI agents");
        World.Earlier earlier = world.earlier();
        out.println("Store: " + earlier.store() + (earlier.auditEvents() == 0 ? ", new"
                : ", holding " + earlier.identities() + " identities and " + earlier.auditEvents()
                        + " audit events from earlier runs; the log " + (earlier.auditVerified()
                                ? "verifies" : "DOES NOT VERIFY")));
        ScopedCodingAssistant.Result story1 = new ScopedCodingAssistant(world).run(out);
        TracedToolCalls.Result story2 = new TracedToolCalls(world).run(out);
        DelegatedDownstreamAgent.Result story3 = new DelegatedDownstreamAgent(world).run(out);
        OwnerLeaves.Result story4 = new OwnerLeaves(world).run(out);
        TamperEvidentAudit.Result story5 = new TamperEvidentAudit(world, story1.write().toolCallId()).run(out);
        LeakedKey.Result story6 = new LeakedKey(world).run(out);
        AccessReviewCampaign.Result story7 = new AccessReviewCampaign(world).run(out);
        McpTicketDesk.Result story8 = new McpTicketDesk(world).run(out);
        out.println();
        return new Outcomes(story1, story2, story3, story4, story5, story6, story7, story8);
    }
}
