package dev.steward.tokens.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import dev.steward.tokens.TokenRejectedException;
import dev.steward.tokens.TokenRejection;
import dev.steward.tokens.TokenVerifier;
import dev.steward.tokens.VerifiedToken;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decision endpoint of the OpenID AuthZEN Authorization API 1.0: the Access Evaluation API
 * ({@link #evaluation()}, {@value #EVALUATION_PATH}) and the Access Evaluations API
 * ({@link #evaluations()}, {@value #EVALUATIONS_PATH}), so that a gateway or a server in another
 * language can ask Steward. Independent of any HTTP server; see {@link JdkHttpServers}.
 *
 * <p><b>Who is asking.</b> Every request carries a delegation token as {@code Authorization:
 * Bearer}, which the {@link TokenVerifier} checks (signature, issuer, audience, times, and live
 * standing of its chain and grants); a request without an accepted token answers 401 with a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750), 503 if the check could not be made. The
 * token, never the body, says who acts: an evaluation whose {@code subject.id} is not the token's
 * actor (as {@link Builder#subjectIds} names it) is a deny, {@code subject_mismatch}. The
 * subject's {@code type} and {@code properties} are not used.
 *
 * <p><b>What is decided.</b> {@code action.name} is the Steward action and must be among the
 * token's scopes (else a deny, {@code insufficient_scope}); the resource becomes a Steward
 * resource through {@link Builder#resources}, {@code type:id} by default (else a deny,
 * {@code resource_not_mapped}); then Steward decides
 * {@code steward.authorize(token.request(action, resource))}: the token's actor, on behalf of its
 * chain, correlated by the token's {@code jti}, a recorded decision. {@code context} and action
 * properties are not used. A permit answers {@code {"decision": true}}; a deny
 * {@code {"decision": false, "context": {"reason": ..., "message": ...}}}, the reason a lowercase
 * {@link dev.steward.authz.DecisionReason} with the decision's {@code audit_event_id}, or one of
 * the reasons above, which no Steward decision records.
 *
 * <p><b>Batches.</b> {@link #evaluations()} takes an {@code evaluations} array (at most
 * {@link Builder#maxEvaluations}) whose items inherit the top-level {@code subject},
 * {@code action} and {@code resource} they leave out (each replaced whole), and
 * {@code options.evaluations_semantic}: {@code execute_all} (the default),
 * {@code deny_on_first_deny} or {@code permit_on_first_permit}, which end the answer's array at
 * the first deny or permit. An item that cannot be read is a deny ({@code invalid_evaluation},
 * with an {@code error} of status 400), the others still decided. Without an array, or with an
 * empty one, it answers as {@link #evaluation()}.
 *
 * <p><b>Transport.</b> Only {@code POST} of {@code application/json} (a body of at most
 * {@link Builder#maxBodyBytes} bytes: UTF-8, no member name twice, nesting at most 32 deep);
 * unknown members are ignored. A request that cannot be read answers 400, a missing entity of a
 * single evaluation among them; another method 405; too large a body 413. Errors are
 * {@code {"error": {"status": ..., "message": ...}}}, never with a stack trace or token text. An
 * {@code X-Request-ID} is echoed.
 *
 * <pre>{@code
 * AuthZenEndpoint authzen = AuthZenEndpoint.builder(steward, tokens.verifier("https://tickets.acme.example/mcp"))
 *     .resources(r -> Optional.of("tickets:" + r.id()))
 *     .build();
 * JdkHttpServers.mount(server, AuthZenEndpoint.EVALUATION_PATH, authzen.evaluation());
 * JdkHttpServers.mount(server, AuthZenEndpoint.EVALUATIONS_PATH, authzen.evaluations());
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class AuthZenEndpoint {
    /** The default path of the Access Evaluation API (AuthZEN 1.0 §10.1). */
    public static final String EVALUATION_PATH = "/access/v1/evaluation";
    /** The default path of the Access Evaluations API (AuthZEN 1.0 §10.1). */
    public static final String EVALUATIONS_PATH = "/access/v1/evaluations";
    /** The body size accepted unless {@link Builder#maxBodyBytes} says otherwise: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** The batch size accepted unless {@link Builder#maxEvaluations} says otherwise. */
    public static final int DEFAULT_MAX_EVALUATIONS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(AuthZenEndpoint.class);
    private static final String BEARER = "bearer ";

    /** How a batch ends (AuthZEN 1.0 §7.1.2.1). */
    private enum Semantic {
        EXECUTE_ALL, DENY_ON_FIRST_DENY, PERMIT_ON_FIRST_PERMIT
    }

    private final Steward steward;
    private final TokenVerifier verifier;
    private final Function<AuthZenResource, Optional<String>> resources;
    private final Function<IdentityId, String> subjectIds;
    private final int maxBodyBytes;
    private final int maxEvaluations;
    private final EndpointHandler evaluation = new Handler(false);
    private final EndpointHandler evaluations = new Handler(true);

    private AuthZenEndpoint(Builder b) {
        this.steward = b.steward;
        this.verifier = b.verifier;
        this.resources = b.resources == null ? r -> Optional.of(r.typeColonId()) : b.resources;
        this.subjectIds = b.subjectIds == null ? IdentityId::value : b.subjectIds;
        this.maxBodyBytes = b.maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : b.maxBodyBytes;
        this.maxEvaluations = b.maxEvaluations == null ? DEFAULT_MAX_EVALUATIONS : b.maxEvaluations;
    }

    /**
     * {@return a builder of an endpoint that decides with this Steward for the holders of tokens this verifier accepts}
     *
     * @param steward the Steward that decides, on the store the tokens' grants are in
     * @param verifier the verifier of the bearer tokens, for the audience the PEPs serve
     */
    public static Builder builder(Steward steward, TokenVerifier verifier) {
        return new Builder(Objects.requireNonNull(steward, "steward"), Objects.requireNonNull(verifier, "verifier"));
    }

    /** @return the handler of the Access Evaluation API, to mount at {@link #EVALUATION_PATH} */
    public EndpointHandler evaluation() {
        return evaluation;
    }

    /** @return the handler of the Access Evaluations API, to mount at {@link #EVALUATIONS_PATH} */
    public EndpointHandler evaluations() {
        return evaluations;
    }

    @Override
    public String toString() {
        return "AuthZenEndpoint[" + verifier + ", maxBodyBytes=" + maxBodyBytes + ", maxEvaluations="
                + maxEvaluations + "]";
    }

    /** One of the two APIs. */
    private final class Handler implements EndpointHandler {
        private final boolean batch;

        Handler(boolean batch) {
            this.batch = batch;
        }

        @Override
        public int maxBodyBytes() {
            return maxBodyBytes;
        }

        @Override
        public EndpointResponse handle(EndpointRequest request) {
            Objects.requireNonNull(request, "request");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            try {
                Http.single(request, "X-Request-ID").ifPresent(id -> headers.put("X-Request-ID", id));
                if (!request.method().equals(Http.POST)) {
                    headers.put("Allow", Http.POST);
                    return error(405, headers, "the Authorization API takes POST only");
                }
                if (request.bodyLength() > maxBodyBytes) {
                    return error(413, headers, "the body is longer than " + maxBodyBytes + " bytes");
                }
                VerifiedToken token = bearer(request);
                if (!Http.hasMediaType(request, "application/json")) {
                    throw new BadRequest("the body must be application/json");
                }
                ObjectNode body = Json.readObject(request.body());
                AuthZenDecider decider = new AuthZenDecider(steward, resources, token, subjectIds.apply(token.actor()));
                return EndpointResponse.of(200, headers, Json.bytes(answer(body, decider)));
            } catch (BadRequest e) {
                return error(400, headers, e.getMessage());
            } catch (Unauthenticated e) {
                e.challenge.ifPresent(c -> headers.put("WWW-Authenticate", c));
                return error(e.status, headers, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("the AuthZEN endpoint failed with an unexpected {}; it answered 500", e.getClass().getName());
                return error(500, headers, "the Authorization API failed");
            }
        }

        private ObjectNode answer(ObjectNode body, AuthZenDecider decider) {
            Optional<JsonNode> items = batch ? AuthZenReader.member(body, "evaluations") : Optional.empty();
            if (items.isPresent() && !items.get().isArray()) {
                throw new BadRequest("evaluations must be an array");
            }
            AuthZenReader.Defaults defaults = AuthZenReader.defaults(body);
            if (items.isEmpty() || items.get().isEmpty()) {
                return decider.decide(AuthZenReader.evaluation(body, defaults, ""));
            }
            if (items.get().size() > maxEvaluations) {
                throw new BadRequest("evaluations must hold at most " + maxEvaluations + " items");
            }
            Semantic semantic = semantic(body);
            ObjectNode answer = Json.object();
            ArrayNode decisions = answer.putArray("evaluations");
            for (int i = 0; i < items.get().size(); i++) {
                ObjectNode d;
                try {
                    d = decider.decide(AuthZenReader.evaluation(items.get().get(i), defaults, "evaluations[" + i + "]"));
                } catch (BadRequest e) {
                    d = AuthZenDecider.malformed(e.getMessage());
                }
                decisions.add(d);
                boolean permit = d.get("decision").booleanValue();
                if (semantic == Semantic.DENY_ON_FIRST_DENY && !permit
                        || semantic == Semantic.PERMIT_ON_FIRST_PERMIT && permit) {
                    break;
                }
            }
            return answer;
        }
    }

    /**
     * {@return the verified bearer token}
     *
     * @throws Unauthenticated if there is none or it is refused (401, with a challenge), or it could not be checked (503)
     */
    private VerifiedToken bearer(EndpointRequest request) {
        Optional<String> authorization = Http.single(request, "Authorization");
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Unauthenticated(401, "the request carries no bearer token", Optional.of("Bearer"));
        }
        try {
            return verifier.verify(authorization.get().substring(BEARER.length()).strip());
        } catch (TokenRejectedException e) {
            if (e.reason() == TokenRejection.UNAVAILABLE) {
                throw new Unauthenticated(503, "the bearer token could not be checked now", Optional.empty());
            }
            throw new Unauthenticated(401, "the bearer token is refused: " + e.reason(), Optional.of(
                    "Bearer error=\"invalid_token\", error_description=\"the token is refused: " + e.reason() + "\""));
        }
    }

    /** No accepted bearer token: the status, and the challenge to send with a 401. */
    private static final class Unauthenticated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final transient Optional<String> challenge;

        Unauthenticated(int status, String message, Optional<String> challenge) {
            super(message, null, false, false);
            this.status = status;
            this.challenge = challenge;
        }
    }

    private static Semantic semantic(ObjectNode body) {
        Optional<JsonNode> options = AuthZenReader.member(body, "options");
        if (options.isEmpty()) {
            return Semantic.EXECUTE_ALL;
        }
        if (!options.get().isObject()) {
            throw new BadRequest("options must be an object");
        }
        Optional<JsonNode> value = AuthZenReader.member(options.get(), "evaluations_semantic");
        if (value.isEmpty()) {
            return Semantic.EXECUTE_ALL;
        }
        for (Semantic s : Semantic.values()) {
            if (value.get().isTextual() && value.get().textValue().equals(s.name().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new BadRequest("options.evaluations_semantic must be execute_all, deny_on_first_deny or "
                + "permit_on_first_permit");
    }

    private static EndpointResponse error(int status, Map<String, String> headers, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("status", status);
        error.put("message", message);
        return EndpointResponse.of(status, headers, Json.bytes(body));
    }

    /**
     * Builds an {@link AuthZenEndpoint}. Each setting may be given once. Not thread-safe.
     */
    public static final class Builder {
        /** The smallest body limit {@link #maxBodyBytes} accepts: 1 KiB. */
        public static final int MIN_BODY_BYTES = 1024;
        /** The largest body limit {@link #maxBodyBytes} accepts: 4 MiB. */
        public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
        /** The largest batch {@link #maxEvaluations} accepts. */
        public static final int MAX_EVALUATIONS = 1000;

        private final Steward steward;
        private final TokenVerifier verifier;
        private Function<AuthZenResource, Optional<String>> resources;
        private Function<IdentityId, String> subjectIds;
        private Integer maxBodyBytes;
        private Integer maxEvaluations;

        private Builder(Steward steward, TokenVerifier verifier) {
            this.steward = steward;
            this.verifier = verifier;
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new ValidationException(setting, "is already set; each setting may be given once");
            }
        }

        /**
         * Sets how an AuthZEN resource becomes the concrete Steward resource decided on; by
         * default {@code type:id} ({@link AuthZenResource#typeColonId()}). The mapping may read the
         * resource's properties, which the PEP sent. An empty result, or a mapping that throws,
         * makes the evaluation a deny ({@code resource_not_mapped}); a result Steward cannot read
         * as a resource is a recorded deny ({@code invalid_request}).
         *
         * @param value the mapping, e.g. {@code r -> Optional.of("todo:" + r.properties().get("ownerID") + "/" + r.id())}
         * @return this builder
         */
        public Builder resources(Function<AuthZenResource, Optional<String>> value) {
            once(resources, "resources");
            resources = Objects.requireNonNull(value, "resources");
            return this;
        }

        /**
         * Sets how the PEPs name the token's actor in {@code subject.id}; by default the Steward
         * identity id itself. Called once per request, with the actor of its verified token.
         *
         * @param value the name of an identity as the PEPs know it, e.g. from the host's user directory
         * @return this builder
         */
        public Builder subjectIds(Function<IdentityId, String> value) {
            once(subjectIds, "subjectIds");
            subjectIds = Objects.requireNonNull(value, "subjectIds");
            return this;
        }

        /**
         * Sets the longest body accepted; {@link AuthZenEndpoint#DEFAULT_MAX_BODY_BYTES} by default.
         *
         * @param value the limit in bytes, {@link #MIN_BODY_BYTES} to {@link #MAX_BODY_BYTES}
         * @return this builder
         */
        public Builder maxBodyBytes(int value) {
            once(maxBodyBytes, "maxBodyBytes");
            if (value < MIN_BODY_BYTES || value > MAX_BODY_BYTES) {
                throw new ValidationException("maxBodyBytes", "must be " + MIN_BODY_BYTES + " to " + MAX_BODY_BYTES);
            }
            maxBodyBytes = value;
            return this;
        }

        /**
         * Sets the most evaluations one batch may hold; {@link AuthZenEndpoint#DEFAULT_MAX_EVALUATIONS} by default.
         *
         * @param value the limit, 1 to {@link #MAX_EVALUATIONS}
         * @return this builder
         */
        public Builder maxEvaluations(int value) {
            once(maxEvaluations, "maxEvaluations");
            if (value < 1 || value > MAX_EVALUATIONS) {
                throw new ValidationException("maxEvaluations", "must be 1 to " + MAX_EVALUATIONS);
            }
            maxEvaluations = value;
            return this;
        }

        /** @return the endpoint */
        public AuthZenEndpoint build() {
            return new AuthZenEndpoint(this);
        }
    }
}
