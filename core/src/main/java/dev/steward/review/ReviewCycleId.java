package dev.steward.review;

import dev.steward.internal.Checks;
import java.util.UUID;

/**
 * The id of a {@link ReviewCycle}.
 *
 * @param value the id's text: 1 to 100 characters of letters, digits and {@code . _ : @ + -}
 */
public record ReviewCycleId(String value) implements Comparable<ReviewCycleId> {
    /** The longest id; an item id adds a suffix to it. */
    public static final int MAX_LENGTH = 100;

    /**
     * Checks the id's format.
     *
     * @param value the id's text: 1 to 100 characters of letters, digits and {@code . _ : @ + -}
     */
    public ReviewCycleId {
        Checks.id("reviewCycleId", value);
        if (value.length() > MAX_LENGTH) {
            throw new dev.steward.ValidationException("reviewCycleId", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /**
     * {@return the review cycle id with this text}
     *
     * @param value the id's text: 1 to {@value #MAX_LENGTH} characters of letters, digits and {@code . _ : @ + -}
     * @throws dev.steward.ValidationException if the text is not a valid id
     */
    public static ReviewCycleId of(String value) {
        return new ReviewCycleId(value);
    }

    /** @return a new random id */
    public static ReviewCycleId random() {
        return new ReviewCycleId(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(ReviewCycleId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
