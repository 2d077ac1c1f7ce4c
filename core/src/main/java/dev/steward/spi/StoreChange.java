package dev.steward.spi;

import java.util.Objects;

/**
 * One committed change of the store's change sequence.
 *
 * @param sequence its place in the sequence, from 1
 * @param kind what changed
 * @param id the id of what changed
 */
public record StoreChange(long sequence, Kind kind, String id) {
    /** What kind of entity changed. */
    public enum Kind {
        /** An identity. */
        IDENTITY,
        /** A grant. */
        GRANT,
        /** A credential. */
        CREDENTIAL
    }

    /** Checks that nothing is null. */
    public StoreChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
