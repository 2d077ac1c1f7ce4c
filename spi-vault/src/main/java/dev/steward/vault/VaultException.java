package dev.steward.vault;

import dev.steward.BackendUnavailableException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Vault could not do what was asked: it was unreachable, sealed, a standby, rate limiting, refused
 * the token, or answered in a way the backend does not understand. A
 * {@link BackendUnavailableException}, so a host that does not care which Vault failure it was
 * catches that; {@link #reason()} and {@link #status()} say more. The message names the Vault
 * address, the operation and the HTTP status, never a token, secret id or secret value.
 */
public final class VaultException extends BackendUnavailableException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** 503: the node is sealed (or down for maintenance); retried, then reported. */
        SEALED,
        /** 429 without a rate-limit message, or 473: a standby or performance standby node. */
        STANDBY,
        /** 429 from a rate-limit quota; retried after {@code Retry-After}, then reported. */
        RATE_LIMITED,
        /** 401 or 403: the token was refused, also after a fresh login where one is possible. */
        PERMISSION_DENIED,
        /** An AppRole login or a token renewal was refused. */
        LOGIN_FAILED,
        /** No answer within the request timeout. */
        TIMEOUT,
        /** The connection could not be opened, or was reset or closed before an answer came. */
        CONNECTION_FAILED,
        /** 500, 502 or 504. */
        SERVER_ERROR,
        /** 400 or 405 for a reason the caller cannot fix by passing other arguments. */
        INVALID_REQUEST,
        /** A status or body the backend does not understand. */
        UNEXPECTED_RESPONSE,
        /** The calling thread was interrupted while waiting for Vault. */
        INTERRUPTED
    }

    private final Reason reason;
    private final int status;

    /**
     * @param backend the backend's name, with the Vault address
     * @param reason why it failed
     * @param status the HTTP status, or 0 when no answer came
     * @param message what failed, without tokens or material
     * @param cause the underlying exception, or {@code null}
     */
    VaultException(String backend, Reason reason, int status, String message, Throwable cause) {
        super(backend, message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
    }

    /** @return why the call failed */
    public Reason reason() {
        return reason;
    }

    /** @return the HTTP status Vault answered with, if it answered */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
