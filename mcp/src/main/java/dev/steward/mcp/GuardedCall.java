package dev.steward.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.StewardException;
import dev.steward.authz.ToolCallGuard;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolRefusals;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** One guarded MCP tool call, the same on the server and the client side. */
final class GuardedCall {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardedCall() {
    }

    /**
     * Decides the call and runs it if allowed.
     *
     * @return the tool's result, or an {@code isError} result that says why the call was refused
     *     (the tool did not run)
     * @throws RuntimeException whatever the tool throws, Steward's exceptions from inside the tool
     *     included, after its failure is recorded
     */
    static CallToolResult run(ToolCallGuard guard, ToolPolicy policy, ToolInvocation invocation,
            Supplier<CallToolResult> tool) {
        AtomicBoolean ran = new AtomicBoolean();
        try {
            return guard.call(policy, invocation, () -> {
                ran.set(true);
                return tool.get();
            });
        } catch (StewardException e) {
            if (ran.get()) {
                throw e;
            }
            return CallToolResult.builder().addTextContent(ToolRefusals.describe(e)).isError(true).build();
        }
    }

    /**
     * @param arguments a call's arguments as the SDK parsed them; {@code null} when the call has none
     * @return them as JSON object text, {@code ""} for none
     * @throws McpError (invalid params) if they cannot be written as JSON
     */
    static String arguments(Map<String, Object> arguments) {
        if (arguments == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("the tool call's arguments are not a JSON object").build();
        }
    }
}
