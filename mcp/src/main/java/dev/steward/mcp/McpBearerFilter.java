package dev.steward.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.ValidationException;
import dev.steward.authz.ToolMapping;
import dev.steward.authz.ToolPolicy;
import dev.steward.tokens.TokenRejectedException;
import dev.steward.tokens.TokenRejection;
import dev.steward.tokens.TokenVerifier;
import dev.steward.tokens.VerifiedToken;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource-server side of the MCP authorization specification (2025-06-18 and later) for
 * Steward's delegation tokens: a servlet filter in front of the MCP endpoint that admits a request
 * only with a valid bearer token issued for this server, and hands the token's verified chain to
 * {@link McpServerGuard}. Needs {@code steward-tokens} on the class path.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder(steward)
 *     .issuer("https://steward.acme.example")
 *     .audience("https://tickets.acme.example/mcp")      // this server's canonical URI
 *     .jwksUri(URI.create("https://steward.acme.example/jwks.json"))
 *     .build();
 * Filter bearer = McpBearerFilter.builder(verifier, policy).build();
 * // in the servlet container, mapped to /* (the metadata path and the MCP endpoint), async supported,
 * // in front of the SDK's transport (whose context extractor is StewardMcp.contextExtractor())
 * }</pre>
 *
 * <p>What it answers:
 * <ul>
 *   <li>{@code GET} of {@link #metadataPath()}: the protected resource metadata (RFC 9728) of this
 *       server, at the path RFC 9728 §3.1 derives from the resource URI (for
 *       {@code https://tickets.acme.example/mcp}: {@code /.well-known/oauth-protected-resource/mcp}):
 *       {@code resource} (the verifier's audience), {@code authorization_servers} (the verifier's
 *       issuer), {@code scopes_supported} (the actions of the policy's tools) and
 *       {@code bearer_methods_supported} ({@code header} only);</li>
 *   <li>a request without a bearer token: 401 with
 *       {@code WWW-Authenticate: Bearer scope="...", resource_metadata="<metadata URL>"};</li>
 *   <li>a token the verifier refuses (malformed, badly signed, expired, for another audience, or
 *       whose chain is no longer in good standing: revocation beats the token's lifetime, as every
 *       request is verified anew): 401 with {@code error="invalid_token"} (RFC 6750 §3.1) and the
 *       reason in {@code error_description}; when the verifier cannot reach its keys or Steward's
 *       store, 503, to fail closed without sending the client to re-authorize;</li>
 *   <li>a token in the query string ({@code access_token}, which the MCP specification forbids),
 *       or more than one {@code Authorization} header: 400 with {@code error="invalid_request"},
 *       the token unread;</li>
 *   <li>a {@code tools/call} of a tool whose action (in the policy) the token's scope does not
 *       include: 403 with {@code error="insufficient_scope"} and that action in {@code scope}, so
 *       the client can ask for a token with it (the MCP specification's step-up);</li>
 *   <li>otherwise the request passes on, its caller ({@link McpCaller#ATTRIBUTE}: the token's
 *       actor, on behalf of its chain, bounded by its scope) and the {@link VerifiedToken}
 *       ({@link #TOKEN_ATTRIBUTE}) set as request attributes, which
 *       {@link StewardMcp#contextExtractor()} copies into the MCP transport context.</li>
 * </ul>
 * To find the tool of a {@code tools/call}, the filter reads the body of each authenticated
 * {@code POST} (at most {@link Builder#maxBodyBytes}, else 413) and passes on the same body; it
 * reads the JSON-RPC id on the way and sets {@link McpRequestIdFilter#ATTRIBUTE} as
 * {@link McpRequestIdFilter} does, so a server behind it needs no {@code McpRequestIdFilter}.
 *
 * <p>The URLs it announces come from the configured resource URI, never from the request's
 * {@code Host} header, which the client writes. The well-known path lies at the root of the host,
 * so the filter must run in the root context (or a proxy must route that path to it). It answers
 * no CORS preflight; a host serving browser clients adds CORS in front of it. Immutable and
 * thread-safe.
 */
public final class McpBearerFilter implements Filter {
    /**
     * The servlet request attribute and the transport context key that hold the
     * {@link VerifiedToken} of the request, for tools that use its grants, scope or id.
     */
    public static final String TOKEN_ATTRIBUTE = "dev.steward.mcp.token";

    /** The well-known path suffix of protected resource metadata (RFC 9728 §3). */
    public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

    private static final Logger LOG = LoggerFactory.getLogger(McpBearerFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenVerifier verifier;
    private final ToolPolicy policy;
    private final String metadataPath;
    private final URI metadataUrl;
    private final String requiredScope;
    private final byte[] metadata;
    private final int maxBodyBytes;

    private McpBearerFilter(Builder b, URI resource) {
        this.verifier = b.verifier;
        this.policy = b.policy;
        this.metadataPath = metadataPath(resource);
        this.metadataUrl = URI.create(resource.getScheme() + "://" + resource.getRawAuthority() + metadataPath);
        List<String> scopes = policy.tools().stream().map(tool -> policy.mapping(tool).orElseThrow().action())
                .distinct().toList();
        this.requiredScope = String.join(" ", scopes);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", verifier.audience());
        document.put("authorization_servers", List.of(verifier.issuer()));
        if (!scopes.isEmpty()) {
            document.put("scopes_supported", scopes);
        }
        document.put("bearer_methods_supported", List.of("header"));
        if (b.resourceName != null) {
            document.put("resource_name", b.resourceName);
        }
        try {
            this.metadata = JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the metadata document of strings cannot fail to serialize", e);
        }
        this.maxBodyBytes = b.maxBodyBytes;
    }

    /**
     * {@return a builder of a filter that admits the tokens this verifier accepts: its audience is
     *     the MCP server's canonical URI (the RFC 9728 {@code resource}), its issuer the
     *     authorization server the metadata names}
     *
     * @param verifier verifies each request's token, live against Steward
     * @param policy the tool policy of the guarded server: the scope each tool needs
     */
    public static Builder builder(TokenVerifier verifier, ToolPolicy policy) {
        return new Builder(Objects.requireNonNull(verifier, "verifier"), Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Reads the verified token that {@link StewardMcp#contextExtractor()} copied from the servlet
     * request, e.g. in a tool: {@code McpBearerFilter.token(exchange.transportContext())}.
     *
     * @param context the transport context of an MCP request
     * @return the request's verified token, or empty if it came without one
     */
    public static Optional<VerifiedToken> token(McpTransportContext context) {
        return context.get(TOKEN_ATTRIBUTE) instanceof VerifiedToken token ? Optional.of(token) : Optional.empty();
    }

    /** {@return the path this filter serves the protected resource metadata at} */
    public String metadataPath() {
        return metadataPath;
    }

    /** {@return the URL of the protected resource metadata, as {@code resource_metadata} names it} */
    public URI metadataUrl() {
        return metadataUrl;
    }

    /** {@return the protected resource metadata document (RFC 9728 §2), as JSON text} */
    public String metadata() {
        return new String(metadata, StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            throw new ServletException("McpBearerFilter serves HTTP requests only");
        }
        if (metadataPath.equals(http.getRequestURI())) {
            serveMetadata(http, answer);
            return;
        }
        if (hasQueryToken(http.getQueryString())) {
            challenge(answer, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "access tokens are accepted in the Authorization header only", null);
            return;
        }
        List<String> authorization = Collections.list(http.getHeaders("Authorization"));
        if (authorization.size() > 1) {
            challenge(answer, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "more than one Authorization header", null);
            return;
        }
        Optional<String> token = authorization.isEmpty() ? Optional.empty() : bearer(authorization.get(0));
        if (token.isEmpty()) {
            challenge(answer, HttpServletResponse.SC_UNAUTHORIZED, null, null, requiredScope);
            return;
        }
        VerifiedToken verified;
        try {
            verified = verifier.verify(token.get());
        } catch (TokenRejectedException e) {
            refuse(answer, e.reason());
            return;
        }
        http.setAttribute(McpCaller.ATTRIBUTE, new McpCaller(verified.actor(), verified.onBehalfOf())
                .withScope(verified.scope()));
        http.setAttribute(TOKEN_ATTRIBUTE, verified);
        if (!"POST".equals(http.getMethod())) {
            chain.doFilter(http, answer);
            return;
        }
        Optional<byte[]> body = http.getContentLengthLong() > maxBodyBytes ? Optional.empty()
                : JsonRpcBody.read(http.getInputStream(), maxBodyBytes);
        if (body.isEmpty()) {
            answer.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        JsonRpcBody message = JsonRpcBody.parse(body.get());
        message.id().ifPresent(id -> http.setAttribute(McpRequestIdFilter.ATTRIBUTE, id));
        Optional<String> missing = message.method().filter("tools/call"::equals).flatMap(m -> message.toolName())
                .flatMap(policy::mapping).map(ToolMapping::action).filter(action -> !verified.scope().contains(action));
        if (missing.isPresent()) {
            challenge(answer, HttpServletResponse.SC_FORBIDDEN, "insufficient_scope",
                    "the token's scope does not include the action of this tool", missing.get());
            return;
        }
        chain.doFilter(new BufferedBodyRequest(http, body.get()), answer);
    }

    private void serveMetadata(HttpServletRequest http, HttpServletResponse answer) throws IOException {
        if (!"GET".equals(http.getMethod())) {
            answer.setHeader("Allow", "GET");
            answer.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        answer.setStatus(HttpServletResponse.SC_OK);
        answer.setContentType("application/json");
        answer.setContentLength(metadata.length);
        answer.getOutputStream().write(metadata);
    }

    private void refuse(HttpServletResponse answer, TokenRejection reason) {
        LOG.debug("bearer token refused: {}", reason);
        if (reason == TokenRejection.UNAVAILABLE) {
            answer.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        challenge(answer, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token",
                "token refused: " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' '), null);
    }

    /** Answers with a Bearer challenge (RFC 6750 §3) that names the metadata URL (RFC 9728 §5.1). */
    private void challenge(HttpServletResponse answer, int status, String error, String description, String scope) {
        List<String> params = new ArrayList<>();
        if (error != null) {
            params.add("error=" + quoted(error));
            params.add("error_description=" + quoted(description));
        }
        if (scope != null && !scope.isEmpty()) {
            params.add("scope=" + quoted(scope));
        }
        params.add("resource_metadata=" + quoted(metadataUrl.toASCIIString()));
        answer.setStatus(status);
        answer.setHeader("WWW-Authenticate", "Bearer " + String.join(", ", params));
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** {@return the token of a {@code Bearer} credential (RFC 6750 §2.1), or empty for another scheme} */
    private static Optional<String> bearer(String authorization) {
        if (authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    private static boolean hasQueryToken(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            String decoded;
            try {
                decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                decoded = name;
            }
            if ("access_token".equals(decoded)) {
                return true;
            }
        }
        return false;
    }

    /** The path of the metadata of a resource: the well-known suffix inserted before its path (RFC 9728 §3.1). */
    private static String metadataPath(URI resource) {
        String path = resource.getRawPath();
        return path == null || path.isEmpty() || "/".equals(path) ? WELL_KNOWN_PATH : WELL_KNOWN_PATH + path;
    }

    /** {@return the resource URI, if it is an absolute https URL (or http on a loopback host) with no query or fragment} */
    private static URI resource(String audience) {
        URI uri;
        try {
            uri = new URI(audience);
        } catch (URISyntaxException e) {
            throw new ValidationException("verifier.audience", "must be the MCP server's URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = Set.of("localhost", "127.0.0.1", "[::1]").contains(
                uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ValidationException("verifier.audience", "must be an absolute https URL (http on a loopback "
                    + "host) without user info, query or fragment: the MCP server's canonical URI");
        }
        return uri;
    }

    /**
     * Builds a {@link McpBearerFilter}. Each setting may be given once. Not thread-safe.
     */
    public static final class Builder {
        private final TokenVerifier verifier;
        private final ToolPolicy policy;
        private String resourceName;
        private int maxBodyBytes = McpRequestIdFilter.DEFAULT_MAX_BODY_BYTES;
        private boolean maxBodyBytesSet;

        private Builder(TokenVerifier verifier, ToolPolicy policy) {
            this.verifier = verifier;
            this.policy = policy;
        }

        /**
         * Sets the human-readable name of the server in its metadata ({@code resource_name}).
         *
         * @param value the name, e.g. {@code Ticket desk}
         * @return this builder
         */
        public Builder resourceName(String value) {
            if (resourceName != null) {
                throw new ValidationException("resourceName", "is already set; each setting may be given once");
            }
            resourceName = Objects.requireNonNull(value, "resourceName");
            if (value.isBlank()) {
                throw new ValidationException("resourceName", "must not be blank");
            }
            return this;
        }

        /**
         * Sets the largest body read to find a {@code tools/call}'s tool, at least the transport's
         * own limit; {@link McpRequestIdFilter#DEFAULT_MAX_BODY_BYTES} by default.
         *
         * @param value the limit, positive
         * @return this builder
         */
        public Builder maxBodyBytes(int value) {
            if (maxBodyBytesSet) {
                throw new ValidationException("maxBodyBytes", "is already set; each setting may be given once");
            }
            if (value <= 0) {
                throw new ValidationException("maxBodyBytes", "must be positive");
            }
            maxBodyBytes = value;
            maxBodyBytesSet = true;
            return this;
        }

        /**
         * @return the filter
         * @throws ValidationException if the verifier's audience is not a canonical MCP server URI
         */
        public McpBearerFilter build() {
            return new McpBearerFilter(this, resource(verifier.audience()));
        }
    }
}
