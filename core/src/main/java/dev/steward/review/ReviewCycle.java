package dev.steward.review;

import dev.steward.CheckReturnValue;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access-certification campaign, or a micro-review opened by an event: a snapshot of items
 * (grants, credentials, ownerships) assigned to reviewers, with a due date, reminders, escalation
 * and a policy for what nobody decided. An immutable snapshot; every change produces a new snapshot
 * with a higher {@code version}. Once {@link ReviewCycleStatus#CLOSED} it never changes again.
 * Immutable and thread-safe.
 *
 * <p>Stores and tests build one with {@link #builder()}, or change one through {@link #toBuilder()};
 * a field added later gets a default in the builder, so existing construction does not change.
 */
public final class ReviewCycle {
    private final ReviewCycleId id;
    private final String name;
    private final ReviewOrigin origin;
    private final ReviewCycleStatus status;
    private final ReviewScope scope;
    private final IdentityId createdBy;
    private final Instant openedAt;
    private final Instant dueAt;
    private final Optional<IdentityId> fallbackReviewer;
    private final Optional<IdentityId> escalateTo;
    private final Optional<Duration> reminderInterval;
    private final Optional<Duration> escalateAfter;
    private final boolean closeAtDue;
    private final UndecidedPolicy undecided;
    private final RevocationTiming revocation;
    private final Optional<Duration> recurEvery;
    private final Optional<ReviewCycleId> previousCycle;
    private final long itemCount;
    private final Optional<Instant> closedAt;
    private final Optional<IdentityId> closedBy;
    private final String statusReason;
    private final Instant updatedAt;
    private final long version;

    private ReviewCycle(Builder b) {
        this.id = Checks.required("reviewCycle.id", b.id);
        this.name = Checks.required("reviewCycle.name", b.name);
        this.origin = Checks.required("reviewCycle.origin", b.origin);
        this.status = Checks.required("reviewCycle.status", b.status);
        this.scope = Checks.required("reviewCycle.scope", b.scope);
        this.createdBy = Checks.required("reviewCycle.createdBy", b.createdBy);
        this.openedAt = Checks.required("reviewCycle.openedAt", b.openedAt);
        this.dueAt = Checks.required("reviewCycle.dueAt", b.dueAt);
        this.fallbackReviewer = b.fallbackReviewer;
        this.escalateTo = b.escalateTo;
        this.reminderInterval = b.reminderInterval;
        this.escalateAfter = b.escalateAfter;
        this.closeAtDue = b.closeAtDue;
        this.undecided = Checks.required("reviewCycle.undecided", b.undecided);
        this.revocation = Checks.required("reviewCycle.revocation", b.revocation);
        this.recurEvery = b.recurEvery;
        this.previousCycle = b.previousCycle;
        this.itemCount = b.itemCount;
        this.closedAt = b.closedAt;
        this.closedBy = b.closedBy;
        this.statusReason = Checks.required("reviewCycle.statusReason", b.statusReason);
        this.updatedAt = Checks.required("reviewCycle.updatedAt", b.updatedAt);
        this.version = b.version;
    }

    /** {@return a builder with nothing set; see {@link Builder#build()} for what is required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding every field of this snapshot, to change some and build a copy} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the cycle's id} */
    public ReviewCycleId id() {
        return id;
    }

    /** {@return a name for people, e.g. {@code Q3 non-human access}} */
    public String name() {
        return name;
    }

    /** {@return why it was opened} */
    public ReviewOrigin origin() {
        return origin;
    }

    /** {@return where it is in its lifecycle} */
    public ReviewCycleStatus status() {
        return status;
    }

    /** {@return what it covers} */
    public ReviewScope scope() {
        return scope;
    }

    /** {@return who opened it (a person, or the host system)} */
    public IdentityId createdBy() {
        return createdBy;
    }

    /** {@return when its items were snapshotted} */
    public Instant openedAt() {
        return openedAt;
    }

    /** {@return when reviewers should have decided} */
    public Instant dueAt() {
        return dueAt;
    }

    /**
     * {@return who reviews an item whose natural reviewer is missing, not an active
     *     human, or the item's own subject}
     */
    public Optional<IdentityId> fallbackReviewer() {
        return fallbackReviewer;
    }

    /**
     * {@return who is told about overdue items; the reviewer's manager (per the host's
     *     relation) when empty}
     */
    public Optional<IdentityId> escalateTo() {
        return escalateTo;
    }

    /** {@return how often a reviewer is reminded of a pending item; none when empty} */
    public Optional<Duration> reminderInterval() {
        return reminderInterval;
    }

    /** {@return how long after opening a pending item is escalated; none when empty} */
    public Optional<Duration> escalateAfter() {
        return escalateAfter;
    }

    /** {@return whether the lifecycle sweep closes the cycle at its due date} */
    public boolean closeAtDue() {
        return closeAtDue;
    }

    /** {@return what happens at close to items nobody decided} */
    public UndecidedPolicy undecided() {
        return undecided;
    }

    /** {@return when a revoke decision takes effect} */
    public RevocationTiming revocation() {
        return revocation;
    }

    /**
     * {@return how long after this cycle opened the sweep opens the next one like it; none when
     *     empty}
     */
    public Optional<Duration> recurEvery() {
        return recurEvery;
    }

    /** {@return the cycle this one recurs from} */
    public Optional<ReviewCycleId> previousCycle() {
        return previousCycle;
    }

    /** {@return how many items were snapshotted} */
    public long itemCount() {
        return itemCount;
    }

    /** {@return when it closed} */
    public Optional<Instant> closedAt() {
        return closedAt;
    }

    /** {@return who closed it (the lifecycle sweep is {@code system:lifecycle-sweep})} */
    public Optional<IdentityId> closedBy() {
        return closedBy;
    }

    /** {@return the reason given for the last lifecycle change} */
    public String statusReason() {
        return statusReason;
    }

    /** {@return when it last changed} */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** {@return the optimistic-concurrency version, starting at 1} */
    public long version() {
        return version;
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
    @CheckReturnValue
    public ReviewCycle withStatus(ReviewCycleStatus newStatus, IdentityId by, String reason, Instant at) {
        Builder next = toBuilder().status(newStatus).statusReason(reason).updatedAt(at).version(version + 1);
        if (newStatus == ReviewCycleStatus.CLOSED) {
            next.closedAt(at).closedBy(by);
        }
        return next.build();
    }

    /** {@return whether {@code o} is a ReviewCycle with equal fields} */
    @Override
    public boolean equals(Object o) {
        return o instanceof ReviewCycle other && id.equals(other.id) && name.equals(other.name)
                && origin.equals(other.origin) && status.equals(other.status) && scope.equals(other.scope)
                && createdBy.equals(other.createdBy) && openedAt.equals(other.openedAt) && dueAt.equals(other.dueAt)
                && fallbackReviewer.equals(other.fallbackReviewer) && escalateTo.equals(other.escalateTo)
                && reminderInterval.equals(other.reminderInterval) && escalateAfter.equals(other.escalateAfter)
                && closeAtDue == other.closeAtDue && undecided.equals(other.undecided)
                && revocation.equals(other.revocation) && recurEvery.equals(other.recurEvery)
                && previousCycle.equals(other.previousCycle) && itemCount == other.itemCount
                && closedAt.equals(other.closedAt) && closedBy.equals(other.closedBy)
                && statusReason.equals(other.statusReason) && updatedAt.equals(other.updatedAt)
                && version == other.version;
    }

    /** {@return a hash of all fields} */
    @Override
    public int hashCode() {
        return Objects.hash(id, name, origin, status, scope, createdBy, openedAt, dueAt, fallbackReviewer,
                escalateTo, reminderInterval, escalateAfter, closeAtDue, undecided, revocation, recurEvery,
                previousCycle, itemCount, closedAt, closedBy, statusReason, updatedAt, version);
    }

    /** {@return every field, named, in the form a record would print} */
    @Override
    public String toString() {
        return "ReviewCycle[id=" + id + ", name=" + name + ", origin=" + origin + ", status=" + status
                + ", scope=" + scope + ", createdBy=" + createdBy + ", openedAt=" + openedAt + ", dueAt=" + dueAt
                + ", fallbackReviewer=" + fallbackReviewer + ", escalateTo=" + escalateTo
                + ", reminderInterval=" + reminderInterval + ", escalateAfter=" + escalateAfter
                + ", closeAtDue=" + closeAtDue + ", undecided=" + undecided + ", revocation=" + revocation
                + ", recurEvery=" + recurEvery + ", previousCycle=" + previousCycle + ", itemCount=" + itemCount
                + ", closedAt=" + closedAt + ", closedBy=" + closedBy + ", statusReason=" + statusReason
                + ", updatedAt=" + updatedAt + ", version=" + version + "]";
    }

    /**
     * Builds a {@link ReviewCycle}. Optional fields start empty, {@code closeAtDue} false,
     * {@code itemCount} at 0 and {@code version} at 1; every other field is required. Not thread-safe.
     */
    public static final class Builder {
        private ReviewCycleId id;
        private String name;
        private ReviewOrigin origin;
        private ReviewCycleStatus status;
        private ReviewScope scope;
        private IdentityId createdBy;
        private Instant openedAt;
        private Instant dueAt;
        private Optional<IdentityId> fallbackReviewer = Optional.empty();
        private Optional<IdentityId> escalateTo = Optional.empty();
        private Optional<Duration> reminderInterval = Optional.empty();
        private Optional<Duration> escalateAfter = Optional.empty();
        private boolean closeAtDue = false;
        private UndecidedPolicy undecided;
        private RevocationTiming revocation;
        private Optional<Duration> recurEvery = Optional.empty();
        private Optional<ReviewCycleId> previousCycle = Optional.empty();
        private long itemCount = 0;
        private Optional<Instant> closedAt = Optional.empty();
        private Optional<IdentityId> closedBy = Optional.empty();
        private String statusReason;
        private Instant updatedAt;
        private long version = 1;

        private Builder() {
        }

        private Builder(ReviewCycle from) {
            id = from.id;
            name = from.name;
            origin = from.origin;
            status = from.status;
            scope = from.scope;
            createdBy = from.createdBy;
            openedAt = from.openedAt;
            dueAt = from.dueAt;
            fallbackReviewer = from.fallbackReviewer;
            escalateTo = from.escalateTo;
            reminderInterval = from.reminderInterval;
            escalateAfter = from.escalateAfter;
            closeAtDue = from.closeAtDue;
            undecided = from.undecided;
            revocation = from.revocation;
            recurEvery = from.recurEvery;
            previousCycle = from.previousCycle;
            itemCount = from.itemCount;
            closedAt = from.closedAt;
            closedBy = from.closedBy;
            statusReason = from.statusReason;
            updatedAt = from.updatedAt;
            version = from.version;
        }

        /**
         * Sets {@link ReviewCycle#id()}.
         *
         * @param id the cycle's id
         * @return this builder
         */
        public Builder id(ReviewCycleId id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#name()}.
         *
         * @param name a name for people, e.g. {@code Q3 non-human access}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#origin()}.
         *
         * @param origin why it was opened
         * @return this builder
         */
        public Builder origin(ReviewOrigin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#status()}.
         *
         * @param status where it is in its lifecycle
         * @return this builder
         */
        public Builder status(ReviewCycleStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#scope()}.
         *
         * @param scope what it covers
         * @return this builder
         */
        public Builder scope(ReviewScope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#createdBy()}.
         *
         * @param createdBy who opened it (a person, or the host system)
         * @return this builder
         */
        public Builder createdBy(IdentityId createdBy) {
            this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#openedAt()}.
         *
         * @param openedAt when its items were snapshotted
         * @return this builder
         */
        public Builder openedAt(Instant openedAt) {
            this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#dueAt()}.
         *
         * @param dueAt when reviewers should have decided
         * @return this builder
         */
        public Builder dueAt(Instant dueAt) {
            this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#fallbackReviewer()}.
         *
         * @param fallbackReviewer who reviews an item whose natural reviewer is missing, not an active human,
         *     or the item's own subject
         * @return this builder
         */
        public Builder fallbackReviewer(IdentityId fallbackReviewer) {
            this.fallbackReviewer = Optional.of(Objects.requireNonNull(fallbackReviewer, "fallbackReviewer"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#fallbackReviewer()}.
         *
         * @param fallbackReviewer who reviews an item whose natural reviewer is missing, not an active human,
         *     or the item's own subject, or empty for none
         * @return this builder
         */
        public Builder fallbackReviewer(Optional<IdentityId> fallbackReviewer) {
            this.fallbackReviewer = Objects.requireNonNull(fallbackReviewer, "fallbackReviewer");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#escalateTo()}.
         *
         * @param escalateTo who is told about overdue items; the reviewer's manager (per the host's relation)
         *     when empty
         * @return this builder
         */
        public Builder escalateTo(IdentityId escalateTo) {
            this.escalateTo = Optional.of(Objects.requireNonNull(escalateTo, "escalateTo"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#escalateTo()}.
         *
         * @param escalateTo who is told about overdue items; the reviewer's manager (per the host's relation)
         *     when empty, or empty for none
         * @return this builder
         */
        public Builder escalateTo(Optional<IdentityId> escalateTo) {
            this.escalateTo = Objects.requireNonNull(escalateTo, "escalateTo");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#reminderInterval()}.
         *
         * @param reminderInterval how often a reviewer is reminded of a pending item; none when empty
         * @return this builder
         */
        public Builder reminderInterval(Duration reminderInterval) {
            this.reminderInterval = Optional.of(Objects.requireNonNull(reminderInterval, "reminderInterval"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#reminderInterval()}.
         *
         * @param reminderInterval how often a reviewer is reminded of a pending item; none when empty, or empty
         *     for none
         * @return this builder
         */
        public Builder reminderInterval(Optional<Duration> reminderInterval) {
            this.reminderInterval = Objects.requireNonNull(reminderInterval, "reminderInterval");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#escalateAfter()}.
         *
         * @param escalateAfter how long after opening a pending item is escalated; none when empty
         * @return this builder
         */
        public Builder escalateAfter(Duration escalateAfter) {
            this.escalateAfter = Optional.of(Objects.requireNonNull(escalateAfter, "escalateAfter"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#escalateAfter()}.
         *
         * @param escalateAfter how long after opening a pending item is escalated; none when empty, or empty
         *     for none
         * @return this builder
         */
        public Builder escalateAfter(Optional<Duration> escalateAfter) {
            this.escalateAfter = Objects.requireNonNull(escalateAfter, "escalateAfter");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#closeAtDue()}; false unless set.
         *
         * @param closeAtDue whether the lifecycle sweep closes the cycle at its due date
         * @return this builder
         */
        public Builder closeAtDue(boolean closeAtDue) {
            this.closeAtDue = closeAtDue;
            return this;
        }

        /**
         * Sets {@link ReviewCycle#undecided()}.
         *
         * @param undecided what happens at close to items nobody decided
         * @return this builder
         */
        public Builder undecided(UndecidedPolicy undecided) {
            this.undecided = Objects.requireNonNull(undecided, "undecided");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#revocation()}.
         *
         * @param revocation when a revoke decision takes effect
         * @return this builder
         */
        public Builder revocation(RevocationTiming revocation) {
            this.revocation = Objects.requireNonNull(revocation, "revocation");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#recurEvery()}.
         *
         * @param recurEvery how long after this cycle opened the sweep opens the next one like it; none when
         *     empty
         * @return this builder
         */
        public Builder recurEvery(Duration recurEvery) {
            this.recurEvery = Optional.of(Objects.requireNonNull(recurEvery, "recurEvery"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#recurEvery()}.
         *
         * @param recurEvery how long after this cycle opened the sweep opens the next one like it; none when
         *     empty, or empty for none
         * @return this builder
         */
        public Builder recurEvery(Optional<Duration> recurEvery) {
            this.recurEvery = Objects.requireNonNull(recurEvery, "recurEvery");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#previousCycle()}.
         *
         * @param previousCycle the cycle this one recurs from
         * @return this builder
         */
        public Builder previousCycle(ReviewCycleId previousCycle) {
            this.previousCycle = Optional.of(Objects.requireNonNull(previousCycle, "previousCycle"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#previousCycle()}.
         *
         * @param previousCycle the cycle this one recurs from, or empty for none
         * @return this builder
         */
        public Builder previousCycle(Optional<ReviewCycleId> previousCycle) {
            this.previousCycle = Objects.requireNonNull(previousCycle, "previousCycle");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#itemCount()}; 0 unless set.
         *
         * @param itemCount how many items were snapshotted
         * @return this builder
         */
        public Builder itemCount(long itemCount) {
            this.itemCount = itemCount;
            return this;
        }

        /**
         * Sets {@link ReviewCycle#closedAt()}.
         *
         * @param closedAt when it closed
         * @return this builder
         */
        public Builder closedAt(Instant closedAt) {
            this.closedAt = Optional.of(Objects.requireNonNull(closedAt, "closedAt"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#closedAt()}.
         *
         * @param closedAt when it closed, or empty for none
         * @return this builder
         */
        public Builder closedAt(Optional<Instant> closedAt) {
            this.closedAt = Objects.requireNonNull(closedAt, "closedAt");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#closedBy()}.
         *
         * @param closedBy who closed it (the lifecycle sweep is {@code system:lifecycle-sweep})
         * @return this builder
         */
        public Builder closedBy(IdentityId closedBy) {
            this.closedBy = Optional.of(Objects.requireNonNull(closedBy, "closedBy"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewCycle#closedBy()}.
         *
         * @param closedBy who closed it (the lifecycle sweep is {@code system:lifecycle-sweep}), or empty for
         *     none
         * @return this builder
         */
        public Builder closedBy(Optional<IdentityId> closedBy) {
            this.closedBy = Objects.requireNonNull(closedBy, "closedBy");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#statusReason()}.
         *
         * @param statusReason the reason given for the last lifecycle change
         * @return this builder
         */
        public Builder statusReason(String statusReason) {
            this.statusReason = Objects.requireNonNull(statusReason, "statusReason");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#updatedAt()}.
         *
         * @param updatedAt when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /**
         * Sets {@link ReviewCycle#version()}; 1 unless set.
         *
         * @param version the optimistic-concurrency version, starting at 1
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * {@return the cycle}
         *
         * @throws dev.steward.ValidationException naming the first required field that was not set,
         *     e.g. {@code reviewCycle.dueAt: is required}
         */
        public ReviewCycle build() {
            return new ReviewCycle(this);
        }
    }
}
