package dev.steward.tokens.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.tokens.StewardTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a client and a resource server read before they talk to the issuer: the issuer's
 * authorization-server metadata (RFC 8414), which names its token endpoint and its keys, and its
 * JSON Web Key Set (RFC 7517), which holds every public key its tokens verify with (the current
 * one and those still in their rotation overlap). An MCP client follows the resource's metadata
 * ({@code authorization_servers}) to the first, and a resource server's verifier reads the second.
 *
 * <pre>{@code
 * DiscoveryEndpoints discovery = DiscoveryEndpoints.of(tokens,
 *     URI.create("https://steward.acme.example/oauth2/token"), URI.create("https://steward.acme.example/jwks"));
 * JdkHttpServers.mount(server, discovery.metadataPath(), discovery.metadata());
 * JdkHttpServers.mount(server, "/jwks", discovery.jwks());
 * }</pre>
 *
 * <p>Both answer {@code GET} (and {@code HEAD}) only; the key set is read anew on each request, so a
 * rotation shows at once. Immutable and thread-safe.
 */
public final class DiscoveryEndpoints {
    /** The well-known suffix of RFC 8414 §3. */
    public static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

    private final StewardTokens tokens;
    private final URI tokenEndpoint;
    private final URI jwksUri;

    private DiscoveryEndpoints(StewardTokens tokens, URI tokenEndpoint, URI jwksUri) {
        this.tokens = tokens;
        this.tokenEndpoint = tokenEndpoint;
        this.jwksUri = jwksUri;
    }

    /**
     * @param tokens the issuer
     * @param tokenEndpoint where the host mounted the {@link TokenEndpoint}: an absolute https URL
     *     (http only on a loopback host)
     * @param jwksUri where the host mounts {@link #jwks()}, the same way
     * @return the issuer's discovery endpoints
     * @throws IllegalArgumentException if a URL is not absolute https (or loopback http), or holds
     *     user information or a fragment
     */
    public static DiscoveryEndpoints of(StewardTokens tokens, URI tokenEndpoint, URI jwksUri) {
        Objects.requireNonNull(tokens, "tokens");
        return new DiscoveryEndpoints(tokens, endpoint("tokenEndpoint", tokenEndpoint), endpoint("jwksUri", jwksUri));
    }

    private static URI endpoint(String field, URI uri) {
        Objects.requireNonNull(uri, field);
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost())
                || "[::1]".equals(uri.getHost());
        if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must be an absolute https URL (http only on a loopback "
                    + "host) without user information or fragment");
        }
        return uri;
    }

    /**
     * {@return the path the metadata is served at: the well-known suffix inserted before the path
     *     of the issuer's identifier (RFC 8414 §3), e.g. {@code /.well-known/oauth-authorization-server}
     *     for {@code https://steward.acme.example}, {@code /.well-known/oauth-authorization-server/tenant}
     *     for {@code https://steward.acme.example/tenant}}
     */
    public String metadataPath() {
        String path = URI.create(tokens.issuer()).getRawPath();
        return WELL_KNOWN + (path == null || path.equals("/") ? "" : path);
    }

    /**
     * {@return the RFC 8414 metadata handler: {@code issuer}, {@code token_endpoint},
     *     {@code jwks_uri}, {@code grant_types_supported} (token exchange only),
     *     {@code token_endpoint_auth_methods_supported} ({@code none}: an actor proves itself with its
     *     {@code actor_token}), an empty {@code response_types_supported} (no authorization endpoint)}
     */
    public EndpointHandler metadata() {
        ObjectNode body = Json.object();
        body.put("issuer", tokens.issuer());
        body.put("token_endpoint", tokenEndpoint.toString());
        body.put("jwks_uri", jwksUri.toString());
        body.putArray("grant_types_supported").add(TokenEndpoint.GRANT_TYPE);
        body.putArray("token_endpoint_auth_methods_supported").add("none");
        body.putArray("response_types_supported");
        byte[] document = Json.bytes(body);
        return handler("application/json", () -> document);
    }

    /** {@return the JWKS handler: the issuer's public keys, as {@code application/jwk-set+json}} */
    public EndpointHandler jwks() {
        return handler("application/jwk-set+json", () -> tokens.jwks().getBytes(StandardCharsets.UTF_8));
    }

    private static EndpointHandler handler(String contentType, Supplier<byte[]> document) {
        return new EndpointHandler() {
            @Override
            public EndpointResponse handle(EndpointRequest request) {
                boolean head = request.method().equals("HEAD");
                if (!head && !request.method().equals("GET")) {
                    return EndpointResponse.of(405, Map.of("Allow", "GET, HEAD"), new byte[0]);
                }
                // Short caching: a rotation must reach verifiers within the overlap.
                return EndpointResponse.of(200, Map.of("Content-Type", contentType, "Cache-Control", "max-age=60"),
                        head ? new byte[0] : document.get());
            }

            @Override
            public int maxBodyBytes() {
                return 0;
            }
        };
    }

    @Override
    public String toString() {
        return "DiscoveryEndpoints[" + tokens.issuer() + ", token endpoint " + tokenEndpoint + ", jwks " + jwksUri + "]";
    }
}
