package dev.steward.tokens.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.ValidationException;
import dev.steward.tokens.ActorProof;
import dev.steward.tokens.IssuedToken;
import dev.steward.tokens.StewardTokens;
import dev.steward.tokens.TokenExchange;
import dev.steward.tokens.TokenRejectedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OAuth 2.0 token exchange endpoint (RFC 8693) for {@link StewardTokens}, independent of any
 * HTTP server: a host mounts it on its own (see {@link JdkHttpServers}) and passes each request
 * through {@link #handle}.
 *
 * <p>It takes only {@code POST} with an {@code application/x-www-form-urlencoded} body of at
 * most {@link #maxBodyBytes()} bytes, with these parameters, none of them repeated:
 * <ul>
 *   <li>{@code grant_type}: {@value #GRANT_TYPE};</li>
 *   <li>{@code subject_token} and {@code subject_token_type} ({@value #ACCESS_TOKEN_TYPE},
 *       {@value #ID_TOKEN_TYPE} or {@value #JWT_TYPE}): a token Steward issued (a re-exchange,
 *       which narrows it) or a token of a {@linkplain StewardTokens.Builder#trustIssuer trusted
 *       OpenID provider}. The in-process {@link TokenExchange.Builder#subject host-vouched
 *       subject} is never reachable from here;</li>
 *   <li>{@code actor_token} and {@code actor_token_type} {@value #API_KEY_TYPE}: the actor's
 *       Steward API key, the token type Steward defines for it;</li>
 *   <li>the target: one {@code resource} (RFC 8707, an absolute URI) or one {@code audience},
 *       or both naming the same configured audience; several targets are refused with
 *       {@code invalid_target};</li>
 *   <li>{@code scope}: the actions asked, space-separated; without it a re-exchange keeps the
 *       upstream token's scope;</li>
 *   <li>{@code requested_token_type}, optional: {@value #ACCESS_TOKEN_TYPE} or {@value #JWT_TYPE}.</li>
 * </ul>
 * Other parameters are ignored (RFC 6749 §3.2). The answer is JSON (RFC 8693 §2.2.1:
 * {@code access_token}, {@code issued_token_type}, {@code token_type} {@code Bearer},
 * {@code expires_in}, {@code scope}) or an error (RFC 6749 §5.2, RFC 8693 §2.2.2) whose code is
 * the refusal's {@link dev.steward.tokens.TokenRejection#oauthError()}, with status 400 (503 for
 * {@code temporarily_unavailable}, 405 for another method, 413 for a body too large, 500 for a
 * failure of Steward's own). An {@code error_description} never quotes a token or a key, and no
 * answer carries a stack trace. Every answer has {@code Cache-Control: no-store} and
 * {@code Pragma: no-cache}.
 *
 * <pre>{@code
 * TokenEndpoint endpoint = TokenEndpoint.of(tokens);
 * JdkHttpServers.mount(server, "/oauth2/token", endpoint);
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class TokenEndpoint implements EndpointHandler {
    /** The grant type of a token exchange (RFC 8693 §2.1). */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** The token type of an OAuth access token (RFC 8693 §3); the type of every token it issues. */
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** The token type of an OpenID Connect ID token (RFC 8693 §3). */
    public static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
    /** The token type of a JWT (RFC 8693 §3). */
    public static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    /** The token type Steward defines for an actor's Steward API key given as {@code actor_token}. */
    public static final String API_KEY_TYPE = "urn:steward:params:oauth:token-type:api-key";
    /** The body size accepted unless {@link Builder#maxBodyBytes} says otherwise: 16 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final Set<String> SINGLE = Set.of("grant_type", "subject_token", "subject_token_type",
            "actor_token", "actor_token_type", "scope", "requested_token_type");
    private static final Set<String> SUBJECT_TYPES = Set.of(ACCESS_TOKEN_TYPE, ID_TOKEN_TYPE, JWT_TYPE);
    private static final Set<String> ISSUED_TYPES = Set.of(ACCESS_TOKEN_TYPE, JWT_TYPE);
    private static final int MAX_DESCRIPTION = 300;

    private final StewardTokens tokens;
    private final int maxBodyBytes;

    private TokenEndpoint(StewardTokens tokens, int maxBodyBytes) {
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * {@return an endpoint that issues the tokens of this issuer, with the default body limit}
     *
     * @param tokens the issuer
     */
    public static TokenEndpoint of(StewardTokens tokens) {
        return builder(tokens).build();
    }

    /**
     * {@return a builder of an endpoint that issues the tokens of this issuer}
     *
     * @param tokens the issuer
     */
    public static Builder builder(StewardTokens tokens) {
        return new Builder(Objects.requireNonNull(tokens, "tokens"));
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Answers one token request.
     *
     * @param request the request
     * @return the issued token as JSON, or the OAuth error
     */
    @Override
    public EndpointResponse handle(EndpointRequest request) {
        Objects.requireNonNull(request, "request");
        if (!request.method().equals(Http.POST)) {
            return error(405, Map.of("Allow", Http.POST), "invalid_request", "the token endpoint takes POST only");
        }
        if (request.bodyLength() > maxBodyBytes) {
            return error(413, Map.of(), "invalid_request", "the body is longer than " + maxBodyBytes + " bytes");
        }
        try {
            Asked asked = read(request);
            return issued(tokens.exchange(asked.exchange()), asked.issuedType());
        } catch (BadRequest e) {
            return error(400, Map.of(), "invalid_request", e.getMessage());
        } catch (Refusal e) {
            return error(400, Map.of(), e.code, e.getMessage());
        } catch (TokenRejectedException e) {
            String code = e.reason().oauthError();
            return error(code.equals("temporarily_unavailable") ? 503 : 400, Map.of(), code, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("the token endpoint failed with an unexpected {}; it answered 500", e.getClass().getName());
            return error(500, Map.of(), "server_error", "the token endpoint failed");
        }
    }

    /** A request read: the exchange it asks for, and the token type to name in the answer. */
    private record Asked(TokenExchange exchange, String issuedType) {
    }

    private static Asked read(EndpointRequest request) {
        if (!Http.hasMediaType(request, "application/x-www-form-urlencoded")) {
            throw new BadRequest("the body must be application/x-www-form-urlencoded");
        }
        FormBody form = FormBody.parse(request.body());
        form.requireSingle(SINGLE);
        String grantType = required(form, "grant_type");
        if (!grantType.equals(GRANT_TYPE)) {
            throw new Refusal("unsupported_grant_type", "the grant_type must be " + GRANT_TYPE);
        }
        String subjectToken = required(form, "subject_token");
        if (!SUBJECT_TYPES.contains(required(form, "subject_token_type"))) {
            throw new BadRequest("the subject_token_type must be one of " + ACCESS_TOKEN_TYPE + ", " + ID_TOKEN_TYPE
                    + " and " + JWT_TYPE);
        }
        String actorToken = required(form, "actor_token");
        if (!required(form, "actor_token_type").equals(API_KEY_TYPE)) {
            throw new BadRequest("the actor_token_type must be " + API_KEY_TYPE);
        }
        String issuedType = form.get("requested_token_type").orElse(ACCESS_TOKEN_TYPE);
        if (!ISSUED_TYPES.contains(issuedType)) {
            throw new BadRequest("the requested_token_type must be " + ACCESS_TOKEN_TYPE + " or " + JWT_TYPE);
        }
        TokenExchange.Builder exchange = TokenExchange.builder().subjectToken(subjectToken)
                .actor(ActorProof.apiKey(actorToken)).audience(target(form));
        Optional<String> scope = form.get("scope");
        if (scope.isPresent()) {
            try {
                exchange.scope(scope.get());
            } catch (ValidationException e) {
                throw new Refusal("invalid_scope", "the scope must be scopes separated by single spaces");
            }
        }
        return new Asked(exchange.build(), issuedType);
    }

    private static String required(FormBody form, String name) {
        return form.get(name).orElseThrow(() -> new BadRequest("the " + name + " parameter is required"));
    }

    /** The one target of the token: a resource indicator, an audience, or both naming the same. */
    private static String target(FormBody form) {
        if (form.count("resource") > 1 || form.count("audience") > 1) {
            throw new Refusal("invalid_target", "a token has one target: give one resource or one audience");
        }
        Optional<String> resource = form.get("resource");
        Optional<String> audience = form.get("audience");
        if (resource.isPresent()) {
            requireAbsoluteUri(resource.get());
            if (audience.isPresent() && !audience.equals(resource)) {
                throw new Refusal("invalid_target", "the resource and the audience name different targets");
            }
            return resource.get();
        }
        return audience.orElseThrow(() -> new Refusal("invalid_target", "a resource or an audience is required"));
    }

    private static void requireAbsoluteUri(String resource) {
        boolean absolute;
        try {
            URI uri = new URI(resource);
            absolute = uri.isAbsolute() && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            absolute = false;
        }
        if (!absolute) {
            throw new Refusal("invalid_target", "the resource must be an absolute URI without a fragment (RFC 8707)");
        }
    }

    private static EndpointResponse issued(IssuedToken token, String issuedType) {
        ObjectNode body = Json.object();
        body.put("access_token", token.token());
        body.put("issued_token_type", issuedType);
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresIn().toSeconds());
        body.put("scope", token.scopeText());
        return json(200, Map.of(), body);
    }

    private static EndpointResponse error(int status, Map<String, String> extra, String code, String description) {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("error_description", describable(description));
        return json(status, extra, body);
    }

    /** The description in the characters RFC 6749 §5.2 allows, others replaced by {@code ?}, and bounded. */
    private static String describable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION));
        for (int i = 0; i < text.length() && out.length() < MAX_DESCRIPTION; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : '?');
        }
        return out.toString();
    }

    private static EndpointResponse json(int status, Map<String, String> extra, ObjectNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        headers.putAll(extra);
        return EndpointResponse.of(status, headers, Json.bytes(body));
    }

    @Override
    public String toString() {
        return "TokenEndpoint[" + tokens + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    /** An OAuth error other than {@code invalid_request}, found before the exchange. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Builds a {@link TokenEndpoint}. Each setting may be given once. Not thread-safe. */
    public static final class Builder {
        /** The smallest body limit {@link #maxBodyBytes} accepts: 1 KiB. */
        public static final int MIN_BODY_BYTES = 1024;
        /** The largest body limit {@link #maxBodyBytes} accepts: 1 MiB. */
        public static final int MAX_BODY_BYTES = 1024 * 1024;

        private final StewardTokens tokens;
        private Integer maxBodyBytes;

        private Builder(StewardTokens tokens) {
            this.tokens = tokens;
        }

        /**
         * Sets the longest body accepted; {@link TokenEndpoint#DEFAULT_MAX_BODY_BYTES} by default.
         *
         * @param value the limit in bytes, {@link #MIN_BODY_BYTES} to {@link #MAX_BODY_BYTES}
         * @return this builder
         */
        public Builder maxBodyBytes(int value) {
            if (maxBodyBytes != null) {
                throw new ValidationException("maxBodyBytes", "is already set; each setting may be given once");
            }
            if (value < MIN_BODY_BYTES || value > MAX_BODY_BYTES) {
                throw new ValidationException("maxBodyBytes", "must be " + MIN_BODY_BYTES + " to " + MAX_BODY_BYTES);
            }
            maxBodyBytes = value;
            return this;
        }

        /** @return the endpoint */
        public TokenEndpoint build() {
            return new TokenEndpoint(tokens, maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes);
        }
    }
}
