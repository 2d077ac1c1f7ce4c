package dev.steward.tokens;

import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One token exchange request (RFC 8693 §2.1) to {@link StewardTokens#exchange}: who the token is
 * for (the subject), who will use it (the actor, with its proof), for which audience and scope.
 *
 * <pre>{@code
 * TokenExchange.builder()
 *     .subjectToken(aliceIdToken)            // an upstream Steward token, or one of a trusted OpenID issuer
 *     .actor(ActorProof.apiKey(botKey))
 *     .audience("https://tickets.acme.example/mcp")
 *     .scope("ticket:read ticket:comment")
 *     .build();
 * }</pre>
 *
 * Immutable; its {@code toString} shows neither the subject token nor the actor's key.
 */
public final class TokenExchange {
    private final String subjectToken;
    private final IdentityId subject;
    private final ActorProof actor;
    private final String audience;
    private final List<String> scope;

    private TokenExchange(Builder b) {
        this.subjectToken = b.subjectToken;
        this.subject = b.subject;
        this.actor = b.actor;
        this.audience = b.audience;
        this.scope = b.scope == null ? null : List.copyOf(b.scope);
    }

    /** @return a builder; a subject, the actor and the audience are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the subject token, when the subject is given as a token */
    public Optional<String> subjectToken() {
        return Optional.ofNullable(subjectToken);
    }

    /** @return the subject, when the host names it in-process */
    public Optional<IdentityId> subject() {
        return Optional.ofNullable(subject);
    }

    /** @return the actor's proof */
    public ActorProof actor() {
        return actor;
    }

    /** @return the requested audience (RFC 8707 resource indicator) */
    public String audience() {
        return audience;
    }

    /**
     * {@return the requested scopes, duplicates removed, in the order given; empty when none was
     *     asked, which re-exchanges the upstream token's scope}
     */
    public Optional<List<String>> scope() {
        return Optional.ofNullable(scope);
    }

    @Override
    public String toString() {
        return "TokenExchange[subject=" + (subject != null ? subject : "token") + ", actor=" + actor
                + ", audience=" + audience + ", scope=" + (scope == null ? "upstream" : String.join(" ", scope)) + "]";
    }

    /**
     * Builds a {@link TokenExchange}. Each setting may be given once; exactly one of
     * {@link #subjectToken} and {@link #subject} is required, as are {@link #actor} and
     * {@link #audience}. Not thread-safe.
     */
    public static final class Builder {
        private String subjectToken;
        private IdentityId subject;
        private ActorProof actor;
        private String audience;
        private List<String> scope;

        private Builder() {
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new ValidationException(setting, "is already set; each setting may be given once");
            }
        }

        /**
         * Sets the subject as a token: a token Steward issued (a re-exchange, which narrows it), or
         * an ID or access token of a {@linkplain StewardTokens.Builder#trustIssuer trusted OpenID issuer}.
         *
         * @param value the subject token, as presented
         * @return this builder
         */
        public Builder subjectToken(String value) {
            once(subjectToken, "subjectToken");
            subjectToken = Objects.requireNonNull(value, "subjectToken");
            return this;
        }

        /**
         * Sets the subject by its id, in-process only: the host vouches for it (never take it from
         * a request a remote party sent).
         *
         * @param value the identity the actor will act for; the actor itself for a token on its own account
         * @return this builder
         */
        public Builder subject(IdentityId value) {
            once(subject, "subject");
            subject = Objects.requireNonNull(value, "subject");
            return this;
        }

        /**
         * Sets the actor's proof of who it is.
         *
         * @param value the actor's API key or signed challenge
         * @return this builder
         */
        public Builder actor(ActorProof value) {
            once(actor, "actor");
            actor = Objects.requireNonNull(value, "actor");
            return this;
        }

        /**
         * Sets the audience the token is for.
         *
         * @param value the audience (RFC 8707 resource indicator), one {@linkplain
         *     StewardTokens.Builder#audience configured} with Steward
         * @return this builder
         */
        public Builder audience(String value) {
            once(audience, "audience");
            audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /**
         * Sets the scopes asked for, each a Steward action.
         *
         * @param value the space-separated scopes (RFC 6749 §3.3), e.g. {@code "ticket:read ticket:comment"}
         * @return this builder
         */
        public Builder scope(String value) {
            once(scope, "scope");
            Objects.requireNonNull(value, "scope");
            LinkedHashSet<String> scopes = new LinkedHashSet<>();
            for (String s : value.split(" ", -1)) {
                if (s.isEmpty()) {
                    throw new ValidationException("scope", "must be scopes separated by single spaces");
                }
                scopes.add(s);
            }
            scope = new ArrayList<>(scopes);
            return this;
        }

        /** @return the request */
        public TokenExchange build() {
            if ((subjectToken == null) == (subject == null)) {
                throw new ValidationException("subject", "exactly one of subjectToken and subject is required");
            }
            if (actor == null) {
                throw new ValidationException("actor", "is required");
            }
            if (audience == null) {
                throw new ValidationException("audience", "is required");
            }
            return new TokenExchange(this);
        }
    }
}
