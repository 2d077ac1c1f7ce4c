package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.steward.tck.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * An HTTP server that follows Vault's documented API for what Steward uses, so the backend is
 * tested without a Vault binary (none can be installed where this is built). General rules from
 * https://developer.hashicorp.com/vault/api-docs: requests under {@code /v1/}, the token in
 * {@code X-Vault-Token}, the namespace in {@code X-Vault-Namespace} (Enterprise and OpenBao),
 * errors as {@code {"errors": [...]}}, 403 for a missing, unknown or expired token ("permission
 * denied"), 404 with an empty error list for nothing at a path, 503 while sealed, 429 for a
 * rate-limit quota with {@code Retry-After}. The engines: KV version 2 at {@code secret/}
 * ({@link FakeKv}), Transit at {@code transit/} ({@link FakeTransit}), AppRole and token
 * self-service ({@link FakeTokens}), and {@code sys/health}
 * (https://developer.hashicorp.com/vault/api-docs/system/health). Each namespace has its own
 * mounts. Faults are injected per request: an error status, a delay, or a dropped connection.
 */
public final class FakeVault implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Without TCP_NODELAY the JDK server's separate writes of headers and body meet the client's
        // delayed ACK, and every answer takes about 40 ms. Read once, when the server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** An answer: status, JSON body (or none), and a {@code Retry-After} in seconds (0 for none). */
    record Answer(int status, JsonNode body, int retryAfter) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body, 0);
        }

        static Answer noContent() {
            return new Answer(204, null, 0);
        }

        static Answer notFound() {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("errors");
            return new Answer(404, body, 0);
        }

        static Answer error(int status, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("errors").add(message);
            return new Answer(status, body, 0);
        }
    }

    /** What the fake saw of a request, for assertions. */
    record Seen(String method, String path, String namespace, boolean hadToken) {
    }

    private record Mounts(FakeKv kv, FakeTransit transit) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final TestClock clock;
    private final FakeTokens tokens;
    private final Map<String, Mounts> namespaces = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Queue<Answer> failures = new ArrayDeque<>();
    private final Queue<Duration> delays = new ArrayDeque<>();
    private int drops;
    private volatile boolean sealed;

    private FakeVault(HttpServer server, TestClock clock) {
        this.server = server;
        this.clock = clock;
        this.tokens = new FakeTokens(clock);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * @return a fake Vault on plain HTTP on a free loopback port (public for the benchmarks)
     * @throws IOException if no port can be bound
     */
    public static FakeVault start() throws IOException {
        return new FakeVault(HttpServer.create(loopback(), 0),
                TestClock.startingAt(Instant.parse("2026-03-02T09:00:00Z")));
    }

    /** @return a fake Vault on plain HTTP, for field initializers of tests */
    static FakeVault startOrFail() {
        try {
            return start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param tls the server's key and the authorities it trusts for client certificates
     * @param needClientAuth whether a client certificate is required
     * @return a fake Vault on HTTPS on a free loopback port
     */
    static FakeVault startTls(SSLContext tls, boolean needClientAuth) throws IOException {
        HttpsServer server = HttpsServer.create(loopback(), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                var p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        return new FakeVault(server, TestClock.startingAt(Instant.parse("2026-03-02T09:00:00Z")));
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** @return the server's address */
    public URI address() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    TestClock clock() {
        return clock;
    }

    FakeTokens tokens() {
        return tokens;
    }

    /** @return a token that is always valid */
    public String rootToken() {
        return FakeTokens.ROOT;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    void seal(boolean sealed) {
        this.sealed = sealed;
    }

    /** The next {@code count} requests are answered with this error instead of being served. */
    synchronized void failNext(int count, int status, String message, int retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            Answer a = Answer.error(status, message);
            failures.add(new Answer(a.status(), a.body(), retryAfterSeconds));
        }
    }

    /** The next {@code count} requests wait this long before they are served. */
    synchronized void delayNext(int count, Duration delay) {
        for (int i = 0; i < count; i++) {
            delays.add(delay);
        }
    }

    /** The next {@code count} requests get no answer: the server drops the connection. */
    synchronized void dropNext(int count) {
        drops += count;
    }

    /** @return the KV mount {@code secret} of a namespace ("" for the root) */
    FakeKv kv(String namespace) {
        return mounts(namespace).kv();
    }

    private Mounts mounts(String namespace) {
        return namespaces.computeIfAbsent(namespace, n -> new Mounts(new FakeKv(clock), new FakeTransit(clock)));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
            String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
            String path = exchange.getRequestURI().getRawPath();
            seen.add(new Seen(exchange.getRequestMethod(), path, namespace, token != null));
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            Duration delay;
            boolean drop;
            Answer failure;
            synchronized (this) {
                delay = delays.poll();
                drop = drops > 0;
                drops -= drop ? 1 : 0;
                failure = drop ? null : failures.poll();
            }
            if (delay != null) {
                sleep(delay);
            }
            if (drop) {
                // The handler fails before answering, so the server closes the connection.
                throw new IOException("fault injected: connection dropped");
            }
            Answer answer = failure != null ? failure
                    : route(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                            namespace == null ? "" : namespace, token, raw);
            send(exchange, answer);
        }
    }

    private Answer route(String method, String rawPath, String rawQuery, String namespace, String token, byte[] raw) {
        if (!rawPath.startsWith("/v1/")) {
            return Answer.notFound();
        }
        String path = rawPath.substring(4);
        if (path.equals("sys/health")) {
            ObjectNode h = JSON.createObjectNode().put("initialized", true).put("sealed", sealed).put("standby", false)
                    .put("performance_standby", false).put("version", "1.17.0")
                    .put("server_time_utc", clock.instant().getEpochSecond());
            return new Answer(sealed ? 503 : 200, h, 0);
        }
        if (sealed) {
            return Answer.error(503, "Vault is sealed");
        }
        JsonNode body;
        try {
            body = raw.length == 0 ? MissingNode.getInstance() : JSON.readTree(raw);
        } catch (IOException e) {
            return Answer.error(400, "failed to parse JSON input: " + e.getClass().getSimpleName());
        }
        if (path.equals("auth/approle/login") && method.equals("POST")) {
            return tokens.login(namespace, body);
        }
        if (!tokens.valid(token, namespace)) {
            return Answer.error(403, "permission denied");
        }
        if (path.startsWith("auth/token/")) {
            return tokens.self(method, path.substring("auth/token/".length()), token, body);
        }
        Mounts mounts = mounts(namespace);
        if (path.startsWith("secret/")) {
            String rest = path.substring("secret/".length());
            int slash = rest.indexOf('/');
            String op = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            return mounts.kv().handle(method, op, key, query(rawQuery), body);
        }
        if (path.startsWith("transit/")) {
            return mounts.transit().handle(method, path.substring("transit/".length()), body);
        }
        return Answer.error(404, "no handler for route \"" + path + "\". route entry not found.");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.retryAfter() > 0) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(answer.retryAfter()));
        }
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsString(answer.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wraps a payload in Vault's response envelope. */
    static ObjectNode data(JsonNode payload) {
        ObjectNode r = JSON.createObjectNode();
        r.put("request_id", UUID.randomUUID().toString()).put("lease_id", "").put("renewable", false)
                .put("lease_duration", 0);
        r.set("data", payload);
        r.putNull("wrap_info");
        r.putNull("warnings");
        r.putNull("auth");
        return r;
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
