package dev.steward.examples;

import dev.steward.Steward;
import dev.steward.audit.AuditEvent;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.mcp.McpCaller;
import dev.steward.mcp.StewardMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Story 8. A service desk serves its tickets to agents over the Model Context Protocol: a real MCP
 * server (the MCP Java SDK's, in an embedded Tomcat on 127.0.0.1) with three tools, read a ticket,
 * comment on it and close it, each guarded by Steward ({@code steward-mcp}). An agent connects to
 * it as itself, on behalf of the human who owns it, with a real MCP client; the "model" behind the
 * agent is scripted, so the story decides which tools it calls. {@code tools/list} shows the agent
 * only what it may call; a call it may not make comes back to the model as an error result with
 * Steward's refusal; the owner revokes a grant and the agent's next call is denied; and the audit
 * trail of one tool call shows its decision and its outcome.
 *
 * <p>The server's authentication is a stand-in ({@link TicketDesk}): a filter that trusts a table
 * of bearer tokens this story set up. Verifying real tokens is a later step of a real host; what
 * Steward needs from it is the verified caller on the request.
 */
public final class McpTicketDesk {
    /** The agent's name. */
    public static final String AGENT = "ticket-agent";
    private static final String PROJECT = "ops";
    private static final int TICKET = 7;

    /**
     * One tool call of the scripted model: what the MCP client got back, and what Steward recorded.
     *
     * @param tool the tool called
     * @param decision the call's decision as the audit log records it, with the tool's output if it ran
     * @param isError whether the result was an error result
     * @param text the result's text, what the model reads
     */
    public record ToolUse(String tool, ToolCallOutcome decision, boolean isError, String text) {
    }

    /**
     * What the story showed.
     *
     * @param owners the owner's own grant: read, comment and close the project's tickets
     * @param reads the agent's read grant, delegated by the owner
     * @param comments the agent's comment grant, delegated by the owner, revoked in the story
     * @param listedBefore the tools {@code tools/list} showed the agent when it connected
     * @param read the agent's read of the ticket
     * @param comment its comment
     * @param close its attempt to close the ticket
     * @param commentAfterRevoke its comment after the owner revoked the comment grant
     * @param listedAfter the tools {@code tools/list} showed it after the revocation
     * @param runs how often each tool's body ran, by tool
     * @param trail every audit event of the read's correlation id, in chain order
     */
    public record Result(Grant owners, Grant reads, Grant comments, List<String> listedBefore, ToolUse read,
            ToolUse comment, ToolUse close, ToolUse commentAfterRevoke, List<String> listedAfter,
            Map<String, Integer> runs, List<AuditEvent> trail) {
    }

    private final World world;

    /** @param world the shared setting */
    public McpTicketDesk(World world) {
        this.world = world;
    }

    /**
     * Starts the ticket desk's MCP server, tells the story, and stops the server again (also when
     * the story fails).
     *
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        Steward steward = world.steward();
        Narrator n = new Narrator(out, world.clock());
        n.heading(8, "An MCP ticket desk: an agent calls a server's tools as itself, on behalf of its owner");

        Identity dana = world.person("dana@acme.example");
        Identity trent = world.person("trent@acme.example");
        Grant owners = grant(GrantSpec.to(dana.id()).allow("ticket:read", "ticket:comment", "ticket:close")
                .on("tickets:ops/*").justification("service desk lead"), Actor.system("access-portal"), trent);
        n.step("dana, who leads the service desk, holds ticket:read, ticket:comment and ticket:close on "
                + "tickets:ops/* (approved by trent)");
        Identity agent = steward.identities().register(IdentitySpec.agent(AGENT).owner(dana.id())
                .expiresIn(Duration.ofDays(30)).purpose("triage the ops queue for dana"), dana.asActor());
        steward.identities().approve(agent.id(), trent.asActor(), "SEC-88");
        n.check(true, "dana registers " + AGENT + "; trent approves it under SEC-88");
        Grant reads = delegated(agent, dana, "ticket:read");
        Grant comments = delegated(agent, dana, "ticket:comment");
        n.check(true, "dana delegates ticket:read and ticket:comment on tickets:ops/* to " + AGENT
                + " for 8 hours; closing tickets stays with her");

        String token = "tok-" + UUID.randomUUID();
        Result result;
        try (TicketDesk desk = new TicketDesk(steward, Map.of(token, McpCaller.of(agent.id(), dana.id())));
                McpSyncClient mcp = connect(desk.endpoint(), token)) {
            n.step("the ticket desk's MCP server runs at " + desk.endpoint() + ", each tool guarded by Steward:");
            for (String tool : TicketDesk.TOOLS) {
                TicketDesk.POLICY.mapping(tool).ifPresent(m -> n.detail(m.tool() + " → " + m.action() + " on "
                        + m.resourceTemplate()));
            }
            n.detail("its authentication is a stand-in: a filter that trusts a token table this story set up "
                    + "(one token → " + AGENT + " on behalf of dana); verifying real tokens is a later step");

            List<String> before = names(mcp.listTools().tools());
            n.check(!before.contains("close_ticket"), AGENT + " connects with its token; tools/list shows "
                    + String.join(", ", before));
            n.detail("close_ticket is not listed: no grant delegated by dana covers ticket:close");

            ToolUse read = call(n, mcp, "read_ticket", Map.of());
            ToolUse comment = call(n, mcp, "comment_ticket",
                    Map.of("text", "Restarted the VPN gateway; watching it for an hour."));
            n.step("the model calls close_ticket by name, though it was not listed:");
            ToolUse close = call(n, mcp, "close_ticket", Map.of());
            n.detail("close_ticket did not run: ticket ops/7 is " + desk.ticket(PROJECT, TICKET).state());

            steward.grants().revoke(comments.id(), dana.asActor(), "customer updates go through the account team");
            n.step("dana revokes " + AGENT + "'s ticket:comment grant " + comments.id()
                    + ": customer updates go through the account team");
            ToolUse again = call(n, mcp, "comment_ticket", Map.of("text", "Still stable after an hour."));
            List<String> after = names(mcp.listTools().tools());
            n.check(after.equals(List.of("read_ticket")), "tools/list now shows " + String.join(", ", after));

            Map<String, Integer> runs = new LinkedHashMap<>();
            TicketDesk.TOOLS.forEach(tool -> runs.put(tool, desk.runs(tool)));
            n.detail("tool bodies run: " + runs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + "; ticket ops/7 is " + desk.ticket(PROJECT, TICKET).state());

            String traced = read.decision().toolCallId();
            List<AuditEvent> trail = steward.audit().trail(traced);
            n.step("the audit trail of the read_ticket call " + traced + ":");
            for (AuditEvent e : trail) {
                n.detail("#" + e.sequence() + " " + e.action() + " " + e.outcome() + " by " + world.nameOf(e.actor())
                        + " for " + e.onBehalfOf().stream().map(world::nameOf).collect(Collectors.joining(", "))
                        + " on " + e.targetId() + " · tool " + e.details().get("tool") + " · "
                        + e.details().get("action") + (e.details().containsKey("grants")
                                ? " · grants " + e.details().get("grants") : " · " + e.reason()));
            }
            result = new Result(owners, reads, comments, before, read, comment, close, again, after,
                    Map.copyOf(runs), trail);
        }
        n.step("the agent's MCP session is closed and the ticket desk's server stopped");
        return result;
    }

    /**
     * The agent's side: a real MCP client over streamable HTTP that sends its bearer token.
     *
     * @param endpoint the MCP endpoint's URL
     * @param token the bearer token
     * @return the client, initialized
     */
    static McpSyncClient connect(String endpoint, String token) {
        URI uri = URI.create(endpoint);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(uri.getScheme() + "://" + uri.getAuthority()).endpoint(uri.getPath())
                .addHttpRequestCustomizer((request, method, target, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        try {
            client.initialize();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * One tool call the scripted model asks for, on ticket ops/7: the agent sends it, the story
     * prints how Steward decided it and what the model reads back.
     */
    private ToolUse call(Narrator n, McpSyncClient mcp, String tool, Map<String, Object> more) {
        Map<String, Object> arguments = new LinkedHashMap<>(Map.of("project", PROJECT, "id", TICKET));
        arguments.putAll(more);
        CallToolResult result = mcp.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
        boolean isError = Boolean.TRUE.equals(result.isError());
        String text = ((TextContent) result.content().get(0)).text();
        String correlationId = (String) result.meta().get(StewardMcp.CORRELATION_ID_META);
        ToolCallOutcome decision = world.recorded(correlationId, isError ? Optional.empty() : Optional.of(text));
        n.call(AGENT, decision);
        n.detail(tool + " · correlation id " + correlationId + " · grants " + (decision.grants().isEmpty() ? "none"
                : decision.grants().stream().map(Object::toString).collect(Collectors.joining(", "))));
        n.detail((isError ? "the model reads an error result: " : "the model reads: ") + text);
        return new ToolUse(tool, decision, isError, text);
    }

    private static List<String> names(List<Tool> tools) {
        return tools.stream().map(Tool::name).toList();
    }

    private Grant delegated(Identity agent, Identity owner, String action) {
        return grant(GrantSpec.to(agent.id()).allow(action).on("tickets:ops/*").validFor(Duration.ofHours(8))
                .delegatedBy(owner.id()).justification("triage the ops queue"), agent.asActor(), owner);
    }

    private Grant grant(GrantSpec spec, Actor requester, Identity approver) {
        Grant requested = world.steward().grants().request(spec, requester);
        return world.steward().grants().approve(requested.id(), approver.asActor(), "SEC-88");
    }
}
