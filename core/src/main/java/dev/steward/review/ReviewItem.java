package dev.steward.review;

import dev.steward.CheckReturnValue;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One thing a reviewer certifies or removes: a grant, a credential, or the ownership of a
 * non-human identity, as it was when its cycle opened, with its usage evidence. Never carries secret
 * material: a credential is described by its type, name and fingerprint. An immutable snapshot;
 * every change produces a new snapshot with a higher {@code version}. Immutable and thread-safe.
 *
 * <p>Stores and tests build one with {@link #builder()}, or change one through {@link #toBuilder()};
 * a field added later gets a default in the builder, so existing construction does not change.
 */
public final class ReviewItem {
    private final ReviewItemId id;
    private final ReviewCycleId cycle;
    private final ReviewItemKind kind;
    private final String target;
    private final IdentityId subject;
    private final IdentityKind subjectKind;
    private final Optional<IdentityId> subjectOwner;
    private final String summary;
    private final Set<ReviewRisk> risks;
    private final Optional<Instant> lastUsedAt;
    private final long useCount;
    private final Optional<IdentityId> reviewer;
    private final Optional<IdentityId> forwardedFrom;
    private final ReviewItemStatus status;
    private final Optional<ReviewDecision> decision;
    private final Optional<IdentityId> decidedBy;
    private final Optional<Instant> decidedAt;
    private final String comment;
    private final Optional<IdentityId> newOwner;
    private final Optional<Instant> revokedAt;
    private final boolean flagged;
    private final int remindersSent;
    private final Optional<Instant> lastRemindedAt;
    private final Optional<Instant> escalatedAt;
    private final Instant updatedAt;
    private final long version;

    private ReviewItem(Builder b) {
        this.id = Checks.required("reviewItem.id", b.id);
        this.cycle = Checks.required("reviewItem.cycle", b.cycle);
        this.kind = Checks.required("reviewItem.kind", b.kind);
        this.target = Checks.required("reviewItem.target", b.target);
        this.subject = Checks.required("reviewItem.subject", b.subject);
        this.subjectKind = Checks.required("reviewItem.subjectKind", b.subjectKind);
        this.subjectOwner = b.subjectOwner;
        this.summary = Checks.required("reviewItem.summary", b.summary);
        this.risks = Set.copyOf(b.risks);
        this.lastUsedAt = b.lastUsedAt;
        this.useCount = b.useCount;
        this.reviewer = b.reviewer;
        this.forwardedFrom = b.forwardedFrom;
        this.status = Checks.required("reviewItem.status", b.status);
        this.decision = b.decision;
        this.decidedBy = b.decidedBy;
        this.decidedAt = b.decidedAt;
        this.comment = Checks.required("reviewItem.comment", b.comment);
        this.newOwner = b.newOwner;
        this.revokedAt = b.revokedAt;
        this.flagged = b.flagged;
        this.remindersSent = b.remindersSent;
        this.lastRemindedAt = b.lastRemindedAt;
        this.escalatedAt = b.escalatedAt;
        this.updatedAt = Checks.required("reviewItem.updatedAt", b.updatedAt);
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

    /** {@return the item's id} */
    public ReviewItemId id() {
        return id;
    }

    /** {@return the cycle it belongs to} */
    public ReviewCycleId cycle() {
        return cycle;
    }

    /** {@return what it certifies} */
    public ReviewItemKind kind() {
        return kind;
    }

    /** {@return the id of the grant, credential or (for ownership) identity} */
    public String target() {
        return target;
    }

    /** {@return the identity whose access it is} */
    public IdentityId subject() {
        return subject;
    }

    /** {@return the subject's kind} */
    public IdentityKind subjectKind() {
        return subjectKind;
    }

    /** {@return the subject's accountable owner when the cycle opened} */
    public Optional<IdentityId> subjectOwner() {
        return subjectOwner;
    }

    /** {@return what it is, for people, e.g. {@code repo:read on github:acme/**}} */
    public String summary() {
        return summary;
    }

    /** {@return the risks it was flagged with} */
    public Set<ReviewRisk> risks() {
        return risks;
    }

    /**
     * {@return the grant's or credential's last recorded use; empty if never used (or for
     *     ownership)}
     */
    public Optional<Instant> lastUsedAt() {
        return lastUsedAt;
    }

    /** {@return how many uses were recorded} */
    public long useCount() {
        return useCount;
    }

    /** {@return who decides it; empty if nobody could be assigned} */
    public Optional<IdentityId> reviewer() {
        return reviewer;
    }

    /** {@return the reviewer who handed it to the current one, if it was handed on} */
    public Optional<IdentityId> forwardedFrom() {
        return forwardedFrom;
    }

    /** {@return where it is} */
    public ReviewItemStatus status() {
        return status;
    }

    /** {@return what was decided} */
    public Optional<ReviewDecision> decision() {
        return decision;
    }

    /** {@return who decided} */
    public Optional<IdentityId> decidedBy() {
        return decidedBy;
    }

    /** {@return when it was decided} */
    public Optional<Instant> decidedAt() {
        return decidedAt;
    }

    /** {@return the reviewer's comment (or the close policy's note)} */
    public String comment() {
        return comment;
    }

    /** {@return for {@link ReviewDecision#REASSIGN}, the new owner} */
    public Optional<IdentityId> newOwner() {
        return newOwner;
    }

    /** {@return when a revocation was applied to the grant, credential or identity} */
    public Optional<Instant> revokedAt() {
        return revokedAt;
    }

    /** {@return whether it was kept undecided at close and flagged for follow-up} */
    public boolean flagged() {
        return flagged;
    }

    /** {@return how many reminders its reviewer got} */
    public int remindersSent() {
        return remindersSent;
    }

    /** {@return when the last reminder went out} */
    public Optional<Instant> lastRemindedAt() {
        return lastRemindedAt;
    }

    /** {@return when it was escalated as overdue} */
    public Optional<Instant> escalatedAt() {
        return escalatedAt;
    }

    /** {@return when it last changed} */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** {@return the optimistic-concurrency version, starting at 1} */
    public long version() {
        return version;
    }

    /** @return whether it still waits for its reviewer */
    public boolean isPending() {
        return status == ReviewItemStatus.PENDING;
    }

    /**
     * @param by the reviewer
     * @param what the decision
     * @param owner the new owner, for a reassignment
     * @param note the comment
     * @param revoked when the decision's revocation was applied, if it was
     * @param at when
     * @return a decided copy, with the version advanced
     */
    @CheckReturnValue
    public ReviewItem decided(IdentityId by, ReviewDecision what, Optional<IdentityId> owner, String note,
            Optional<Instant> revoked, Instant at) {
        return next(at).status(ReviewItemStatus.DECIDED).decision(what).decidedBy(by).decidedAt(at).comment(note)
                .newOwner(owner).revokedAt(revoked).build();
    }

    /**
     * @param note why it lapsed
     * @param flag whether it is kept and flagged
     * @param revoked when the close policy's revocation was applied, if it was
     * @param at when its cycle closed
     * @return a lapsed copy, with the version advanced
     */
    @CheckReturnValue
    public ReviewItem lapsed(String note, boolean flag, Optional<Instant> revoked, Instant at) {
        return next(at).status(ReviewItemStatus.LAPSED).comment(note).revokedAt(revoked).flagged(flag).build();
    }

    /**
     * @param at when the revocation was applied
     * @return a copy that records it, with the version advanced
     */
    @CheckReturnValue
    public ReviewItem revoked(Instant at) {
        return next(at).revokedAt(at).build();
    }

    /**
     * @param to the new reviewer
     * @param at when
     * @return a copy handed to {@code to}, with the version advanced
     */
    @CheckReturnValue
    public ReviewItem forwarded(IdentityId to, Instant at) {
        return next(at).reviewer(to).forwardedFrom(reviewer).build();
    }

    /**
     * @param at when the reminder went out
     * @return a copy that counts it, with the version advanced
     */
    @CheckReturnValue
    public ReviewItem reminded(Instant at) {
        return next(at).remindersSent(remindersSent + 1).lastRemindedAt(at).build();
    }

    /**
     * @param at when it was escalated
     * @return a copy that records the escalation, with the version advanced
     */
    @CheckReturnValue
    public ReviewItem escalated(Instant at) {
        return next(at).escalatedAt(at).build();
    }

    /** The next version's builder: a change made at {@code at}. */
    private Builder next(Instant at) {
        return toBuilder().updatedAt(at).version(version + 1);
    }

    /** {@return whether {@code o} is a ReviewItem with equal fields} */
    @Override
    public boolean equals(Object o) {
        return o instanceof ReviewItem other && id.equals(other.id) && cycle.equals(other.cycle)
                && kind.equals(other.kind) && target.equals(other.target) && subject.equals(other.subject)
                && subjectKind.equals(other.subjectKind) && subjectOwner.equals(other.subjectOwner)
                && summary.equals(other.summary) && risks.equals(other.risks) && lastUsedAt.equals(other.lastUsedAt)
                && useCount == other.useCount && reviewer.equals(other.reviewer)
                && forwardedFrom.equals(other.forwardedFrom) && status.equals(other.status)
                && decision.equals(other.decision) && decidedBy.equals(other.decidedBy)
                && decidedAt.equals(other.decidedAt) && comment.equals(other.comment)
                && newOwner.equals(other.newOwner) && revokedAt.equals(other.revokedAt) && flagged == other.flagged
                && remindersSent == other.remindersSent && lastRemindedAt.equals(other.lastRemindedAt)
                && escalatedAt.equals(other.escalatedAt) && updatedAt.equals(other.updatedAt)
                && version == other.version;
    }

    /** {@return a hash of all fields} */
    @Override
    public int hashCode() {
        return Objects.hash(id, cycle, kind, target, subject, subjectKind, subjectOwner, summary, risks, lastUsedAt,
                useCount, reviewer, forwardedFrom, status, decision, decidedBy, decidedAt, comment, newOwner,
                revokedAt, flagged, remindersSent, lastRemindedAt, escalatedAt, updatedAt, version);
    }

    /** {@return every field, named, in the form a record would print} */
    @Override
    public String toString() {
        return "ReviewItem[id=" + id + ", cycle=" + cycle + ", kind=" + kind + ", target=" + target
                + ", subject=" + subject + ", subjectKind=" + subjectKind + ", subjectOwner=" + subjectOwner
                + ", summary=" + summary + ", risks=" + risks + ", lastUsedAt=" + lastUsedAt
                + ", useCount=" + useCount + ", reviewer=" + reviewer + ", forwardedFrom=" + forwardedFrom
                + ", status=" + status + ", decision=" + decision + ", decidedBy=" + decidedBy
                + ", decidedAt=" + decidedAt + ", comment=" + comment + ", newOwner=" + newOwner
                + ", revokedAt=" + revokedAt + ", flagged=" + flagged + ", remindersSent=" + remindersSent
                + ", lastRemindedAt=" + lastRemindedAt + ", escalatedAt=" + escalatedAt + ", updatedAt=" + updatedAt
                + ", version=" + version + "]";
    }

    /**
     * Builds a {@link ReviewItem}. Optional fields start empty, {@code risks} empty, counts at 0,
     * {@code flagged} false and {@code version} at 1; every other field is required. Not thread-safe.
     */
    public static final class Builder {
        private ReviewItemId id;
        private ReviewCycleId cycle;
        private ReviewItemKind kind;
        private String target;
        private IdentityId subject;
        private IdentityKind subjectKind;
        private Optional<IdentityId> subjectOwner = Optional.empty();
        private String summary;
        private Set<ReviewRisk> risks = Set.of();
        private Optional<Instant> lastUsedAt = Optional.empty();
        private long useCount = 0;
        private Optional<IdentityId> reviewer = Optional.empty();
        private Optional<IdentityId> forwardedFrom = Optional.empty();
        private ReviewItemStatus status;
        private Optional<ReviewDecision> decision = Optional.empty();
        private Optional<IdentityId> decidedBy = Optional.empty();
        private Optional<Instant> decidedAt = Optional.empty();
        private String comment;
        private Optional<IdentityId> newOwner = Optional.empty();
        private Optional<Instant> revokedAt = Optional.empty();
        private boolean flagged = false;
        private int remindersSent = 0;
        private Optional<Instant> lastRemindedAt = Optional.empty();
        private Optional<Instant> escalatedAt = Optional.empty();
        private Instant updatedAt;
        private long version = 1;

        private Builder() {
        }

        private Builder(ReviewItem from) {
            id = from.id;
            cycle = from.cycle;
            kind = from.kind;
            target = from.target;
            subject = from.subject;
            subjectKind = from.subjectKind;
            subjectOwner = from.subjectOwner;
            summary = from.summary;
            risks = from.risks;
            lastUsedAt = from.lastUsedAt;
            useCount = from.useCount;
            reviewer = from.reviewer;
            forwardedFrom = from.forwardedFrom;
            status = from.status;
            decision = from.decision;
            decidedBy = from.decidedBy;
            decidedAt = from.decidedAt;
            comment = from.comment;
            newOwner = from.newOwner;
            revokedAt = from.revokedAt;
            flagged = from.flagged;
            remindersSent = from.remindersSent;
            lastRemindedAt = from.lastRemindedAt;
            escalatedAt = from.escalatedAt;
            updatedAt = from.updatedAt;
            version = from.version;
        }

        /**
         * Sets {@link ReviewItem#id()}.
         *
         * @param id the item's id
         * @return this builder
         */
        public Builder id(ReviewItemId id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets {@link ReviewItem#cycle()}.
         *
         * @param cycle the cycle it belongs to
         * @return this builder
         */
        public Builder cycle(ReviewCycleId cycle) {
            this.cycle = Objects.requireNonNull(cycle, "cycle");
            return this;
        }

        /**
         * Sets {@link ReviewItem#kind()}.
         *
         * @param kind what it certifies
         * @return this builder
         */
        public Builder kind(ReviewItemKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Sets {@link ReviewItem#target()}.
         *
         * @param target the id of the grant, credential or (for ownership) identity
         * @return this builder
         */
        public Builder target(String target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Sets {@link ReviewItem#subject()}.
         *
         * @param subject the identity whose access it is
         * @return this builder
         */
        public Builder subject(IdentityId subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /**
         * Sets {@link ReviewItem#subjectKind()}.
         *
         * @param subjectKind the subject's kind
         * @return this builder
         */
        public Builder subjectKind(IdentityKind subjectKind) {
            this.subjectKind = Objects.requireNonNull(subjectKind, "subjectKind");
            return this;
        }

        /**
         * Sets {@link ReviewItem#subjectOwner()}.
         *
         * @param subjectOwner the subject's accountable owner when the cycle opened
         * @return this builder
         */
        public Builder subjectOwner(IdentityId subjectOwner) {
            this.subjectOwner = Optional.of(Objects.requireNonNull(subjectOwner, "subjectOwner"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#subjectOwner()}.
         *
         * @param subjectOwner the subject's accountable owner when the cycle opened, or empty for none
         * @return this builder
         */
        public Builder subjectOwner(Optional<IdentityId> subjectOwner) {
            this.subjectOwner = Objects.requireNonNull(subjectOwner, "subjectOwner");
            return this;
        }

        /**
         * Sets {@link ReviewItem#summary()}.
         *
         * @param summary what it is, for people, e.g. {@code repo:read on github:acme/**}
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        /**
         * Sets {@link ReviewItem#risks()}.
         *
         * @param risks the risks it was flagged with
         * @return this builder
         */
        public Builder risks(Set<ReviewRisk> risks) {
            this.risks = Objects.requireNonNull(risks, "risks");
            return this;
        }

        /**
         * Sets {@link ReviewItem#lastUsedAt()}.
         *
         * @param lastUsedAt the grant's or credential's last recorded use; empty if never used (or for
         *     ownership)
         * @return this builder
         */
        public Builder lastUsedAt(Instant lastUsedAt) {
            this.lastUsedAt = Optional.of(Objects.requireNonNull(lastUsedAt, "lastUsedAt"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#lastUsedAt()}.
         *
         * @param lastUsedAt the grant's or credential's last recorded use; empty if never used (or for
         *     ownership), or empty for none
         * @return this builder
         */
        public Builder lastUsedAt(Optional<Instant> lastUsedAt) {
            this.lastUsedAt = Objects.requireNonNull(lastUsedAt, "lastUsedAt");
            return this;
        }

        /**
         * Sets {@link ReviewItem#useCount()}; 0 unless set.
         *
         * @param useCount how many uses were recorded
         * @return this builder
         */
        public Builder useCount(long useCount) {
            this.useCount = useCount;
            return this;
        }

        /**
         * Sets {@link ReviewItem#reviewer()}.
         *
         * @param reviewer who decides it; empty if nobody could be assigned
         * @return this builder
         */
        public Builder reviewer(IdentityId reviewer) {
            this.reviewer = Optional.of(Objects.requireNonNull(reviewer, "reviewer"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#reviewer()}.
         *
         * @param reviewer who decides it; empty if nobody could be assigned, or empty for none
         * @return this builder
         */
        public Builder reviewer(Optional<IdentityId> reviewer) {
            this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
            return this;
        }

        /**
         * Sets {@link ReviewItem#forwardedFrom()}.
         *
         * @param forwardedFrom the reviewer who handed it to the current one, if it was handed on
         * @return this builder
         */
        public Builder forwardedFrom(IdentityId forwardedFrom) {
            this.forwardedFrom = Optional.of(Objects.requireNonNull(forwardedFrom, "forwardedFrom"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#forwardedFrom()}.
         *
         * @param forwardedFrom the reviewer who handed it to the current one, if it was handed on, or empty for
         *     none
         * @return this builder
         */
        public Builder forwardedFrom(Optional<IdentityId> forwardedFrom) {
            this.forwardedFrom = Objects.requireNonNull(forwardedFrom, "forwardedFrom");
            return this;
        }

        /**
         * Sets {@link ReviewItem#status()}.
         *
         * @param status where it is
         * @return this builder
         */
        public Builder status(ReviewItemStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets {@link ReviewItem#decision()}.
         *
         * @param decision what was decided
         * @return this builder
         */
        public Builder decision(ReviewDecision decision) {
            this.decision = Optional.of(Objects.requireNonNull(decision, "decision"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#decision()}.
         *
         * @param decision what was decided, or empty for none
         * @return this builder
         */
        public Builder decision(Optional<ReviewDecision> decision) {
            this.decision = Objects.requireNonNull(decision, "decision");
            return this;
        }

        /**
         * Sets {@link ReviewItem#decidedBy()}.
         *
         * @param decidedBy who decided
         * @return this builder
         */
        public Builder decidedBy(IdentityId decidedBy) {
            this.decidedBy = Optional.of(Objects.requireNonNull(decidedBy, "decidedBy"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#decidedBy()}.
         *
         * @param decidedBy who decided, or empty for none
         * @return this builder
         */
        public Builder decidedBy(Optional<IdentityId> decidedBy) {
            this.decidedBy = Objects.requireNonNull(decidedBy, "decidedBy");
            return this;
        }

        /**
         * Sets {@link ReviewItem#decidedAt()}.
         *
         * @param decidedAt when it was decided
         * @return this builder
         */
        public Builder decidedAt(Instant decidedAt) {
            this.decidedAt = Optional.of(Objects.requireNonNull(decidedAt, "decidedAt"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#decidedAt()}.
         *
         * @param decidedAt when it was decided, or empty for none
         * @return this builder
         */
        public Builder decidedAt(Optional<Instant> decidedAt) {
            this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
            return this;
        }

        /**
         * Sets {@link ReviewItem#comment()}.
         *
         * @param comment the reviewer's comment (or the close policy's note)
         * @return this builder
         */
        public Builder comment(String comment) {
            this.comment = Objects.requireNonNull(comment, "comment");
            return this;
        }

        /**
         * Sets {@link ReviewItem#newOwner()}.
         *
         * @param newOwner for {@link ReviewDecision#REASSIGN}, the new owner
         * @return this builder
         */
        public Builder newOwner(IdentityId newOwner) {
            this.newOwner = Optional.of(Objects.requireNonNull(newOwner, "newOwner"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#newOwner()}.
         *
         * @param newOwner for {@link ReviewDecision#REASSIGN}, the new owner, or empty for none
         * @return this builder
         */
        public Builder newOwner(Optional<IdentityId> newOwner) {
            this.newOwner = Objects.requireNonNull(newOwner, "newOwner");
            return this;
        }

        /**
         * Sets {@link ReviewItem#revokedAt()}.
         *
         * @param revokedAt when a revocation was applied to the grant, credential or identity
         * @return this builder
         */
        public Builder revokedAt(Instant revokedAt) {
            this.revokedAt = Optional.of(Objects.requireNonNull(revokedAt, "revokedAt"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#revokedAt()}.
         *
         * @param revokedAt when a revocation was applied to the grant, credential or identity, or empty for
         *     none
         * @return this builder
         */
        public Builder revokedAt(Optional<Instant> revokedAt) {
            this.revokedAt = Objects.requireNonNull(revokedAt, "revokedAt");
            return this;
        }

        /**
         * Sets {@link ReviewItem#flagged()}; false unless set.
         *
         * @param flagged whether it was kept undecided at close and flagged for follow-up
         * @return this builder
         */
        public Builder flagged(boolean flagged) {
            this.flagged = flagged;
            return this;
        }

        /**
         * Sets {@link ReviewItem#remindersSent()}; 0 unless set.
         *
         * @param remindersSent how many reminders its reviewer got
         * @return this builder
         */
        public Builder remindersSent(int remindersSent) {
            this.remindersSent = remindersSent;
            return this;
        }

        /**
         * Sets {@link ReviewItem#lastRemindedAt()}.
         *
         * @param lastRemindedAt when the last reminder went out
         * @return this builder
         */
        public Builder lastRemindedAt(Instant lastRemindedAt) {
            this.lastRemindedAt = Optional.of(Objects.requireNonNull(lastRemindedAt, "lastRemindedAt"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#lastRemindedAt()}.
         *
         * @param lastRemindedAt when the last reminder went out, or empty for none
         * @return this builder
         */
        public Builder lastRemindedAt(Optional<Instant> lastRemindedAt) {
            this.lastRemindedAt = Objects.requireNonNull(lastRemindedAt, "lastRemindedAt");
            return this;
        }

        /**
         * Sets {@link ReviewItem#escalatedAt()}.
         *
         * @param escalatedAt when it was escalated as overdue
         * @return this builder
         */
        public Builder escalatedAt(Instant escalatedAt) {
            this.escalatedAt = Optional.of(Objects.requireNonNull(escalatedAt, "escalatedAt"));
            return this;
        }

        /**
         * Sets or clears {@link ReviewItem#escalatedAt()}.
         *
         * @param escalatedAt when it was escalated as overdue, or empty for none
         * @return this builder
         */
        public Builder escalatedAt(Optional<Instant> escalatedAt) {
            this.escalatedAt = Objects.requireNonNull(escalatedAt, "escalatedAt");
            return this;
        }

        /**
         * Sets {@link ReviewItem#updatedAt()}.
         *
         * @param updatedAt when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /**
         * Sets {@link ReviewItem#version()}; 1 unless set.
         *
         * @param version the optimistic-concurrency version, starting at 1
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * {@return the item, with the risks copied}
         *
         * @throws dev.steward.ValidationException naming the first required field that was not set,
         *     e.g. {@code reviewItem.subject: is required}
         */
        public ReviewItem build() {
            return new ReviewItem(this);
        }
    }
}
