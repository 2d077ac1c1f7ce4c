package dev.steward.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The body of an HTTP request posted to the MCP endpoint, read ahead by a filter, and the parts of
 * its JSON-RPC message the filters need: the request id, the method and, for {@code tools/call},
 * the tool's name, read as the SDK's Jackson reads the message: a name given twice counts as the
 * last one, and what follows the object is not read.
 *
 * @param id the top-level {@code id}, if it is a string or an integer
 * @param method the top-level {@code method}, if it is a string
 * @param toolName {@code params.name}, if it is a string
 */
record JsonRpcBody(Optional<String> id, Optional<String> method, Optional<String> toolName) {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonRpcBody NONE = new JsonRpcBody(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * @param in the request's body
     * @param maxBytes the longest body read
     * @return the body, or empty if it is longer than the limit
     */
    static Optional<byte[]> read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (body.size() + n > maxBytes) {
                return Optional.empty();
            }
            body.write(chunk, 0, n);
        }
        return Optional.of(body.toByteArray());
    }

    /**
     * @param body a JSON-RPC message
     * @return its parts; all empty when the body does not begin with a well-formed JSON object
     */
    static JsonRpcBody parse(byte[] body) {
        Optional<String> id = Optional.empty();
        Optional<String> method = Optional.empty();
        Optional<String> toolName = Optional.empty();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT
                            ? Optional.of(parser.getText()) : Optional.empty();
                    case "method" -> method = value == JsonToken.VALUE_STRING ? Optional.of(parser.getText())
                            : Optional.empty();
                    case "params" -> toolName = value == JsonToken.START_OBJECT ? name(parser) : Optional.empty();
                    default -> parser.skipChildren();
                }
            }
            return parser.currentToken() == JsonToken.END_OBJECT ? new JsonRpcBody(id, method, toolName) : NONE;
        } catch (IOException malformed) {
            return NONE;
        }
    }

    /**
     * Reads the {@code params} object the parser stands at, to its end.
     *
     * @return its {@code name}, if it is a string
     */
    private static Optional<String> name(JsonParser parser) throws IOException {
        Optional<String> name = Optional.empty();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isName = "name".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (isName) {
                name = value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
            }
            parser.skipChildren();
        }
        return name;
    }
}
