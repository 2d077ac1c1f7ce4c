package dev.steward.mcp;

import static dev.steward.mcp.McpServerGuardTest.correlationId;
import static dev.steward.mcp.McpServerGuardTest.text;
import static dev.steward.mcp.TicketServer.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The guard on an asynchronous server, and on a server whose container lacks a piece. */
class McpServerSetupTest {
    @Test
    @DisplayName("an asynchronous server's tools are decided, filtered and traced like a synchronous one's")
    void asynchronousServer() throws Exception {
        try (Governance g = new Governance();
                TicketServer server = new TicketServer(g, Map.of("bot-token", McpCaller.of(g.bot.id())),
                        TicketServer.Kind.ASYNC)) {
            McpSyncClient bot = server.client("bot-token");
            assertThat(bot.listTools().tools()).extracting(Tool::name).containsExactly("read_ticket");
            CallToolResult allowed = bot.callTool(call("read_ticket", "ops", 7));
            assertThat(text(allowed)).isEqualTo("ticket ops/7");
            assertThat(g.steward.audit().trail(correlationId(allowed))).extracting(AuditEvent::action)
                    .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
            CallToolResult denied = bot.callTool(call("delete_ticket", "ops", 7));
            assertThat(denied.isError()).isTrue();
            assertThat(server.runs("delete_ticket")).isZero();
        }
    }

    @Test
    @DisplayName("without the request-id filter a call is refused with a JSON-RPC error that names no detail")
    void missingRequestIdFilter() throws Exception {
        try (Governance g = new Governance();
                TicketServer server = new TicketServer(g, Map.of("bot-token", McpCaller.of(g.bot.id())),
                        TicketServer.Kind.WITHOUT_REQUEST_ID_FILTER)) {
            McpSyncClient bot = server.client("bot-token");
            assertThatThrownBy(() -> bot.callTool(call("read_ticket", "ops", 7)))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INTERNAL_ERROR);
                        assertThat(e.getJsonRpcError().message()).isEqualTo("the server cannot attribute this call");
                    });
            assertThat(server.runs("read_ticket")).isZero();
            assertThat(g.events())
                    .noneMatch(e -> e.action() == AuditAction.ACCESS_DECIDED);
        }
    }
}
