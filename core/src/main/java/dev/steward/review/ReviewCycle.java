package dev.steward.review;

import dev.steward.identity.IdentityId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access-certification campaign, or a micro-review opened by an event: a snapshot of items
 * (grants, credentials, ownerships) assigned to reviewers, with a due date, reminders, escalation
 * and a policy for what nobody decided. An immutable snapshot; every change produces a new snapshot
 * with a higher {@code version}. Once {@link ReviewCycleStatus#CLOSED} it never changes again.
 *
 * @param id the cycle's id
 * @param name a name for people, e.g. {@code Q3 non-human access}
 * @param origin why it was opened
 * @param status where it is in its lifecycle
 * @param scope what it covers
 * @param createdBy who opened it (a person, or the host system)
 * @param openedAt when its items were snapshotted
 * @param dueAt when reviewers should have decided
 * @param fallbackReviewer who reviews an item whose natural reviewer is missing, not an active
 *     human, or the item's own subject
 * @param escalateTo who is told about overdue items; the reviewer's manager (per the host's
 *     relation) when empty
 * @param reminderInterval how often a reviewer is reminded of a pending item; none when empty
 * @param escalateAfter how long after opening a pending item is escalated; none when empty
 * @param closeAtDue whether the lifecycle sweep closes the cycle at its due date
 * @param undecided what happens at close to items nobody decided
 * @param revocation when a revoke decision takes effect
 * @param recurEvery how long after this cycle opened the sweep opens the next one like it; none when empty
 * @param previousCycle the cycle this one recurs from
 * @param itemCount how many items were snapshotted
 * @param closedAt when it closed
 * @param closedBy who closed it (the lifecycle sweep is {@code system:lifecycle-sweep})
 * @param statusReason the reason given for the last lifecycle change
 * @param updatedAt when it last changed
 * @param version the optimistic-concurrency version, starting at 1
 */
public record ReviewCycle(
        ReviewCycleId id,
        String name,
        ReviewOrigin origin,
        ReviewCycleStatus status,
        ReviewScope scope,
        IdentityId createdBy,
        Instant openedAt,
        Instant dueAt,
        Optional<IdentityId> fallbackReviewer,
        Optional<IdentityId> escalateTo,
        Optional<Duration> reminderInterval,
        Optional<Duration> escalateAfter,
        boolean closeAtDue,
        UndecidedPolicy undecided,
        RevocationTiming revocation,
        Optional<Duration> recurEvery,
        Optional<ReviewCycleId> previousCycle,
        long itemCount,
        Optional<Instant> closedAt,
        Optional<IdentityId> closedBy,
        String statusReason,
        Instant updatedAt,
        long version) {

    /**
     * Checks that nothing is null.
     *
     * @param id the cycle's id
     * @param name a name for people, e.g. {@code Q3 non-human access}
     * @param origin why it was opened
     * @param status where it is in its lifecycle
     * @param scope what it covers
     * @param createdBy who opened it (a person, or the host system)
     * @param openedAt when its items were snapshotted
     * @param dueAt when reviewers should have decided
     * @param fallbackReviewer who reviews an item whose natural reviewer is missing, not an active
     *     human, or the item's own subject
     * @param escalateTo who is told about overdue items; the reviewer's manager (per the host's
     *     relation) when empty
     * @param reminderInterval how often a reviewer is reminded of a pending item; none when empty
     * @param escalateAfter how long after opening a pending item is escalated; none when empty
     * @param closeAtDue whether the lifecycle sweep closes the cycle at its due date
     * @param undecided what happens at close to items nobody decided
     * @param revocation when a revoke decision takes effect
     * @param recurEvery how long after this cycle opened the sweep opens the next one like it; none when empty
     * @param previousCycle the cycle this one recurs from
     * @param itemCount how many items were snapshotted
     * @param closedAt when it closed
     * @param closedBy who closed it (the lifecycle sweep is {@code system:lifecycle-sweep})
     * @param statusReason the reason given for the last lifecycle change
     * @param updatedAt when it last changed
     * @param version the optimistic-concurrency version, starting at 1
     */
    public ReviewCycle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(fallbackReviewer, "fallbackReviewer");
        Objects.requireNonNull(escalateTo, "escalateTo");
        Objects.requireNonNull(reminderInterval, "reminderInterval");
        Objects.requireNonNull(escalateAfter, "escalateAfter");
        Objects.requireNonNull(undecided, "undecided");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(recurEvery, "recurEvery");
        Objects.requireNonNull(previousCycle, "previousCycle");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(closedBy, "closedBy");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return whether reviewers may still decide */
    public boolean isOpen() {
        return status == ReviewCycleStatus.OPEN;
    }

    /**
     * @param newStatus the new status
     * @param by who made the change
     * @param reason why
     * @param at when
     * @return a copy in the new status (closed at {@code at} if {@code CLOSED}), with the version advanced
     */
    public ReviewCycle withStatus(ReviewCycleStatus newStatus, IdentityId by, String reason, Instant at) {
        boolean closed = newStatus == ReviewCycleStatus.CLOSED;
        return new ReviewCycle(id, name, origin, newStatus, scope, createdBy, openedAt, dueAt, fallbackReviewer,
                escalateTo, reminderInterval, escalateAfter, closeAtDue, undecided, revocation, recurEvery,
                previousCycle, itemCount, closed ? Optional.of(at) : closedAt,
                closed ? Optional.of(by) : closedBy, reason, at, version + 1);
    }
}
