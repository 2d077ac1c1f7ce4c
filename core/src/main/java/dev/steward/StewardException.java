package dev.steward;

import dev.steward.internal.credential.KeyText;

/**
 * Root of every exception Steward throws. Unchecked: a caller catches the typed subclass it can
 * act on ({@link ValidationException}, {@link NotFoundException}, {@link ConflictException},
 * {@link InvalidTransitionException}, {@link PolicyViolationException},
 * {@link BackendUnavailableException}, {@link AuditFailureException},
 * {@link SecretIntegrityException}) or this root to catch all.
 *
 * <p>Messages name the argument, entity or rule involved and never carry secret material: an
 * issued key that a caller put into an id or a text the message quotes is replaced by its
 * fingerprint ({@link dev.steward.credential.SecretScanner#redact}) when the exception is made.
 */
public abstract class StewardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the field or rule
     */
    protected StewardException(String message) {
        super(KeyText.redact(message));
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming the field or rule
     * @param cause the underlying failure
     */
    protected StewardException(String message, Throwable cause) {
        super(KeyText.redact(message), cause);
    }
}
