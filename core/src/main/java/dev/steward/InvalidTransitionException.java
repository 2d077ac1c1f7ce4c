package dev.steward;

/**
 * A lifecycle operation is not allowed from the entity's current state, for example approving an
 * identity that is already retired. Names the entity, its state and the operation; nothing was
 * changed.
 */
public final class InvalidTransitionException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** The state the entity is in. */
    private final String from;
    /** The state the refused operation would have led to. */
    private final String to;

    /**
     * @param entity the entity, e.g. {@code "identity 7f3c…"}
     * @param from the state it is in
     * @param to the state the operation would lead to
     */
    public InvalidTransitionException(String entity, String from, String to) {
        super(entity + " cannot go from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    /** @return the state the entity is in */
    public String from() {
        return from;
    }

    /** @return the state the refused operation would have led to */
    public String to() {
        return to;
    }
}
