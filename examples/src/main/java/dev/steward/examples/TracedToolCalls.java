package dev.steward.examples;

import dev.steward.Steward;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.ToolCallGuard;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Story 2. An operations agent opens tickets, queries systems and updates records. Each tool call
 * is authorized on its own and traced to the identity that made it, the grant that allowed it,
 * and the audit event that records it; the tool-call id ties the decision and the tool's outcome
 * together in the audit log.
 */
public final class TracedToolCalls {
    /** The agent's name. */
    public static final String AGENT = "ops-agent";
    /** The story's name of the tool call whose audit trail it shows; {@link World#callId} gives its id. */
    public static final String TRACED_CALL = "tc-203";

    /**
     * What the story showed.
     *
     * @param ticketGrant the grant to open tickets
     * @param queryGrant the grant to query the CRM database
     * @param updateGrant the grant to update account records
     * @param calls the tool calls, in order: open a ticket, query, update, delete
     * @param trail every audit event of {@link #TRACED_CALL}, in chain order
     */
    public record Result(GrantId ticketGrant, GrantId queryGrant, GrantId updateGrant, List<ToolCallOutcome> calls,
            List<AuditEvent> trail) {
    }

    private final World world;

    /** @param world the shared setting */
    public TracedToolCalls(World world) {
        this.world = world;
    }

    /**
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        Steward steward = world.steward();
        Narrator n = new Narrator(out, world.clock());
        n.heading(2, "An operations agent's tool calls, each traced to identity, grant and audit event");

        Identity ivan = world.person("ivan@acme.example");
        Identity judy = world.person("judy@acme.example");
        Identity bot = steward.identities().register(IdentitySpec.agent(AGENT).owner(ivan.id())
                .expiresIn(Duration.ofDays(30)).purpose("triage customer escalations"), ivan.asActor());
        steward.identities().approve(bot.id(), judy.asActor(), "OPS-7");
        n.check(true, "ivan registers " + AGENT + "; judy approves it under OPS-7");

        GrantId ticket = grant(bot, judy, ivan, "tickets:create", "jira:OPS/**");
        GrantId query = grant(bot, judy, ivan, "db:query", "postgres:crm/**");
        GrantId update = grant(bot, judy, ivan, "records:update", "crm:accounts/*");
        n.check(true, "judy approves three grants for 8 hours: tickets:create, db:query, records:update");

        ToolCallGuard guard = steward.guard(bot.id());
        List<ToolCallOutcome> calls = List.of(
                world.call(guard, "tickets:create", "jira:OPS/escalations", "tc-201", () -> "opened OPS-1287"),
                world.call(guard, "db:query", "postgres:crm/customers", "tc-202", () -> "1 row: ACME-0042"),
                world.call(guard, "records:update", "crm:accounts/ACME-0042", TRACED_CALL,
                        () -> "status set to escalated"),
                world.call(guard, "records:delete", "crm:accounts/ACME-0042", "tc-204", () -> "deleted"));
        for (ToolCallOutcome call : calls) {
            n.call(AGENT, call);
            n.detail("tool call " + call.toolCallId() + " · grant " + (call.grants().isEmpty() ? "none"
                    : call.grants().get(0)) + " · audit event " + call.auditEventId());
            call.output().ifPresent(o -> n.detail("result: " + o));
        }

        String traced = world.callId(TRACED_CALL);
        List<AuditEvent> trail = world.trail(traced);
        n.step("the audit log, asked for tool call " + traced + ":");
        for (AuditEvent e : trail) {
            n.detail("#" + e.sequence() + " " + e.action() + " " + e.outcome() + " by " + world.nameOf(e.actor())
                    + " on " + e.targetId() + " · " + e.reason()
                    + (e.details().get("grants") == null ? "" : " · grant " + e.details().get("grants")));
        }
        return new Result(ticket, query, update, calls, trail);
    }

    private GrantId grant(Identity grantee, Identity approver, Identity requester, String action, String pattern) {
        GrantId id = world.steward().grants().request(GrantSpec.to(grantee.id()).allow(action).on(pattern)
                .validFor(Duration.ofHours(8)).justification("OPS-7: triage escalations"), requester.asActor()).id();
        return world.steward().grants().approve(id, approver.asActor(), "OPS-7").id();
    }
}
