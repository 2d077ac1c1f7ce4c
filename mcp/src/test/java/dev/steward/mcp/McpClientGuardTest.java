package dev.steward.mcp;

import static dev.steward.mcp.McpServerGuardTest.text;
import static dev.steward.mcp.TicketServer.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An agent's outgoing calls, guarded on the client side, to a real SDK server that knows nothing of
 * Steward; the server counts the HTTP requests that reach it.
 */
class McpClientGuardTest {
    private final Governance g = new Governance();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();
    private final HttpServletStreamableServerTransportProvider transport =
            HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
    private final McpSyncServer server = McpServer.sync(transport)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(tool("read_ticket"), tool("delete_ticket"))
            .build();
    private final Filter countPosts = (request, response, chain) -> {
        if ("POST".equals(((jakarta.servlet.http.HttpServletRequest) request).getMethod())) {
            posts.incrementAndGet();
        }
        chain.doFilter(request, response);
    };
    private final EmbeddedServer container = new EmbeddedServer(transport, countPosts);
    private final McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
            .builder(container.baseUrl()).endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(30)).build();
    private final McpClientGuard calls = StewardMcp.client(g.steward, Governance.POLICY, g.bot.id());

    @AfterEach
    void close() throws Exception {
        client.closeGracefully();
        server.close();
        container.close();
        g.close();
    }

    private SyncToolSpecification tool(String name) {
        return new SyncToolSpecification(Tool.builder(name, TicketServer.TICKET_SCHEMA).build(), (exchange, request) -> {
            runs.incrementAndGet();
            return CallToolResult.builder().addTextContent(name + " done").build();
        });
    }

    @Test
    @DisplayName("an allowed outgoing call reaches the server, and its decision and outcome carry the tool-call id")
    void allowedCallIsSent() {
        client.initialize();
        CallToolResult result = calls.callTool(client, call("read_ticket", "ops", 7), "call-1");
        assertThat(text(result)).isEqualTo("read_ticket done");
        assertThat(runs).hasValue(1);
        List<AuditEvent> trail = g.steward.audit().trail("call-1");
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        assertThat(trail).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.ALLOWED, AuditOutcome.SUCCESS);
        assertThat(trail.get(0).targetId()).isEqualTo("tickets:ops/7");
    }

    @Test
    @DisplayName("a denied outgoing call is an isError refusal and sends nothing to the server")
    void deniedCallIsNotSent() {
        client.initialize();
        int before = posts.get();
        CallToolResult refused = calls.callTool(client, call("delete_ticket", "ops", 7), "call-2");
        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).startsWith("denied by Steward: NO_MATCHING_GRANT");
        assertThat(posts).hasValue(before);
        assertThat(runs).hasValue(0);
        assertThat(g.steward.audit().trail("call-2")).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.DENIED);
    }

    @Test
    @DisplayName("a malformed tool-call id is a recorded deny, not an exception")
    void malformedToolCallId() {
        client.initialize();
        CallToolResult refused = calls.callTool(client, call("read_ticket", "ops", 7), "call\n3");
        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).contains("INVALID_REQUEST");
        assertThat(runs).hasValue(0);
    }
}
