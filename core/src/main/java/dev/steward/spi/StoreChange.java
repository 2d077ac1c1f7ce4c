package dev.steward.spi;

import java.util.Objects;

/**
 * One committed change of the store's change sequence.
 *
 * @param sequence its place in the sequence, from 1
 * @param kind what changed
 * @param id the id of what changed
 * @param version the entity's version as the unit that made the change committed it; an instance
 *     that already holds that version (because it made the change itself) need not read it again
 */
public record StoreChange(long sequence, Kind kind, String id, long version) {
    /** What kind of entity changed. */
    public enum Kind {
        /** An identity. */
        IDENTITY,
        /** A grant. */
        GRANT,
        /** A credential. */
        CREDENTIAL
    }

    /**
     * Checks that nothing is null.
     *
     * @param sequence its place in the sequence, from 1
     * @param kind what changed
     * @param id the id of what changed
     * @param version the entity's version as the unit that made the change committed it; an instance
     *     that already holds that version (because it made the change itself) need not read it again
     */
    public StoreChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
