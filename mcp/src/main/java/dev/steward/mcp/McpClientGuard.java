package dev.steward.mcp;

import dev.steward.authz.ToolCallGuard;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolPolicy;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Objects;

/**
 * Guards the outgoing tool calls of one agent: each call is decided for the agent (and the chain
 * it acts for) before the MCP server is contacted. A denied call, or one that could not be decided,
 * returns a result with {@code isError: true} and the text of
 * {@link dev.steward.authz.ToolRefusals}, and no request leaves the process. Built by
 * {@link StewardMcp#client(dev.steward.Steward, ToolPolicy, dev.steward.identity.IdentityId,
 * dev.steward.identity.IdentityId...)}; one guard serves any number of clients (servers).
 *
 * <pre>{@code
 * McpClientGuard guard = StewardMcp.client(steward, policy, bot.id(), alice.id());
 * CallToolResult result = guard.callTool(mcpClient,
 *         CallToolRequest.builder("read_ticket").arguments(Map.of("project", "ops", "id", 7)).build(),
 *         toolCallId);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class McpClientGuard {
    private final ToolCallGuard guard;
    private final ToolPolicy policy;

    McpClientGuard(ToolCallGuard guard, ToolPolicy policy) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Decides the call and, if allowed, sends it.
     *
     * @param client the connected client of the server that has the tool
     * @param request the call
     * @param toolCallId the agent framework's id of the call, recorded as the correlation id of its
     *     audit events; a malformed one is a recorded deny
     * @return the server's result, or the refusal
     * @throws RuntimeException whatever the client throws (an {@code McpError} from the server, a
     *     transport failure), after the call's failure is recorded
     */
    public CallToolResult callTool(McpSyncClient client, CallToolRequest request, String toolCallId) {
        Objects.requireNonNull(client, "client");
        ToolInvocation invocation = new ToolInvocation(request.name(), GuardedCall.arguments(request.arguments()),
                toolCallId);
        return GuardedCall.run(guard, policy, invocation, () -> client.callTool(request));
    }
}
