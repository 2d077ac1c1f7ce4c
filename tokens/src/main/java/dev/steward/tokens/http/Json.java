package dev.steward.tokens.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of the endpoints. Reading is I-JSON strict (RFC 7493): UTF-8 only, a member
 * name given twice is refused, nothing may follow the value, and nesting is bounded.
 */
final class Json {
    /** The deepest nesting of arrays and objects read. */
    static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** @return a new, empty JSON object */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@return the JSON text of a value, as UTF-8 bytes} */
    static byte[] bytes(JsonNode value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * {@return the JSON object a body holds}
     *
     * @throws BadRequest if the body is not well-formed UTF-8, not one JSON value, or not an object
     */
    static ObjectNode readObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(Http.utf8(body));
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not well-formed JSON (a duplicated member name, or nesting deeper than "
                    + MAX_DEPTH + ", is refused)");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** {@return a JSON object as plain Java: maps, lists, strings, numbers, booleans and nulls} */
    static Map<String, Object> plainObject(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        return Collections.unmodifiableMap(map);
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            return plainObject(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
