package dev.steward.review;

import dev.steward.internal.Checks;

/**
 * The id of a {@link ReviewItem}. Steward makes it from the cycle's id and the item's place in the
 * snapshot ({@code <cycle>-0000001}), so that a cycle's items sort in snapshot order.
 *
 * @param value the id's text: 1 to 128 characters of letters, digits and {@code . _ : @ + -}
 */
public record ReviewItemId(String value) implements Comparable<ReviewItemId> {
    /**
     * Checks the id's format.
     *
     * @param value the id's text: 1 to 128 characters of letters, digits and {@code . _ : @ + -}
     */
    public ReviewItemId {
        Checks.id("reviewItemId", value);
    }

    /**
     * {@return the review item id with this text}
     *
     * @param value the id's text: 1 to 128 characters of letters, digits and {@code . _ : @ + -}
     * @throws dev.steward.ValidationException if the text is not a valid id
     */
    public static ReviewItemId of(String value) {
        return new ReviewItemId(value);
    }

    /**
     * @param cycle the cycle
     * @param position the item's place in the cycle's snapshot, from 1
     * @return the item's id
     */
    public static ReviewItemId of(ReviewCycleId cycle, long position) {
        String n = Long.toString(position);
        return new ReviewItemId(cycle.value() + "-" + "0".repeat(Math.max(0, 7 - n.length())) + n);
    }

    @Override
    public int compareTo(ReviewItemId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
