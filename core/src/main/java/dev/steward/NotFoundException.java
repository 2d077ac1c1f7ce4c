package dev.steward;

/** The entity named by an id does not exist in the store. Nothing was changed. */
public final class NotFoundException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** The kind of entity that was looked up. */
    private final String entity;
    /** The id that was looked up. */
    private final String id;

    /**
     * @param entity the kind of entity, e.g. {@code "identity"}
     * @param id the id that was looked up
     */
    public NotFoundException(String entity, String id) {
        super(entity + " " + id + " does not exist");
        this.entity = entity;
        this.id = id;
    }

    /** @return the kind of entity that was looked up */
    public String entity() {
        return entity;
    }

    /** @return the id that was looked up */
    public String id() {
        return id;
    }
}
