package dev.steward.audit;

/** The outcome an {@link AuditEvent} records. */
public enum AuditOutcome {
    /** A change was made. */
    SUCCESS,
    /** An access decision allowed. */
    ALLOWED,
    /** An access decision denied. */
    DENIED,
    /** An access decision denied, but the guard let the call run (log-only enforcement). */
    WOULD_DENY,
    /** A guarded call ran and failed. */
    FAILURE
}
