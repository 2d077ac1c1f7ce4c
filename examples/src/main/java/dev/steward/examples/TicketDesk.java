package dev.steward.examples;

import dev.steward.Steward;
import dev.steward.authz.ToolPolicy;
import dev.steward.mcp.McpCaller;
import dev.steward.mcp.McpRequestIdFilter;
import dev.steward.mcp.McpServerGuard;
import dev.steward.mcp.StewardMcp;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The MCP server of story 8: a service desk's tickets behind three tools, {@code read_ticket},
 * {@code comment_ticket} and {@code close_ticket}, served by the MCP Java SDK on its streamable
 * HTTP transport in an embedded Tomcat on 127.0.0.1 and a port the system picks. Every tool is
 * wrapped by Steward's {@link McpServerGuard}, and {@code tools/list} shows each caller only what
 * it may call.
 *
 * <p>In front of the transport, in this order: the host's authentication, which puts the verified
 * caller on the request ({@link McpCaller#ATTRIBUTE}), then {@link McpRequestIdFilter}. The
 * authentication here is a stand-in: it looks the bearer token up in a table the story set up and
 * trusts what it finds there. Verifying real tokens (an OAuth authorization server's access
 * tokens, say) is a later step of a real host; this one answers an unknown token with 401, as a
 * real one would.
 *
 * <p>Each tool counts its runs, so that a story can show that a denied call never ran.
 */
final class TicketDesk implements AutoCloseable {
    /** What the three tools mean: the action each performs, on the ticket its arguments name. */
    static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
            .tool("comment_ticket", "ticket:comment", "tickets:{project}/{id}")
            .tool("close_ticket", "ticket:close", "tickets:{project}/{id}")
            .build();
    /** The tools, in the order the server lists them. */
    static final List<String> TOOLS = List.of("read_ticket", "comment_ticket", "close_ticket");

    private static final String ENDPOINT = "/mcp";
    /** Tomcat logs its start and stop through java.util.logging; held, so that the level stays. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    static {
        TOMCAT_LOG.setLevel(Level.SEVERE);
    }

    /**
     * One ticket.
     *
     * @param title what it is about
     * @param open whether it is still open
     * @param comments its comments, oldest first
     */
    record Ticket(String title, boolean open, List<String> comments) {
        Ticket {
            comments = List.copyOf(comments);
        }

        Ticket commented(String text) {
            List<String> more = new ArrayList<>(comments);
            more.add(text);
            return new Ticket(title, open, more);
        }

        Ticket closed() {
            return new Ticket(title, false, comments);
        }

        /** {@return whether it is open, and how many comments it has} */
        String state() {
            return (open ? "open" : "closed") + ", " + comments.size() + (comments.size() == 1 ? " comment" : " comments");
        }
    }

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final McpSyncServer server;
    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;

    /**
     * Starts the server with one open ticket, {@code ops/7}.
     *
     * @param steward decides every tool call
     * @param tokens the stand-in authentication's table: a bearer token and the caller it stands for
     */
    TicketDesk(Steward steward, Map<String, McpCaller> tokens) {
        tickets.put("ops/7", new Ticket("VPN drops every hour", true, List.of()));
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(ENDPOINT).contextExtractor(StewardMcp.contextExtractor())
                // No idle-session sweeper (null turns it off): in SDK 2.2.0 it runs on a scheduler thread
                // of its own that closing the transport leaves running, and that thread would keep the
                // main job's JVM alive. The story's one session ends when its client closes.
                .sessionSweepInterval(null)
                .build();
        McpServerGuard guard = StewardMcp.server(steward, POLICY);
        server = McpServer.sync(transport).serverInfo("ticket-desk", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(guard.wrap(readTicket(), commentTicket(), closeTicket()))
                .addToolFilter(guard.toolFilter())
                .build();
        try {
            baseDir = Files.createTempDirectory("steward-ticket-desk");
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("the ticket desk has no directory to run in", e);
        }
        try {
            start(transport, new TokenTable(tokens), new McpRequestIdFilter());
        } catch (LifecycleException | RuntimeException e) {
            IllegalStateException failed = new IllegalStateException("the ticket desk did not start", e);
            try {
                close();
            } catch (RuntimeException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
    }

    /** {@return the URL of the MCP endpoint} */
    String endpoint() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + ENDPOINT;
    }

    /**
     * @param tool a tool's name
     * @return how often its body ran
     */
    int runs(String tool) {
        AtomicInteger n = runs.get(tool);
        return n == null ? 0 : n.get();
    }

    /**
     * @param project the ticket's project
     * @param id its number
     * @return the ticket as it is now
     */
    Ticket ticket(String project, int id) {
        return tickets.get(project + "/" + id);
    }

    private SyncToolSpecification readTicket() {
        return tool("read_ticket", "Reads a ticket: its title, state and comments.", false, args -> {
            Ticket t = ticket(args);
            return "ticket " + key(args) + ": " + t.title() + " (" + t.state() + ")";
        });
    }

    private SyncToolSpecification commentTicket() {
        return tool("comment_ticket", "Adds a comment to a ticket.", true, args -> {
            ticket(args);
            Ticket t = tickets.computeIfPresent(key(args), (k, old) -> old.commented(String.valueOf(args.get("text"))));
            return "comment " + t.comments().size() + " added to ticket " + key(args);
        });
    }

    private SyncToolSpecification closeTicket() {
        return tool("close_ticket", "Closes a ticket.", false, args -> {
            ticket(args);
            tickets.computeIfPresent(key(args), (k, old) -> old.closed());
            return "ticket " + key(args) + " closed";
        });
    }

    private SyncToolSpecification tool(String name, String description, boolean withText,
            Function<Map<String, Object>, String> body) {
        Map<String, Object> properties = withText
                ? Map.of("project", Map.of("type", "string"), "id", Map.of("type", "integer"),
                        "text", Map.of("type", "string"))
                : Map.of("project", Map.of("type", "string"), "id", Map.of("type", "integer"));
        Map<String, Object> schema = Map.of("type", "object", "properties", properties, "required",
                withText ? List.of("project", "id", "text") : List.of("project", "id"));
        return new SyncToolSpecification(Tool.builder(name, schema).description(description).build(),
                (exchange, request) -> {
                    runs.computeIfAbsent(name, t -> new AtomicInteger()).incrementAndGet();
                    return CallToolResult.builder().addTextContent(body.apply(request.arguments())).build();
                });
    }

    private static String key(Map<String, Object> args) {
        return args.get("project") + "/" + args.get("id");
    }

    /** The ticket the arguments name; an unknown one fails the call, which the SDK answers as an error. */
    private Ticket ticket(Map<String, Object> args) {
        Ticket t = tickets.get(key(args));
        if (t == null) {
            throw new IllegalArgumentException("no ticket " + key(args));
        }
        return t;
    }

    /** Serves the transport at the endpoint, behind the filters in order, all with async support. */
    private void start(HttpServlet transport, Filter... filters) throws LifecycleException {
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", transport);
        wrapper.setAsyncSupported(true);
        context.addServletMapping(ENDPOINT, "mcp");
        for (int i = 0; i < filters.length; i++) {
            FilterDef def = new FilterDef();
            def.setFilterName("filter-" + i);
            def.setFilter(filters[i]);
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("filter-" + i);
            map.addURLPattern(ENDPOINT);
            context.addFilterMap(map);
        }
        tomcat.start();
    }

    /** Closes the MCP server's sessions, stops Tomcat and removes its directory. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                throw new IllegalStateException("Tomcat did not stop", e);
            } finally {
                delete(baseDir);
            }
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the ticket desk's directory was not removed", e);
        }
    }

    /**
     * The host's authentication, a stand-in: the bearer token of a request is looked up in a
     * table, and the caller found there is trusted as verified. No signature, expiry or audience
     * is checked; a real host verifies the token (with its authorization server) before it
     * believes it. A request without a known token is answered with 401 and goes no further.
     */
    private static final class TokenTable implements Filter {
        private final Map<String, McpCaller> callers;

        TokenTable(Map<String, McpCaller> callers) {
            this.callers = Map.copyOf(callers);
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String authorization = ((HttpServletRequest) request).getHeader("Authorization");
            McpCaller caller = authorization != null && authorization.startsWith("Bearer ")
                    ? callers.get(authorization.substring("Bearer ".length())) : null;
            if (caller == null) {
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            request.setAttribute(McpCaller.ATTRIBUTE, caller);
            chain.doFilter(request, response);
        }
    }
}
