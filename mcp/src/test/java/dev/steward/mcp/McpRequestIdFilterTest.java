package dev.steward.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class McpRequestIdFilterTest {
    private static Optional<String> id(String body) {
        return McpRequestIdFilter.requestId(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the top-level id of a JSON-RPC message is read, a string or an integer, wherever it stands")
    void readsTopLevelId() {
        assertThat(id("{\"jsonrpc\":\"2.0\",\"id\":\"a1-7\",\"method\":\"tools/call\"}")).contains("a1-7");
        assertThat(id("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"id\":99,\"arguments\":"
                + "{\"id\":[1,{\"id\":2}]}},\"id\":42}")).contains("42");
    }

    @Test
    @DisplayName("no id is read from a notification, a non-object, an id of another type, or malformed JSON")
    void noIdOtherwise() {
        assertThat(id("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":{\"id\":1}}")).isEmpty();
        assertThat(id("[{\"id\":1}]")).isEmpty();
        assertThat(id("{\"id\":1.5}")).isEmpty();
        assertThat(id("{\"id\":null}")).isEmpty();
        assertThat(id("{\"id\":{\"x\":1}}")).isEmpty();
        assertThat(id("{\"method\":\"x\",")).isEmpty();
        assertThat(id("")).isEmpty();
    }

    @Test
    @DisplayName("in a container, the id becomes a request attribute and the servlet reads the same body; "
            + "a body over the limit, of known length or not, is answered with 413")
    void inAContainer() throws Exception {
        HttpServlet echo = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String body = request.getReader().readLine();
                response.getWriter().write(request.getAttribute(McpRequestIdFilter.ATTRIBUTE) + " " + body);
            }
        };
        String message = "{\"jsonrpc\":\"2.0\",\"id\":\"r-1\",\"method\":\"tools/call\"}";
        try (EmbeddedServer server = new EmbeddedServer(echo, new McpRequestIdFilter(message.length()))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> fits = http.send(post(server, message), HttpResponse.BodyHandlers.ofString());
            assertThat(fits.body()).isEqualTo("r-1 " + message);
            HttpResponse<String> tooLarge = http.send(post(server, message + " "), HttpResponse.BodyHandlers.ofString());
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            byte[] longer = (message + " ").getBytes(StandardCharsets.UTF_8);
            HttpRequest chunked = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(longer))).build();
            assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("a body of unknown length is cut off at the limit").isEqualTo(413);
        }
    }

    private static HttpRequest post(EmbeddedServer server, String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    @DisplayName("the body limit must be positive")
    void limitMustBePositive() {
        assertThatThrownBy(() -> new McpRequestIdFilter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
