package dev.steward.review;

import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link dev.steward.spi.Notifier} is asked to tell someone about one review item.
 *
 * @param kind what happened
 * @param recipient who should hear of it: the reviewer, or for an escalation the person escalated to
 * @param reviewer the item's reviewer
 * @param cycle the item's cycle
 * @param cycleName the cycle's name
 * @param origin why the cycle was opened
 * @param item the item
 * @param summary what the item is, e.g. {@code repo:read on github:acme/**}
 * @param dueAt when the item is due
 * @param at when the notice was raised
 */
public record ReviewNotice(
        Kind kind,
        IdentityId recipient,
        Optional<IdentityId> reviewer,
        ReviewCycleId cycle,
        String cycleName,
        ReviewOrigin origin,
        ReviewItemId item,
        String summary,
        Instant dueAt,
        Instant at) {

    /** What a notice is about. */
    public enum Kind {
        /** An item was assigned to its reviewer when its cycle opened. */
        ASSIGNED,
        /** A pending item is still waiting for its reviewer. */
        REMINDER,
        /** A pending item is overdue and escalated to the recipient. */
        ESCALATED,
        /** A reviewer handed the item to the recipient. */
        FORWARDED
    }

    /**
     * Checks that nothing is null.
     *
     * @param kind what happened
     * @param recipient who should hear of it: the reviewer, or for an escalation the person escalated to
     * @param reviewer the item's reviewer
     * @param cycle the item's cycle
     * @param cycleName the cycle's name
     * @param origin why the cycle was opened
     * @param item the item
     * @param summary what the item is, e.g. {@code repo:read on github:acme/**}
     * @param dueAt when the item is due
     * @param at when the notice was raised
     */
    public ReviewNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(cycleName, "cycleName");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(at, "at");
    }
}
