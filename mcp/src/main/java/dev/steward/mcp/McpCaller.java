package dev.steward.mcp;

import dev.steward.identity.IdentityId;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who calls an MCP server in one HTTP request: the identity the host's authentication verified,
 * and the identities it acts for.
 *
 * <p>The host's authentication (a servlet filter in front of the MCP endpoint that checks a
 * token, a client certificate or a session) puts it on the request as the attribute
 * {@link #ATTRIBUTE}; {@link StewardMcp#contextExtractor()} copies it into the MCP transport
 * context, where {@link #from(McpTransportContext)} finds it. A request attribute can only be set
 * by code in the server, never by the client, which is why the caller travels that way: a caller
 * read from a header, a query parameter or the tool's arguments would be whatever the client
 * chose to write.
 *
 * @param identity the identity that calls
 * @param onBehalfOf the identities it acts for, nearest first; empty when it acts for itself
 */
public record McpCaller(IdentityId identity, List<IdentityId> onBehalfOf) {
    /** The servlet request attribute and the transport context key that hold the caller. */
    public static final String ATTRIBUTE = "dev.steward.mcp.caller";

    /**
     * Checks that nothing is null and copies the chain.
     *
     * @param identity the identity that calls
     * @param onBehalfOf the identities it acts for, nearest first
     */
    public McpCaller {
        Objects.requireNonNull(identity, "identity");
        onBehalfOf = List.copyOf(Objects.requireNonNull(onBehalfOf, "onBehalfOf"));
    }

    /**
     * @param identity the identity that calls
     * @param onBehalfOf the identities it acts for, nearest first
     * @return the caller
     */
    public static McpCaller of(IdentityId identity, IdentityId... onBehalfOf) {
        return new McpCaller(identity, Arrays.asList(onBehalfOf));
    }

    /**
     * Reads the caller that {@link StewardMcp#contextExtractor()} copied from the servlet request.
     *
     * @param context the transport context of an MCP request
     * @return the caller, or empty if the request carries none
     */
    public static Optional<McpCaller> from(McpTransportContext context) {
        return context.get(ATTRIBUTE) instanceof McpCaller caller ? Optional.of(caller) : Optional.empty();
    }
}
