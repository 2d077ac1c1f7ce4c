package dev.steward.identity;

import dev.steward.internal.Checks;
import java.util.UUID;

/**
 * The id of an {@link Identity}: 1 to 128 characters of letters, digits and {@code . _ : @ + -}.
 * Ids Steward generates are random UUIDs; ids starting with {@code system:} name the host
 * application itself (see {@link Actor#system(String)}) and never an identity in the store.
 *
 * @param value the id's text
 */
public record IdentityId(String value) implements Comparable<IdentityId> {
    /**
     * Checks the id's format.
     *
     * @param value the id's text
     */
    public IdentityId {
        Checks.id("identityId", value);
    }

    /**
     * @param value the id's text
     * @return the id
     * @throws dev.steward.ValidationException if the text is not a valid id
     */
    public static IdentityId of(String value) {
        return new IdentityId(value);
    }

    /** @return a new random id */
    public static IdentityId random() {
        return new IdentityId(UUID.randomUUID().toString());
    }

    /** @return whether this id names the host system rather than a stored identity */
    public boolean isSystem() {
        return value.startsWith(Actor.SYSTEM_PREFIX);
    }

    @Override
    public int compareTo(IdentityId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
