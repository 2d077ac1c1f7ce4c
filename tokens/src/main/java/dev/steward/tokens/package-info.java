/**
 * Delegation tokens across process boundaries: {@link dev.steward.tokens.StewardTokens} exchanges
 * a subject (a human, or an upstream token) and a proven actor for a short-lived, signed JWT access
 * token (RFC 8693 token exchange, RFC 9068 profile) whose nested {@code act} claims carry the
 * delegation chain, only when Steward would allow that chain now; a resource server checks it with
 * a {@link dev.steward.tokens.TokenVerifier} and asks Steward for the concrete action.
 */
package dev.steward.tokens;
