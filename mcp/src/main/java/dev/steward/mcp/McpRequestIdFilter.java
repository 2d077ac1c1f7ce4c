package dev.steward.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the JSON-RPC id of each MCP message posted to the endpoint and puts it on the request as
 * the attribute {@link #ATTRIBUTE}, from where {@link StewardMcp#contextExtractor()} copies it into
 * the transport context.
 *
 * <p>The MCP Java SDK hands a tool neither the JSON-RPC request nor its id; only the body of the
 * HTTP request holds it. This filter reads the body once (at most {@code maxBodyBytes}; a larger
 * body is answered with 413 before the SDK sees it), takes the top-level {@code id} and passes the
 * request on with the same body for the SDK's transport to read. Register it in front of the MCP
 * servlet, after the host's authentication and with async support on, as the SDK's transport
 * answers asynchronously. A body that is not a JSON object, or whose {@code id} is neither a
 * string nor an integer, passes on unchanged and without the attribute, for the SDK to reject.
 *
 * <p>Immutable and thread-safe.
 */
public final class McpRequestIdFilter implements Filter {
    /** The servlet request attribute and the transport context key that hold the request id. */
    public static final String ATTRIBUTE = "dev.steward.mcp.requestId";

    /** The default limit of a body, the same as the SDK's transport's: 16 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final int maxBodyBytes;

    /** A filter that reads bodies of up to {@link #DEFAULT_MAX_BODY_BYTES}. */
    public McpRequestIdFilter() {
        this(DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param maxBodyBytes the largest body read, at least the transport's own limit so that every
     *     message it accepts has its id read
     * @throws IllegalArgumentException if it is not positive
     */
    public McpRequestIdFilter(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)
                || !"POST".equals(http.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (http.getContentLengthLong() > maxBodyBytes) {
            answer.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        Optional<byte[]> body = JsonRpcBody.read(http.getInputStream(), maxBodyBytes);
        if (body.isEmpty()) {
            answer.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        requestId(body.get()).ifPresent(id -> http.setAttribute(ATTRIBUTE, id));
        chain.doFilter(new BufferedBodyRequest(http, body.get()), response);
    }

    /**
     * @param body a JSON-RPC message
     * @return its top-level {@code id} as text, if it is a string or an integer
     */
    static Optional<String> requestId(byte[] body) {
        return JsonRpcBody.parse(body).id();
    }
}
