package dev.steward.tokens.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the entities of AuthZEN 1.0 requests (§5, §6.1, §7.1) strictly by their types: each a
 * JSON object, its required members strings, its {@code properties} and the {@code context} objects.
 * Unknown members are ignored (§10.1.1). A member whose value is JSON {@code null} counts as absent.
 */
final class AuthZenReader {
    /** The subject of an evaluation; its properties are not read, since the token says who it is. */
    record Subject(String type, String id) {
    }

    /** One evaluation, its entities complete. */
    record Evaluation(Subject subject, String action, AuthZenResource resource) {
    }

    /** The three defaults of a batch: top-level entities that items may leave out. */
    record Defaults(Optional<Subject> subject, Optional<String> action, Optional<AuthZenResource> resource) {
    }

    private AuthZenReader() {
    }

    /** {@return a member that is present and not null} */
    static Optional<JsonNode> member(JsonNode object, String name) {
        return Optional.ofNullable(object.get(name)).filter(n -> !n.isNull());
    }

    /**
     * {@return the defaults of a batch request, from its top level}
     *
     * @throws BadRequest if a top-level entity is malformed
     */
    static Defaults defaults(ObjectNode request) {
        requireContext(request, "context");
        return new Defaults(member(request, "subject").map(n -> subject(n, "subject")),
                member(request, "action").map(n -> action(n, "action")),
                member(request, "resource").map(n -> resource(n, "resource")));
    }

    /**
     * {@return one evaluation: an object whose missing entities the defaults supply, each entity
     *     replaced whole, never merged}
     *
     * @param where how an error names the object, e.g. {@code evaluations[2]}; empty for the request itself
     * @throws BadRequest if it is not an object, an entity is malformed, or one is neither given nor defaulted
     */
    static Evaluation evaluation(JsonNode item, Defaults defaults, String where) {
        if (!item.isObject()) {
            throw new BadRequest(where + " must be an object");
        }
        requireContext(item, name(where, "context"));
        Subject subject = member(item, "subject").map(n -> subject(n, name(where, "subject")))
                .or(defaults::subject).orElseThrow(() -> missing(where, "subject"));
        String action = member(item, "action").map(n -> action(n, name(where, "action")))
                .or(defaults::action).orElseThrow(() -> missing(where, "action"));
        AuthZenResource resource = member(item, "resource").map(n -> resource(n, name(where, "resource")))
                .or(defaults::resource).orElseThrow(() -> missing(where, "resource"));
        return new Evaluation(subject, action, resource);
    }

    /** {@return the name of a member of the object named {@code where}; the member alone at the top level} */
    private static String name(String where, String member) {
        return where.isEmpty() ? member : where + "." + member;
    }

    private static BadRequest missing(String where, String entity) {
        return new BadRequest(where.isEmpty() ? entity + " is required" : where + " has no " + entity
                + " and the request gives no default");
    }

    private static Subject subject(JsonNode node, String where) {
        object(node, where);
        requireProperties(node, where);
        return new Subject(text(node, "type", where), text(node, "id", where));
    }

    private static String action(JsonNode node, String where) {
        object(node, where);
        requireProperties(node, where);
        return text(node, "name", where);
    }

    private static AuthZenResource resource(JsonNode node, String where) {
        object(node, where);
        requireProperties(node, where);
        Map<String, Object> properties = member(node, "properties").map(Json::plainObject).orElse(Map.of());
        return new AuthZenResource(text(node, "type", where), text(node, "id", where), properties);
    }

    private static void object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new BadRequest(where + " must be an object");
        }
    }

    private static void requireProperties(JsonNode node, String where) {
        if (member(node, "properties").filter(n -> !n.isObject()).isPresent()) {
            throw new BadRequest(name(where, "properties") + " must be an object");
        }
    }

    private static void requireContext(JsonNode node, String where) {
        if (member(node, "context").filter(n -> !n.isObject()).isPresent()) {
            throw new BadRequest(where + " must be an object");
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = member(node, field).orElseThrow(() -> new BadRequest(name(where, field) + " is required"));
        if (!value.isTextual()) {
            throw new BadRequest(name(where, field) + " must be a string");
        }
        return value.textValue();
    }
}
