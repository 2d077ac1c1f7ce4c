package dev.steward.internal.audit;

/**
 * A line of an audit export is not a record in its exact exported form. Checked, so that every
 * reader decides whether that is a verification result or a {@code ValidationException}.
 */
public final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the line */
    public MalformedRecordException(String message) {
        super(message);
    }
}
