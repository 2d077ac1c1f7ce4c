package dev.steward;

/**
 * A concurrent change won: the entity's version in the store is not the one this change was
 * based on, or an entity with the same id already exists. Nothing was changed; the caller may
 * read the entity again and retry.
 */
public final class ConflictException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** @param message which entity conflicted, and with what */
    public ConflictException(String message) {
        super(message);
    }
}
