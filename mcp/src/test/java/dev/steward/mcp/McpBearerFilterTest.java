package dev.steward.mcp;

import static dev.steward.mcp.McpServerGuardTest.correlationId;
import static dev.steward.mcp.McpServerGuardTest.text;
import static dev.steward.mcp.TicketServer.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.tokens.IssuedToken;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bearer filter alone in front of a real SDK server on embedded Tomcat: real SDK clients that
 * send tokens Steward issued by token exchange, and plain HTTP for what the filter answers itself.
 */
class McpBearerFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    private final Governance g = new Governance();
    private final TokenDesk desk = new TokenDesk(g);
    private final TicketServer server = new TicketServer(g, TicketServer.Kind.SYNC, desk.filter());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() throws Exception {
        server.close();
        g.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(String pathAndQuery, String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String challenge(HttpResponse<?> response) {
        return response.headers().firstValue("WWW-Authenticate").orElseThrow();
    }

    /** The HTTP answer behind the SDK client's authorization failure. */
    private static HttpResponse.ResponseInfo refusal(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof McpHttpClientTransportAuthorizationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the client's failure, caused by the server's answer: %s", thrown)
                .isInstanceOf(McpHttpClientTransportAuthorizationException.class);
        return ((McpHttpClientTransportAuthorizationException) cause).getResponseInfo();
    }

    @Test
    @DisplayName("the protected resource metadata (RFC 9728) is served at the path derived from the resource URI")
    void servesMetadata() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + TokenDesk.METADATA_PATH)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode metadata = JSON.readTree(response.body());
        assertThat(metadata.get("resource").asText()).isEqualTo(TokenDesk.AUDIENCE);
        assertThat(metadata.get("authorization_servers")).extracting(JsonNode::asText).containsExactly(TokenDesk.ISSUER);
        assertThat(metadata.get("scopes_supported")).extracting(JsonNode::asText)
                .containsExactly("ticket:read", "ticket:delete");
        assertThat(metadata.get("bearer_methods_supported")).extracting(JsonNode::asText).containsExactly("header");
        assertThat(metadata.get("resource_name").asText()).isEqualTo("Ticket desk");
        assertThat(metadata.size()).isEqualTo(5);

        HttpResponse<String> posted = send(post(TokenDesk.METADATA_PATH, "{}"));
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).contains("GET");
        assertThat(send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/oauth-protected-resource")))
                .statusCode()).as("the root document belongs to a resource without a path: not this one").isEqualTo(401);
    }

    @Test
    @DisplayName("a request without a bearer token is answered 401 with the metadata URL and the scopes, and decides nothing")
    void missingToken() throws Exception {
        int events = g.events().size();
        String expected = "Bearer scope=\"ticket:read ticket:delete\", resource_metadata=\"" + TokenDesk.METADATA_URL + "\"";
        HttpResponse<String> none = send(post("/mcp", INITIALIZE));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(challenge(none)).isEqualTo(expected);
        HttpResponse<String> basic = send(post("/mcp", INITIALIZE).header("Authorization", "Basic Ym90OnNlY3JldA=="));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(challenge(basic)).isEqualTo(expected);
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .header("Accept", "text/event-stream"));
        assertThat(get.statusCode()).as("the event stream too").isEqualTo(401);

        HttpResponse.ResponseInfo sdk = refusal(() -> server.client(null));
        assertThat(sdk.statusCode()).isEqualTo(401);
        assertThat(sdk.headers().firstValue("WWW-Authenticate")).contains(expected);
        assertThat(g.events()).hasSize(events);
    }

    @Test
    @DisplayName("a malformed token, or one for another audience, is answered 401 invalid_token with the reason")
    void invalidToken() throws Exception {
        HttpResponse<String> garbage = send(post("/mcp", INITIALIZE).header("Authorization", "Bearer not.a.token"));
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(challenge(garbage)).isEqualTo("Bearer error=\"invalid_token\", error_description=\"token refused: "
                + "malformed\", resource_metadata=\"" + TokenDesk.METADATA_URL + "\"");

        IssuedToken wiki = desk.token(g.bot, TokenDesk.OTHER_AUDIENCE, "ticket:read");
        HttpResponse<String> elsewhere = send(post("/mcp", INITIALIZE).header("Authorization", "Bearer " + wiki.token()));
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(challenge(elsewhere)).startsWith("Bearer error=\"invalid_token\", "
                + "error_description=\"token refused: wrong audience\"");
        HttpResponse.ResponseInfo sdk = refusal(() -> server.client(wiki.token()));
        assertThat(sdk.statusCode()).isEqualTo(401);
        assertThat(server.runs("read_ticket")).isZero();
    }

    @Test
    @DisplayName("a token in the query string, or two Authorization headers, is answered 400 invalid_request")
    void tokenOutsideTheHeaderIsRefused() throws Exception {
        String token = desk.botToken("ticket:read");
        HttpResponse<String> query = send(post("/mcp?access_token=" + token, INITIALIZE));
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(challenge(query)).startsWith("Bearer error=\"invalid_request\"");
        HttpResponse<String> both = send(post("/mcp?x=1&access%5Ftoken=" + token, INITIALIZE)
                .header("Authorization", "Bearer " + token));
        assertThat(both.statusCode()).as("even with a valid header, and the name percent-encoded").isEqualTo(400);
        HttpResponse<String> twice = send(post("/mcp", INITIALIZE).header("Authorization", "Bearer " + token)
                .header("Authorization", "Bearer " + token));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(challenge(twice)).startsWith("Bearer error=\"invalid_request\"");
    }

    @Test
    @DisplayName("a valid token's actor and chain call the tools, the call is recorded for them, and the tool sees the token")
    void validTokenCalls() {
        IssuedToken issued = desk.token(g.bot, TokenDesk.AUDIENCE, "ticket:read");
        CallToolResult result = server.client(issued.token()).callTool(call("read_ticket", "ops", 7));
        assertThat(text(result)).isEqualTo("ticket ops/7");
        List<AuditEvent> trail = g.steward.audit().trail(correlationId(result));
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        assertThat(trail.get(0).actor()).isEqualTo(g.bot.id());
        assertThat(trail.get(0).onBehalfOf()).containsExactly(g.alice.id());
        assertThat(correlationId(result)).as("the filter read the JSON-RPC id itself").matches("mcp:[0-9a-f-]{36}:.+");
        assertThat(server.tokensSeen).singleElement().satisfies(token -> {
            assertThat(token.jti()).isEqualTo(issued.jti());
            assertThat(token.grants()).isEqualTo(issued.grants());
            assertThat(token.scope()).containsExactly("ticket:read");
        });
    }

    @Test
    @DisplayName("a tools/call whose action the token's scope lacks is answered 403 insufficient_scope naming it")
    void insufficientScope() throws Exception {
        McpSyncClient reader = server.client(desk.botToken("ticket:read"));
        HttpResponse.ResponseInfo sdk = refusal(() -> reader.callTool(call("delete_ticket", "ops", 7)));
        assertThat(sdk.statusCode()).isEqualTo(403);
        assertThat(sdk.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"insufficient_scope\", "
                + "error_description=\"the token's scope does not include the action of this tool\", "
                + "scope=\"ticket:delete\", resource_metadata=\"" + TokenDesk.METADATA_URL + "\"");
        assertThat(server.runs("delete_ticket")).isZero();
        assertThat(g.events()).noneMatch(e -> "delete_ticket".equals(e.details().get("tool")));

        String call = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_ticket\","
                + "\"arguments\":{\"project\":\"ops\",\"id\":7}}}";
        HttpResponse<String> raw = send(post("/mcp", call).header("Authorization", "Bearer " + desk.botToken("ticket:read")));
        assertThat(raw.statusCode()).as("decided on the body alone, before any session").isEqualTo(403);
        CallToolResult allowed = server.client(desk.botToken("ticket:read ticket:delete"))
                .callTool(call("delete_ticket", "ops", 7));
        assertThat(text(allowed)).isEqualTo("deleted ops/7");
    }

    @Test
    @DisplayName("an agent suspended between two calls is refused on the next call: revocation beats the token's lifetime")
    void suspensionBeatsLifetime() {
        McpSyncClient bot = server.client(desk.botToken("ticket:read"));
        assertThat(text(bot.callTool(call("read_ticket", "ops", 7)))).isEqualTo("ticket ops/7");
        g.steward.identities().suspend(g.bot.id(), g.alice.asActor(), "incident INC-9");
        HttpResponse.ResponseInfo sdk = refusal(() -> bot.callTool(call("read_ticket", "ops", 7)));
        assertThat(sdk.statusCode()).isEqualTo(401);
        assertThat(sdk.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer error=\"invalid_token\", "
                        + "error_description=\"token refused: revoked\""));
        assertThat(server.runs("read_ticket")).isEqualTo(1);
    }

    @Test
    @DisplayName("tools/list shows each token's caller the tools its grants and its token's scope both admit")
    void toolsListPerTokenCaller() {
        assertThat(server.client(desk.botToken("ticket:read ticket:delete")).listTools().tools())
                .extracting(Tool::name).containsExactly("read_ticket", "delete_ticket", "fail_ticket");
        assertThat(server.client(desk.botToken("ticket:read")).listTools().tools())
                .extracting(Tool::name).containsExactly("read_ticket", "fail_ticket");
        assertThat(server.client(desk.token(g.idle, TokenDesk.AUDIENCE, "ticket:read").token()).listTools().tools())
                .as("a token, but no grant on the tickets").isEmpty();
    }
}
