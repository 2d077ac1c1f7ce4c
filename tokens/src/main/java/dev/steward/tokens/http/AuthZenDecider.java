package dev.steward.tokens.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.Steward;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.tokens.TokenRejectedException;
import dev.steward.tokens.VerifiedToken;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides the evaluations of one request for the holder of one verified token: the subject must
 * be the token's actor, the resource must map to a Steward resource, the action must be among the
 * token's scopes, and then Steward decides (a recorded decision, correlated by the token's id).
 * A permit is {@code {"decision": true}}; a deny carries its reason in {@code context}.
 */
final class AuthZenDecider {
    private final Steward steward;
    private final Function<AuthZenResource, Optional<String>> resources;
    private final VerifiedToken token;
    private final String actorName;

    AuthZenDecider(Steward steward, Function<AuthZenResource, Optional<String>> resources, VerifiedToken token,
            String actorName) {
        this.steward = steward;
        this.resources = resources;
        this.token = token;
        this.actorName = actorName;
    }

    ObjectNode decide(AuthZenReader.Evaluation evaluation) {
        if (!evaluation.subject().id().equals(actorName)) {
            return deny("subject_mismatch", "the subject is not the actor of the bearer token");
        }
        Optional<String> resource = mapped(evaluation.resource());
        if (resource.isEmpty()) {
            return deny("resource_not_mapped", "the resource maps to no Steward resource");
        }
        AccessRequest request;
        try {
            request = token.request(evaluation.action(), resource.get());
        } catch (TokenRejectedException e) {
            return deny("insufficient_scope", "the action is not among the bearer token's scopes");
        }
        Decision d = steward.authorize(request);
        if (d.allowed()) {
            ObjectNode permit = Json.object();
            permit.put("decision", true);
            return permit;
        }
        ObjectNode deny = deny(d.reason().name().toLowerCase(Locale.ROOT), d.reason().message());
        context(deny).put("audit_event_id", d.auditEventId().value());
        return deny;
    }

    /** The host's mapping of the resource, failing closed: a mapping that throws or gives null maps nothing. */
    private Optional<String> mapped(AuthZenResource resource) {
        try {
            Optional<String> r = resources.apply(resource);
            return r == null ? Optional.empty() : r;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@return the deny of an evaluation that could not be read, its error in {@code context} as AuthZEN §7.2.1 shows} */
    static ObjectNode malformed(String message) {
        ObjectNode deny = deny("invalid_evaluation");
        ObjectNode error = context(deny).putObject("error");
        error.put("status", 400);
        error.put("message", message);
        return deny;
    }

    private static ObjectNode deny(String reason, String message) {
        ObjectNode deny = deny(reason);
        context(deny).put("message", message);
        return deny;
    }

    private static ObjectNode deny(String reason) {
        ObjectNode deny = Json.object();
        deny.put("decision", false);
        deny.putObject("context").put("reason", reason);
        return deny;
    }

    private static ObjectNode context(ObjectNode deny) {
        return (ObjectNode) deny.get("context");
    }
}
