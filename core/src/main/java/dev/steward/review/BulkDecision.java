package dev.steward.review;

import java.util.List;
import java.util.Objects;

/**
 * What a bulk decision did.
 *
 * @param decided the items it decided, in id order
 * @param skipped how many matching items it left: decided meanwhile by someone else (a concurrent
 *     decision won), or no longer pending
 */
public record BulkDecision(List<ReviewItem> decided, int skipped) {
    /**
     * Copies the list.
     *
     * @param decided the items it decided, in id order
     * @param skipped how many matching items it left: decided meanwhile by someone else (a concurrent
     *     decision won), or no longer pending
     */
    public BulkDecision {
        decided = List.copyOf(Objects.requireNonNull(decided, "decided"));
    }
}
