package dev.steward.tokens.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mounts an {@link EndpointHandler} on the JDK's own HTTP server ({@code jdk.httpserver}): the
 * request's method, headers and body (read up to one byte past the handler's limit) go in, the
 * handler's response goes out. Only the exact path is served; anything below it answers 404.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8443), 0);
 * JdkHttpServers.mount(server, "/oauth2/token", TokenEndpoint.of(tokens));
 * JdkHttpServers.mount(server, AuthZenEndpoint.EVALUATION_PATH, authzen.evaluation());
 * JdkHttpServers.mount(server, AuthZenEndpoint.EVALUATIONS_PATH, authzen.evaluations());
 * server.start();
 * }</pre>
 *
 * Put the server behind TLS (an {@code HttpsServer}, or a terminating proxy): the bodies carry
 * bearer tokens and keys.
 */
public final class JdkHttpServers {
    private JdkHttpServers() {
    }

    /**
     * Serves a handler at a path.
     *
     * @param server the server
     * @param path the exact path, e.g. {@code /oauth2/token}
     * @param handler the handler
     * @return the server's context for the path
     */
    public static HttpContext mount(HttpServer server, String path, EndpointHandler handler) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        return server.createContext(path, exchange -> serve(exchange, path, handler));
    }

    private static void serve(HttpExchange exchange, String path, EndpointHandler handler) throws IOException {
        try {
            if (!exchange.getRequestURI().getRawPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            EndpointRequest.Builder request = EndpointRequest.builder(exchange.getRequestMethod());
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                header.getValue().forEach(v -> request.header(header.getKey(), v));
            }
            try (InputStream in = exchange.getRequestBody()) {
                request.body(in.readNBytes((int) Math.min(handler.maxBodyBytes() + 1L, Integer.MAX_VALUE)));
            }
            EndpointResponse response = handler.handle(request.build());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }
}
