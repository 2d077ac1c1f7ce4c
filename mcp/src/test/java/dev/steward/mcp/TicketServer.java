package dev.steward.mcp;

import dev.steward.tokens.VerifiedToken;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpAsyncListFilter;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.catalina.LifecycleException;
import reactor.core.publisher.Mono;

/**
 * A real MCP server (the SDK's, on the streamable HTTP servlet transport in an embedded Tomcat)
 * whose tools are guarded by Steward, and real SDK clients for it. Each tool counts its runs;
 * {@code fail_ticket} is mapped like {@code read_ticket}: it throws, or for ticket 8 returns an
 * {@code isError} result.
 */
final class TicketServer implements AutoCloseable {
    static final Map<String, Object> TICKET_SCHEMA = Map.of("type", "object", "properties",
            Map.of("project", Map.of("type", "string"), "id", Map.of("type", "integer")),
            "required", List.of("project", "id"));

    /** How the server is put together. */
    enum Kind {
        /** A synchronous server, every filter in place. */
        SYNC,
        /** An asynchronous server, every filter in place. */
        ASYNC,
        /** A synchronous server whose container lacks the request-id filter. */
        WITHOUT_REQUEST_ID_FILTER
    }

    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    /** The verified tokens the synchronous tools found in their transport context, in call order. */
    final List<VerifiedToken> tokensSeen = new CopyOnWriteArrayList<>();
    private final HttpServletStreamableServerTransportProvider transport;
    private final Runnable server;
    private final EmbeddedServer container;
    private final List<McpSyncClient> clients = new ArrayList<>();

    TicketServer(Governance g, Map<String, McpCaller> tokens, Kind kind) {
        this(g, kind, kind == Kind.WITHOUT_REQUEST_ID_FILTER ? new Filter[] {new BearerTokenFilter(tokens)}
                : new Filter[] {new BearerTokenFilter(tokens), new McpRequestIdFilter()});
    }

    /**
     * @param kind {@code SYNC} or {@code ASYNC}
     * @param filters the container's filters in front of the transport, in order
     */
    TicketServer(Governance g, Kind kind, Filter... filters) {
        transport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp")
                .contextExtractor(StewardMcp.contextExtractor()).build();
        McpServerGuard guard = StewardMcp.server(g.steward, Governance.POLICY);
        McpSchema.ServerCapabilities tools = McpSchema.ServerCapabilities.builder().tools(true).build();
        if (kind == Kind.ASYNC) {
            McpAsyncServer async = McpServer.async(transport).capabilities(tools)
                    .tools(guard.wrap(asyncTools())).addToolFilter(McpAsyncListFilter.fromSync(guard.toolFilter(), true))
                    .build();
            server = async::close;
        } else {
            McpSyncServer sync = McpServer.sync(transport).capabilities(tools).tools(guard.wrap(syncTools()))
                    .addToolFilter(guard.toolFilter()).build();
            server = sync::close;
        }
        container = new EmbeddedServer(transport, filters);
    }

    private SyncToolSpecification[] syncTools() {
        return new SyncToolSpecification[] {
            sync("read_ticket", args -> "ticket " + args.get("project") + "/" + args.get("id")),
            sync("delete_ticket", args -> "deleted " + args.get("project") + "/" + args.get("id")),
            new SyncToolSpecification(tool("fail_ticket"), (exchange, request) -> {
                if (Integer.valueOf(8).equals(request.arguments().get("id"))) {
                    return CallToolResult.builder().addTextContent("ticket 8 is locked").isError(true).build();
                }
                throw new IllegalStateException("the ticket store is down");
            }),
            sync("echo", args -> "echo")
        };
    }

    private AsyncToolSpecification[] asyncTools() {
        return new AsyncToolSpecification[] {
            new AsyncToolSpecification(tool("read_ticket"), (exchange, request) -> Mono.fromSupplier(
                    () -> text(request.name(), "ticket " + request.arguments().get("project") + "/"
                            + request.arguments().get("id")))),
            new AsyncToolSpecification(tool("delete_ticket"),
                    (exchange, request) -> Mono.fromSupplier(() -> text(request.name(), "deleted")))
        };
    }

    private SyncToolSpecification sync(String name, Function<Map<String, Object>, String> body) {
        return new SyncToolSpecification(tool(name), (exchange, request) -> {
            McpBearerFilter.token(exchange.transportContext()).ifPresent(tokensSeen::add);
            return text(request.name(), body.apply(request.arguments()));
        });
    }

    private static Tool tool(String name) {
        return Tool.builder(name, TICKET_SCHEMA).description("works on one ticket").build();
    }

    private CallToolResult text(String tool, String text) {
        runs.computeIfAbsent(tool, t -> new AtomicInteger()).incrementAndGet();
        return CallToolResult.builder().addTextContent(text).build();
    }

    /** {@return the server's base URL, without the endpoint} */
    String baseUrl() {
        return container.baseUrl();
    }

    /** {@return how often the tool ran} */
    int runs(String tool) {
        AtomicInteger n = runs.get(tool);
        return n == null ? 0 : n.get();
    }

    /**
     * @param token the bearer token the client sends, or {@code null} for none
     * @return an initialized client, closed with the server
     */
    McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport.Builder http = HttpClientStreamableHttpTransport.builder(container.baseUrl())
                .endpoint("/mcp");
        if (token != null) {
            http.addHttpRequestCustomizer((request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token));
        }
        McpSyncClient client = McpClient.sync(http.build()).requestTimeout(Duration.ofSeconds(30)).build();
        synchronized (clients) {
            clients.add(client);
        }
        client.initialize();
        return client;
    }

    /** {@return a call of a ticket tool} */
    static CallToolRequest call(String tool, String project, int id) {
        return CallToolRequest.builder(tool).arguments(Map.of("project", project, "id", id)).build();
    }

    @Override
    public void close() throws LifecycleException, IOException {
        synchronized (clients) {
            clients.forEach(McpSyncClient::closeGracefully);
        }
        server.run();
        container.close();
    }
}
