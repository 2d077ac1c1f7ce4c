package dev.steward.mcp;

import static dev.steward.mcp.TicketServer.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.ToolRefusals;
import dev.steward.grant.GrantSpec;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A real SDK server with guarded tools, called by real SDK clients over streamable HTTP. */
class McpServerGuardTest {
    private final Governance g = new Governance();
    private final TicketServer server = new TicketServer(g, Map.of(
            "bot-token", McpCaller.of(g.bot.id()),
            "idle-token", McpCaller.of(g.idle.id()),
            "delegate-token", McpCaller.of(g.idle.id(), g.alice.id()),
            "scoped-token", McpCaller.of(g.bot.id()).withScope(Set.of("ticket:read"))), TicketServer.Kind.SYNC);

    @AfterEach
    void close() throws Exception {
        server.close();
        g.close();
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    static String correlationId(CallToolResult result) {
        return (String) result.meta().get(StewardMcp.CORRELATION_ID_META);
    }

    @Test
    @DisplayName("tools/list shows each caller the tools it may call, and a request without a caller none")
    void toolsListIsFilteredPerCaller() {
        assertThat(server.client("bot-token").listTools().tools()).extracting(Tool::name)
                .containsExactly("read_ticket", "fail_ticket");
        assertThat(server.client("idle-token").listTools().tools()).isEmpty();
        assertThat(server.client(null).listTools().tools()).isEmpty();
        g.grant(GrantSpec.to(g.idle.id()).allow("ticket:delete").on("tickets:ops/*"));
        assertThat(server.client("idle-token").listTools().tools()).extracting(Tool::name)
                .containsExactly("delete_ticket");
    }

    @Test
    @DisplayName("an allowed call runs and returns the tool's result, with its correlation id in _meta")
    void allowedCallRuns() {
        CallToolResult result = server.client("bot-token").callTool(call("read_ticket", "ops", 7));
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(result)).isEqualTo("ticket ops/7");
        assertThat(server.runs("read_ticket")).isEqualTo(1);
        assertThat(correlationId(result)).matches("mcp:[0-9a-f-]{36}:.+");
    }

    @Test
    @DisplayName("a denied call is an isError result with Steward's refusal, and the tool never runs")
    void deniedCallDoesNotRun() {
        McpSyncClient bot = server.client("bot-token");
        CallToolResult otherProject = bot.callTool(call("read_ticket", "payroll", 1));
        CallToolResult hiddenTool = bot.callTool(call("delete_ticket", "ops", 7));
        CallToolResult unmapped = bot.callTool(call("echo", "ops", 7));
        for (CallToolResult denied : List.of(otherProject, hiddenTool, unmapped)) {
            assertThat(denied.isError()).isTrue();
            assertThat(text(denied)).startsWith("denied by Steward: ");
            assertThat(correlationId(denied)).startsWith("mcp:");
        }
        assertThat(text(otherProject)).contains("NO_MATCHING_GRANT");
        assertThat(text(unmapped)).contains("TOOL_NOT_MAPPED");
        assertThat(server.runs("read_ticket") + server.runs("delete_ticket") + server.runs("echo")).isZero();
        assertThat(g.steward.audit().trail(correlationId(hiddenTool))).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.DENIED);
    }

    @Test
    @DisplayName("a caller's scope hides the tools outside it, and refuses their calls without running or deciding them")
    void scopeBoundsTheGrants() {
        g.grant(GrantSpec.to(g.bot.id()).allow("ticket:delete").on("tickets:ops/*"));
        assertThat(server.client("bot-token").listTools().tools()).extracting(Tool::name)
                .containsExactly("read_ticket", "delete_ticket", "fail_ticket");
        McpSyncClient scoped = server.client("scoped-token");
        assertThat(scoped.listTools().tools()).extracting(Tool::name).containsExactly("read_ticket", "fail_ticket");
        long eventsBefore = g.events().size();
        CallToolResult refused = scoped.callTool(call("delete_ticket", "ops", 7));
        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).isEqualTo("refused: the caller's scope does not include ticket:delete, the action "
                + "of this tool; ask for a token with that scope");
        assertThat(server.runs("delete_ticket")).isZero();
        assertThat(g.events()).hasSize((int) eventsBefore);
        assertThat(text(scoped.callTool(call("read_ticket", "ops", 7)))).isEqualTo("ticket ops/7");
        assertThat(McpCaller.of(g.bot.id()).permits("anything")).as("no scope, no bound").isTrue();
    }

    @Test
    @DisplayName("a request without a caller gets a JSON-RPC error, no stack trace, and nothing is decided or run")
    void requestWithoutCallerIsAnMcpError() {
        long eventsBefore = g.events().size();
        McpSyncClient anonymous = server.client(null);
        assertThatThrownBy(() -> anonymous.callTool(call("read_ticket", "ops", 7)))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_REQUEST);
                    assertThat(e.getJsonRpcError().message()).isEqualTo(ToolRefusals.NO_IDENTITY);
                    assertThat(String.valueOf(e.getJsonRpcError().data())).doesNotContain("\tat ", "Exception");
                });
        assertThat(server.runs("read_ticket")).isZero();
        assertThat(g.events()).hasSize((int) eventsBefore);
    }

    @Test
    @DisplayName("the trail of one call shows its decision, then its outcome, each naming the tool")
    void trailOfOneCall() {
        CallToolResult result = server.client("bot-token").callTool(call("read_ticket", "ops", 7));
        List<AuditEvent> trail = g.steward.audit().trail(correlationId(result));
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        assertThat(trail).allSatisfy(e -> {
            assertThat(e.details()).containsEntry("tool", "read_ticket");
            assertThat(e.actor()).isEqualTo(g.bot.id());
        });
        assertThat(trail.get(0).outcome()).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(trail.get(0).targetId()).isEqualTo("tickets:ops/7");
        assertThat(trail.get(0).details()).containsEntry("action", "ticket:read")
                .containsEntry("grants", g.readOps.id().value());
        assertThat(trail.get(1).outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("a grant revoked between two calls denies the second")
    void revocationDeniesTheNextCall() {
        McpSyncClient bot = server.client("bot-token");
        assertThat(bot.callTool(call("read_ticket", "ops", 7)).isError()).isNotEqualTo(Boolean.TRUE);
        g.steward.grants().revoke(g.readOps.id(), g.alice.asActor(), "incident INC-9");
        CallToolResult after = bot.callTool(call("read_ticket", "ops", 7));
        assertThat(after.isError()).isTrue();
        assertThat(text(after)).contains("NO_MATCHING_GRANT");
        assertThat(server.runs("read_ticket")).isEqualTo(1);
        assertThat(bot.listTools().tools()).isEmpty();
    }

    @Test
    @DisplayName("the same JSON-RPC id in two sessions names two calls: the correlation id adds the session id")
    void correlationIdsAreQualifiedBySession() throws Exception {
        String params = "{\"name\":\"read_ticket\",\"arguments\":{\"project\":\"ops\",\"id\":7}}";
        JsonNode first = new RawMcpSession(server.baseUrl(), "bot-token").callTool(1, params);
        JsonNode second = new RawMcpSession(server.baseUrl(), "bot-token").callTool(1, params);
        String a = first.at("/result/_meta").get(StewardMcp.CORRELATION_ID_META).asText();
        String b = second.at("/result/_meta").get(StewardMcp.CORRELATION_ID_META).asText();
        assertThat(a).endsWith(":1").isNotEqualTo(b);
        assertThat(b).endsWith(":1");
        assertThat(g.steward.audit().trail(a)).hasSize(2);
        assertThat(g.steward.audit().trail(b)).hasSize(2);
    }

    @Test
    @DisplayName("the caller's delegation chain is decided and recorded")
    void chainIsDecided() {
        g.grant(GrantSpec.to(g.alice.id()).allow("ticket:read").on("tickets:ops/**"));
        McpSyncClient delegate = server.client("delegate-token");
        CallToolResult withoutDelegatedGrant = delegate.callTool(call("read_ticket", "ops", 7));
        assertThat(withoutDelegatedGrant.isError()).isTrue();
        g.grant(GrantSpec.to(g.idle.id()).allow("ticket:read").on("tickets:ops/**").delegatedBy(g.alice.id()));
        CallToolResult allowed = delegate.callTool(call("read_ticket", "ops", 7));
        assertThat(text(allowed)).isEqualTo("ticket ops/7");
        assertThat(g.steward.audit().trail(correlationId(allowed)).get(0).onBehalfOf()).containsExactly(g.alice.id());
    }

    @Test
    @DisplayName("a tool's own failure reaches the client as the SDK's error, after Steward records it")
    void toolFailureIsRecorded() {
        McpSyncClient bot = server.client("bot-token");
        assertThatThrownBy(() -> bot.callTool(call("fail_ticket", "ops", 7))).isInstanceOf(McpError.class);
        List<AuditEvent> outcomes = g.events().stream()
                .filter(e -> e.action() == AuditAction.TOOL_CALL_COMPLETED).toList();
        assertThat(outcomes).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(e.details()).containsEntry("tool", "fail_ticket")
                    .containsEntry("error", IllegalStateException.class.getName());
        });
    }

    @Test
    @DisplayName("a result in which the tool reports an error reaches the client as it is and is recorded as a failure")
    void reportedErrorIsRecorded() {
        CallToolResult result = server.client("bot-token").callTool(call("fail_ticket", "ops", 8));
        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("ticket 8 is locked");
        assertThat(g.steward.audit().trail(correlationId(result))).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.ALLOWED, AuditOutcome.FAILURE);
        assertThat(g.steward.audit().trail(correlationId(result)).get(1).details())
                .containsEntry("error", "reported by the tool");
    }
}
