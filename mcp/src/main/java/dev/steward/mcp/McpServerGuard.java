package dev.steward.mcp;

import dev.steward.Steward;
import dev.steward.authz.ToolCallGuard;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolMapping;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolRefusals;
import dev.steward.identity.IdentityId;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Guards the tools of an MCP server (streamable HTTP): every {@code tools/call} of a wrapped tool
 * is authorized for the caller of its HTTP request, runs only if allowed, and is recorded under a
 * correlation id made of the MCP session id and the JSON-RPC request id; the {@link #toolFilter()}
 * leaves out of {@code tools/list} the tools a caller may not call, or whose action its scope does
 * not include. Built by
 * {@link StewardMcp#server(Steward, ToolPolicy)}.
 *
 * <pre>{@code
 * McpServerGuard guard = StewardMcp.server(steward, policy);
 * McpSyncServer server = McpServer.sync(transport)
 *     .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
 *     .tools(guard.wrap(readTicket, listPulls))
 *     .addToolFilter(guard.toolFilter())
 *     .build();
 * }</pre>
 *
 * <p>What a caller sees:
 * <ul>
 *   <li>allowed: the tool's own result, its {@code _meta} holding the call's correlation id under
 *       {@link StewardMcp#CORRELATION_ID_META};</li>
 *   <li>denied, or not decidable (the audit could not be written): a result with
 *       {@code isError: true} and the text of {@link ToolRefusals#describe}, the same
 *       {@code _meta}; the tool did not run. A model can read it and ask for access;</li>
 *   <li>a caller with a {@linkplain McpCaller#scope() scope} that does not include the tool's
 *       action: a result with {@code isError: true} that names the action; the tool did not run
 *       and nothing was decided, as the caller's credential did not cover the call (behind
 *       {@link McpBearerFilter} such a call is answered with HTTP 403 before it gets here);</li>
 *   <li>a request with no caller: a JSON-RPC error {@code -32600} (invalid request) whose message
 *       is {@link ToolRefusals#NO_IDENTITY}, nothing decided, nothing run. The MCP specification
 *       has authentication answered at the HTTP layer (401 before any JSON-RPC); this is the
 *       fail-closed answer for a request that got past the host's authentication without a
 *       caller;</li>
 *   <li>a request with no JSON-RPC id (the {@link McpRequestIdFilter} is missing): a JSON-RPC error
 *       {@code -32603} (internal error) that names no detail; the server's log says what is wrong.</li>
 * </ul>
 * A tool's own exception reaches the SDK unchanged once its failure is recorded; the SDK answers
 * it with a JSON-RPC error carrying the exception's message, never its stack trace.
 *
 * <p>The correlation id is {@code mcp:<session id>:<request id>}: a client numbers its requests
 * within its session, so two sessions reuse the same request ids, and the session id (a random
 * UUID the SDK's server assigns) makes them distinct. A string id and a number id of the same
 * digits name the same call here; a client that reuses an id within its session gets two calls
 * under one correlation id.
 *
 * <p>The tool filter hides; it does not protect: the SDK still runs a hidden tool called by name.
 * Every call is decided by the wrapper, so wrap every tool of the server. Immutable and
 * thread-safe.
 */
public final class McpServerGuard {
    private static final Logger LOG = LoggerFactory.getLogger(McpServerGuard.class);
    /** The refusal of a call whose action the caller's scope does not admit. */
    private static final String OUT_OF_SCOPE =
            "refused: the caller's scope does not include %s, the action of this tool; ask for a token with that scope";

    private final Steward steward;
    private final ToolPolicy policy;
    private final Function<McpTransportContext, Optional<McpCaller>> callers;

    McpServerGuard(Steward steward, ToolPolicy policy, Function<McpTransportContext, Optional<McpCaller>> callers) {
        this.steward = Objects.requireNonNull(steward, "steward");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    /**
     * @param tools the tool specifications of a synchronous server
     * @return the same tools, each call of which is authorized first
     */
    public List<SyncToolSpecification> wrap(SyncToolSpecification... tools) {
        return Arrays.stream(tools).map(spec -> new SyncToolSpecification(spec.tool(),
                (exchange, request) -> decide(exchange.transportContext(), exchange.sessionId(), request,
                        () -> spec.callHandler().apply(exchange, request)))).toList();
    }

    /**
     * The decision and the tool run on Reactor's bounded elastic scheduler: a decision may wait
     * for the audit store, which an event loop must not.
     *
     * @param tools the tool specifications of an asynchronous server
     * @return the same tools, each call of which is authorized first
     */
    public List<AsyncToolSpecification> wrap(AsyncToolSpecification... tools) {
        return Arrays.stream(tools).map(spec -> new AsyncToolSpecification(spec.tool(),
                (exchange, request) -> Mono.fromCallable(() -> decide(exchange.transportContext(),
                        exchange.sessionId(), request, () -> spec.callHandler().apply(exchange, request).block()))
                        .subscribeOn(Schedulers.boundedElastic()))).toList();
    }

    /**
     * The filter for the server builder's {@code addToolFilter}: a tool is listed to a caller who
     * may call it ({@link ToolCallGuard#mayCall}) and whose scope, if it has one, includes the tool's
     * action; never to a request without a caller. It records
     * nothing and reads Steward's in-memory index only. For an asynchronous server, pass
     * {@code McpAsyncListFilter.fromSync(guard.toolFilter(), true)}.
     *
     * @return the filter
     */
    public McpSyncListFilter<Tool> toolFilter() {
        return (context, tool) -> callers.apply(context)
                .map(caller -> outOfScope(caller, tool.name()).isEmpty() && guard(caller).mayCall(policy, tool.name()))
                .orElse(false);
    }

    /** {@return the action of a mapped tool that the caller's scope does not admit, if so} */
    private Optional<String> outOfScope(McpCaller caller, String tool) {
        return policy.mapping(tool).map(ToolMapping::action).filter(action -> !caller.permits(action));
    }

    private CallToolResult decide(McpTransportContext context, String sessionId, CallToolRequest request,
            Supplier<CallToolResult> tool) {
        McpCaller caller = callers.apply(context).orElseThrow(() -> McpError
                .builder(McpSchema.ErrorCodes.INVALID_REQUEST).message(ToolRefusals.NO_IDENTITY).build());
        if (!(context.get(McpRequestIdFilter.ATTRIBUTE) instanceof String requestId)) {
            LOG.error("tools/call of {} refused: the transport context holds no JSON-RPC request id; put "
                    + "McpRequestIdFilter in front of the MCP endpoint and StewardMcp.contextExtractor() on the "
                    + "transport", request.name());
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("the server cannot attribute this call").build();
        }
        Optional<String> outOfScope = outOfScope(caller, request.name());
        if (outOfScope.isPresent()) {
            return CallToolResult.builder().addTextContent(String.format(OUT_OF_SCOPE, outOfScope.get()))
                    .isError(true).build();
        }
        String correlationId = "mcp:" + sessionId + ":" + requestId;
        ToolInvocation invocation = new ToolInvocation(request.name(), GuardedCall.arguments(request.arguments()),
                correlationId);
        CallToolResult result = GuardedCall.run(guard(caller), policy, invocation, tool);
        return result == null ? null : withCorrelationId(result, correlationId);
    }

    private ToolCallGuard guard(McpCaller caller) {
        return steward.guard(caller.identity()).onBehalfOf(caller.onBehalfOf().toArray(IdentityId[]::new));
    }

    private static CallToolResult withCorrelationId(CallToolResult result, String correlationId) {
        Map<String, Object> meta = result.meta() == null ? new HashMap<>() : new HashMap<>(result.meta());
        meta.put(StewardMcp.CORRELATION_ID_META, correlationId);
        return new CallToolResult(result.content(), result.isError(), result.structuredContent(), meta);
    }
}
