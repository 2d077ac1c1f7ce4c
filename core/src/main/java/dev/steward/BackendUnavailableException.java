package dev.steward;

/**
 * A storage or secret backend failed or could not be reached. Names the backend; the operation
 * changed nothing. The cause carries the backend's own exception.
 */
public class BackendUnavailableException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** The name of the backend that failed. */
    private final String backend;

    /**
     * @param backend the backend's name, e.g. the store's class name
     * @param message what failed
     * @param cause the backend's exception, or {@code null}
     */
    public BackendUnavailableException(String backend, String message, Throwable cause) {
        super(backend + ": " + message, cause);
        this.backend = backend;
    }

    /** @return the name of the backend that failed */
    public String backend() {
        return backend;
    }
}
