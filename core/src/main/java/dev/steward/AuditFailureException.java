package dev.steward;

/**
 * The audit event of an operation could not be written, so the operation was refused and its
 * state change rolled back (no change without its audit event).
 */
public final class AuditFailureException extends BackendUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * @param backend the store that refused the audit append
     * @param cause the failure
     */
    public AuditFailureException(String backend, Throwable cause) {
        super(backend, "audit event could not be written; the operation was refused", cause);
    }
}
