package dev.steward.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An MCP session spoken as plain HTTP, so a test chooses the JSON-RPC ids itself (the SDK's client
 * numbers its requests with a random prefix of its own).
 */
final class RawMcpSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "2025-11-25";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String token;
    private final String sessionId;

    RawMcpSession(String baseUrl, String token) throws IOException, InterruptedException {
        this.endpoint = URI.create(baseUrl + "/mcp");
        this.token = token;
        HttpResponse<String> init = http.send(post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"" + VERSION + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        this.sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(post(sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * @param id the JSON-RPC id of the request
     * @param params the {@code params} of a {@code tools/call}, as JSON
     * @return the JSON-RPC response, read from the server's event stream or JSON answer
     */
    JsonNode callTool(int id, String params) throws IOException, InterruptedException {
        String answer = http.send(post(sessionId, "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"method\":\"tools/call\",\"params\":" + params + "}"), HttpResponse.BodyHandlers.ofString()).body();
        String json = answer.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring("data:".length()))
                .findFirst().orElse(answer);
        return JSON.readTree(json);
    }

    private HttpRequest post(String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", VERSION);
        }
        return request.build();
    }
}
