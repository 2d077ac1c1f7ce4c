package dev.steward.mcp;

import dev.steward.CheckReturnValue;
import dev.steward.identity.IdentityId;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who calls an MCP server in one HTTP request: the identity the host's authentication verified,
 * the identities it acts for and, when its credential is scoped (a delegation token), the actions
 * it may ask for at most.
 *
 * <p>The host's authentication (a servlet filter in front of the MCP endpoint that checks a
 * token, a client certificate or a session; {@link McpBearerFilter} for Steward's delegation
 * tokens) puts it on the request as the attribute {@link #ATTRIBUTE};
 * {@link StewardMcp#contextExtractor()} copies it into the MCP transport context, where
 * {@link #from(McpTransportContext)} finds it. A request attribute can only be set by code in the
 * server, never by the client, which is why the caller travels that way: a caller read from a
 * header, a query parameter or the tool's arguments would be whatever the client chose to write.
 *
 * <p>A scope bounds what Steward's grants allow: a tool whose action lies outside it is neither
 * listed to the caller nor run for it, whatever the caller's grants hold.
 *
 * @param identity the identity that calls
 * @param onBehalfOf the identities it acts for, nearest first; empty when it acts for itself
 * @param scope the actions it may ask for at most, e.g. a token's {@code scope}; empty when its
 *     credential carries no such bound and only Steward's grants decide
 */
@CheckReturnValue
public record McpCaller(IdentityId identity, List<IdentityId> onBehalfOf, Optional<Set<String>> scope) {
    /** The servlet request attribute and the transport context key that hold the caller. */
    public static final String ATTRIBUTE = "dev.steward.mcp.caller";

    /**
     * Checks that nothing is null and copies the chain and the scope.
     *
     * @param identity the identity that calls
     * @param onBehalfOf the identities it acts for, nearest first
     * @param scope the actions it may ask for at most, or empty for no bound
     */
    public McpCaller {
        Objects.requireNonNull(identity, "identity");
        onBehalfOf = List.copyOf(Objects.requireNonNull(onBehalfOf, "onBehalfOf"));
        scope = Objects.requireNonNull(scope, "scope").map(Set::copyOf);
    }

    /**
     * A caller without a scope bound.
     *
     * @param identity the identity that calls
     * @param onBehalfOf the identities it acts for, nearest first
     */
    public McpCaller(IdentityId identity, List<IdentityId> onBehalfOf) {
        this(identity, onBehalfOf, Optional.empty());
    }

    /**
     * @param identity the identity that calls
     * @param onBehalfOf the identities it acts for, nearest first
     * @return the caller, without a scope bound
     */
    public static McpCaller of(IdentityId identity, IdentityId... onBehalfOf) {
        return new McpCaller(identity, Arrays.asList(onBehalfOf));
    }

    /**
     * @param actions the actions the caller may ask for at most, e.g. a verified token's scope
     * @return the same caller, bounded by them
     */
    public McpCaller withScope(Collection<String> actions) {
        return new McpCaller(identity, onBehalfOf, Optional.of(Set.copyOf(actions)));
    }

    /**
     * @param action an action a tool performs
     * @return whether the caller's scope admits it: always without a scope bound
     */
    public boolean permits(String action) {
        Objects.requireNonNull(action, "action");
        return scope.map(actions -> actions.contains(action)).orElse(true);
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
