package dev.steward.tokens;

/**
 * Why a token was refused by a {@link TokenVerifier}, or an exchange by {@link StewardTokens}. The
 * first group is about a presented token (at a resource server, or the subject token of an
 * exchange); the second only about exchanges.
 */
public enum TokenRejection {
    /** The token text is longer than {@link TokenVerifier#MAX_TOKEN_LENGTH} characters. */
    TOO_LARGE("invalid_request"),
    /** The token is not a well-formed compact JWS, or a claim has the wrong shape. */
    MALFORMED("invalid_request"),
    /** The token is unsigned ({@code alg: none}). */
    UNSIGNED("invalid_request"),
    /** The token is signed with an algorithm other than those accepted, or is encrypted. */
    UNSUPPORTED_ALGORITHM("invalid_request"),
    /** The token's {@code typ} header is not {@code at+jwt}. */
    WRONG_TYPE("invalid_request"),
    /** A header parameter or a claim is given twice. */
    DUPLICATE_CLAIM("invalid_request"),
    /** No verifying key has the token's {@code kid}. */
    UNKNOWN_KEY("invalid_request"),
    /** The signature does not verify with the key named, or the key does not fit the algorithm. */
    BAD_SIGNATURE("invalid_request"),
    /** The token's {@code iss} is not the expected issuer. */
    WRONG_ISSUER("invalid_request"),
    /** The token's {@code aud} does not name this resource: no token passthrough. */
    WRONG_AUDIENCE("invalid_request"),
    /** The token's {@code exp} has passed, beyond the allowed clock skew. */
    EXPIRED("invalid_request"),
    /** The token's {@code nbf} or {@code iat} lies in the future, beyond the allowed clock skew. */
    NOT_YET_VALID("invalid_request"),
    /** The delegation chain is deeper than allowed. */
    TOO_DEEP("invalid_request"),
    /**
     * A grant, the actor or an identity of the chain is no longer in good standing: revoked,
     * suspended, expired. The {@link TokenRejectedException#decisionReason() decision reason} says which.
     */
    REVOKED("invalid_request"),
    /** The action asked of a verified token is not among its scopes. */
    INSUFFICIENT_SCOPE("invalid_scope"),
    /** The verifying keys or Steward's store could not be reached; refused to fail closed. */
    UNAVAILABLE("temporarily_unavailable"),

    /** The exchange request is incomplete or contradicts itself. */
    INVALID_REQUEST("invalid_request"),
    /** The actor's proof (API key or signed challenge) does not verify. */
    ACTOR_NOT_VERIFIED("invalid_request"),
    /** The subject token comes from an issuer that is neither this Steward nor a trusted OpenID issuer. */
    UNTRUSTED_ISSUER("invalid_request"),
    /** The subject token's subject maps to no active human identity, or to more than one. */
    UNKNOWN_SUBJECT("invalid_request"),
    /** The requested audience is not configured, or differs from the upstream token's. */
    INVALID_TARGET("invalid_target"),
    /** The requested scope is missing, malformed, or wider than the upstream token's. */
    INVALID_SCOPE("invalid_scope"),
    /**
     * Steward does not allow the actor this delegation now; the
     * {@link TokenRejectedException#decisionReason() decision reason} says why.
     */
    DENIED("invalid_request");

    private final String oauthError;

    TokenRejection(String oauthError) {
        this.oauthError = oauthError;
    }

    /**
     * {@return the OAuth error code (RFC 6749 §5.2, RFC 8693 §2.2.2) that a token endpoint answers
     *     an exchange refused for this reason with}: RFC 8693 §2.2.2 requires {@code invalid_request}
     *     when the subject or actor token is invalid for any reason or unacceptable by policy, so
     *     every refusal of a token or of the delegation is {@code invalid_request} (the
     *     {@code error_description} says which); {@code invalid_target} and {@code invalid_scope}
     *     name a refused audience or scope.
     */
    public String oauthError() {
        return oauthError;
    }
}
