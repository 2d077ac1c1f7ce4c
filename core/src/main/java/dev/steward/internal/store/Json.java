package dev.steward.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.identity.Approval;
import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The parts every entity document shares: the JSON mapper, instants as ISO-8601 text, optionals
 * left out when absent, sets as arrays, and an approval as a nested object.
 */
final class Json {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void approval(ObjectNode o, Approval a) {
        ObjectNode node = o.putObject("approval");
        node.put("approver", a.approver().value());
        node.put("reference", a.reference());
        node.put("at", a.at().toString());
    }

    static Optional<Approval> approval(JsonNode o) {
        JsonNode a = o.get("approval");
        return a == null ? Optional.empty()
                : Optional.of(new Approval(IdentityId.of(text(a, "approver")), text(a, "reference"), instant(a, "at")));
    }

    static <T> void strings(ObjectNode o, String field, java.util.Collection<T> values,
            Function<T, String> text) {
        ArrayNode array = o.putArray(field);
        values.forEach(v -> array.add(text.apply(v)));
    }

    static <T> Set<T> set(JsonNode o, String field, Function<String, T> parse) {
        Set<T> values = new LinkedHashSet<>();
        o.path(field).forEach(v -> values.add(parse.apply(v.asText())));
        return values;
    }

    static JsonNode parse(String doc) {
        try {
            return JSON.readTree(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is not JSON", e);
        }
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException("a stored document lacks its " + field);
        }
        return v.asText();
    }

    static Instant instant(JsonNode o, String field) {
        return Instant.parse(text(o, field));
    }

    static <T> Optional<T> optional(JsonNode o, String field, Function<String, T> parse) {
        return o.has(field) ? Optional.of(parse.apply(text(o, field))) : Optional.empty();
    }
}
