package dev.steward.grant;

import dev.steward.internal.Checks;
import java.util.UUID;

/**
 * The id of a {@link Grant}.
 *
 * @param value the id's text
 */
public record GrantId(String value) implements Comparable<GrantId> {
    /**
     * Checks the id's format.
     *
     * @param value the id's text
     */
    public GrantId {
        Checks.id("grantId", value);
    }

    /**
     * {@return the grant id with this text}
     *
     * @param value the id's text: 1 to 128 characters of letters, digits and {@code . _ : @ + -}
     * @throws dev.steward.ValidationException if the text is not a valid id
     */
    public static GrantId of(String value) {
        return new GrantId(value);
    }

    /** @return a new random id */
    public static GrantId random() {
        return new GrantId(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(GrantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
