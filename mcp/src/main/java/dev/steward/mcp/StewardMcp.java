package dev.steward.mcp;

import dev.steward.Steward;
import dev.steward.authz.ToolPolicy;
import dev.steward.identity.IdentityId;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Entry points of Steward's MCP guards, on the official MCP Java SDK.
 *
 * <p>A server on the streamable HTTP servlet transport:
 * <pre>{@code
 * HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
 *     .contextExtractor(StewardMcp.contextExtractor())
 *     .build();
 * McpServerGuard guard = StewardMcp.server(steward, policy);
 * McpSyncServer server = McpServer.sync(transport)
 *     .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
 *     .tools(guard.wrap(readTicket, listPulls))
 *     .addToolFilter(guard.toolFilter())
 *     .build();
 * // in the servlet container, in this order in front of the transport (async supported):
 * //   the host's authentication filter: request.setAttribute(McpCaller.ATTRIBUTE, McpCaller.of(bot, alice))
 * //   new McpRequestIdFilter()
 * // or, for Steward's delegation tokens, McpBearerFilter.builder(verifier, policy).build() alone
 * }</pre>
 *
 * <p>An agent's client: {@link #client(Steward, ToolPolicy, IdentityId, IdentityId...)}.
 */
public final class StewardMcp {
    /**
     * The {@code _meta} key under which a guarded server's tool results carry the call's
     * correlation id, the id under which {@code steward.audit().trail(id)} finds the call.
     */
    public static final String CORRELATION_ID_META = "dev.steward/correlationId";

    private StewardMcp() {
    }

    /**
     * A server guard that reads each request's caller from the transport context, where
     * {@link #contextExtractor()} put it.
     *
     * @param steward decides and records
     * @param policy what the server's tools mean
     * @return the guard
     */
    public static McpServerGuard server(Steward steward, ToolPolicy policy) {
        return new McpServerGuard(steward, policy, McpCaller::from);
    }

    /**
     * A server guard whose host finds the caller in the transport context itself, e.g. from what
     * its own context extractor copied from a verified token. The transport context must still
     * hold the request id that {@link McpRequestIdFilter} read (its key
     * {@link McpRequestIdFilter#ATTRIBUTE}).
     *
     * @param steward decides and records
     * @param policy what the server's tools mean
     * @param callers the caller of a request, or empty for a request without one; never from what
     *     the client wrote unverified
     * @return the guard
     */
    public static McpServerGuard server(Steward steward, ToolPolicy policy,
            Function<McpTransportContext, Optional<McpCaller>> callers) {
        return new McpServerGuard(steward, policy, callers);
    }

    /**
     * A guard for the outgoing calls of one agent.
     *
     * @param steward decides and records
     * @param policy what the servers' tools mean
     * @param identity the agent
     * @param onBehalfOf the identities it acts for, nearest first
     * @return the guard
     */
    public static McpClientGuard client(Steward steward, ToolPolicy policy, IdentityId identity,
            IdentityId... onBehalfOf) {
        return new McpClientGuard(steward.guard(identity).onBehalfOf(onBehalfOf), policy);
    }

    /**
     * The context extractor for {@code HttpServletStreamableServerTransportProvider.builder()
     * .contextExtractor(...)}: copies the request attributes {@link McpCaller#ATTRIBUTE} (set by
     * the host's authentication), {@link McpBearerFilter#TOKEN_ATTRIBUTE} (set by the bearer
     * filter, if it is in use) and {@link McpRequestIdFilter#ATTRIBUTE} (set by either filter) into
     * the transport context. It reads no header: a caller comes only from code in the server. It
     * works without {@code steward-tokens} on the class path: it reads the token as an object. A host
     * that needs more in the context adds it with {@code McpTransportContext.putAll}.
     *
     * @return the extractor
     */
    public static McpTransportContextExtractor<HttpServletRequest> contextExtractor() {
        return request -> {
            Map<String, Object> values = new HashMap<>();
            if (request.getAttribute(McpCaller.ATTRIBUTE) instanceof McpCaller caller) {
                values.put(McpCaller.ATTRIBUTE, caller);
            }
            Object token = request.getAttribute(McpBearerFilter.TOKEN_ATTRIBUTE);
            if (token != null) {
                values.put(McpBearerFilter.TOKEN_ATTRIBUTE, token);
            }
            if (request.getAttribute(McpRequestIdFilter.ATTRIBUTE) instanceof String requestId) {
                values.put(McpRequestIdFilter.ATTRIBUTE, requestId);
            }
            return McpTransportContext.create(values);
        };
    }
}
