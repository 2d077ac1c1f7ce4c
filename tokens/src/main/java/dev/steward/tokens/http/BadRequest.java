package dev.steward.tokens.http;

/**
 * A request the endpoint cannot read: its message, Steward's own words that never quote the
 * request, becomes the error description. Carries no stack trace; it never leaves the package.
 */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
