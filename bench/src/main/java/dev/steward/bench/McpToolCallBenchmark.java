package dev.steward.bench;

import dev.steward.mcp.McpCaller;
import dev.steward.mcp.McpRequestIdFilter;
import dev.steward.mcp.McpServerGuard;
import dev.steward.mcp.StewardMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.catalina.LifecycleException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One MCP {@code tools/call} round trip from the SDK's {@link McpSyncClient} over streamable HTTP
 * to the SDK's synchronous server in an embedded Tomcat on 127.0.0.1, to two servers in the same
 * run: {@code unguarded}, whose tool specification is the bare one, and {@code guarded}, whose
 * specification is wrapped by {@link McpServerGuard#wrap} and whose container also has
 * {@link McpRequestIdFilter} and the transport {@link StewardMcp#contextExtractor()}, as the
 * steward-mcp module is set up. Both containers have the same stand-in for the host's
 * authentication in front (it names the agent as the caller of every request), so the
 * difference is what Steward adds. {@code guardedDenied} calls a mapped tool the agent holds no
 * grant for on the guarded server: decided, stored and answered with an error result, the tool not
 * run.
 *
 * <p>The world is {@link ToolWorld}'s. Client, servers and Steward share this JVM and its cores.
 * Each call is a new JSON-RPC request id, so each guarded call has its own correlation id.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class McpToolCallBenchmark {
    private static final Map<String, Object> TICKET_SCHEMA = Map.of("type", "object", "properties",
            Map.of("project", Map.of("type", "string"), "id", Map.of("type", "integer")),
            "required", List.of("project", "id"));
    private static final CallToolRequest READ = CallToolRequest.builder("read_ticket")
            .arguments(Map.of("project", "ops", "id", 7)).build();
    private static final CallToolRequest CLOSE = CallToolRequest.builder("close_ticket")
            .arguments(Map.of("project", "ops", "id", 7)).build();

    private ToolWorld world;
    private final List<AutoCloseable> open = new ArrayList<>();
    private McpSyncClient unguardedClient;
    private McpSyncClient guardedClient;

    /**
     * Starts both servers and their clients, and checks every benchmark's outcome.
     *
     * @throws IOException if a container's base directory cannot be made
     * @throws LifecycleException if a container does not start
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException, LifecycleException {
        world = ToolWorld.build();
        McpCaller caller = McpCaller.of(world.bot().id());
        McpSchema.ServerCapabilities tools = McpSchema.ServerCapabilities.builder().tools(true).build();

        HttpServletStreamableServerTransportProvider bare = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        McpSyncServer bareServer = McpServer.sync(bare).capabilities(tools).tools(ticketTools()).build();
        open.add(bareServer::close);
        EmbeddedTomcat bareContainer = new EmbeddedTomcat(bare, List.of(authentication(caller)));
        open.add(bareContainer);

        HttpServletStreamableServerTransportProvider governed = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").contextExtractor(StewardMcp.contextExtractor()).build();
        McpServerGuard guard = StewardMcp.server(world.steward(), ToolWorld.POLICY);
        McpSyncServer guardedServer = McpServer.sync(governed).capabilities(tools)
                .tools(guard.wrap(ticketTools().toArray(SyncToolSpecification[]::new)))
                .addToolFilter(guard.toolFilter()).build();
        open.add(guardedServer::close);
        EmbeddedTomcat guardedContainer = new EmbeddedTomcat(governed,
                List.of(authentication(caller), new McpRequestIdFilter()));
        open.add(guardedContainer);

        unguardedClient = client(bareContainer.baseUrl());
        guardedClient = client(guardedContainer.baseUrl());
        check();
        world.settle();
    }

    /** The host's authentication, reduced to what it leaves behind: the request's verified caller. */
    private static Filter authentication(McpCaller caller) {
        return (request, response, chain) -> {
            request.setAttribute(McpCaller.ATTRIBUTE, caller);
            chain.doFilter(request, response);
        };
    }

    private static List<SyncToolSpecification> ticketTools() {
        return List.of(
                tool("read_ticket", "Reads one ticket",
                        args -> "ticket " + args.get("project") + "/" + args.get("id") + ": open"),
                tool("close_ticket", "Closes one ticket", args -> "closed " + args.get("project") + "/" + args.get("id")));
    }

    private static SyncToolSpecification tool(String name, String description,
            Function<Map<String, Object>, String> body) {
        return new SyncToolSpecification(Tool.builder(name, TICKET_SCHEMA).description(description).build(),
                (exchange, request) -> CallToolResult.builder().addTextContent(body.apply(request.arguments())).build());
    }

    private McpSyncClient client(String baseUrl) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        open.add(client::closeGracefully);
        client.initialize();
        return client;
    }

    private void check() {
        CallToolResult bare = unguarded();
        CallToolResult allowed = guarded();
        if (Boolean.TRUE.equals(bare.isError()) || Boolean.TRUE.equals(allowed.isError())
                || !text(allowed).equals(text(bare))) {
            throw new IllegalStateException("the guarded call did not return the tool's result: " + allowed
                    + " (bare: " + bare + ")");
        }
        CallToolResult refused = guardedDenied();
        if (!Boolean.TRUE.equals(refused.isError()) || !text(refused).startsWith(ToolWorld.NOT_GRANTED)) {
            throw new IllegalStateException("the ungranted call was not denied: " + refused);
        }
        if (guardedClient.listTools().tools().size() != 1 || unguardedClient.listTools().tools().size() != 2) {
            throw new IllegalStateException("tools/list should offer the agent read_ticket alone");
        }
    }

    private static String text(CallToolResult result) {
        return result.content().get(0) instanceof TextContent text ? text.text() : String.valueOf(result.content());
    }

    /**
     * Closes the clients, the servers and their containers, then the Steward.
     *
     * @throws Exception if one of them fails to close
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        } finally {
            world.close();
        }
    }

    /** @return the tool's result from the server without Steward */
    @Benchmark
    public CallToolResult unguarded() {
        return unguardedClient.callTool(READ);
    }

    /** @return the tool's result from the server whose tool Steward guards */
    @Benchmark
    public CallToolResult guarded() {
        return guardedClient.callTool(READ);
    }

    /** @return the guarded server's refusal of a mapped tool the agent holds no grant for */
    @Benchmark
    public CallToolResult guardedDenied() {
        return guardedClient.callTool(CLOSE);
    }
}
