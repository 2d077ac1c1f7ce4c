package dev.steward.review;

import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One thing a reviewer certifies or removes: a grant, a credential, or the ownership of a
 * non-human identity, as it was when its cycle opened, with its usage evidence. Never carries secret
 * material: a credential is described by its type, name and fingerprint. An immutable snapshot;
 * every change produces a new snapshot with a higher {@code version}.
 *
 * @param id the item's id
 * @param cycle the cycle it belongs to
 * @param kind what it certifies
 * @param target the id of the grant, credential or (for ownership) identity
 * @param subject the identity whose access it is
 * @param subjectKind the subject's kind
 * @param subjectOwner the subject's accountable owner when the cycle opened
 * @param summary what it is, for people, e.g. {@code repo:read on github:acme/**}
 * @param risks the risks it was flagged with
 * @param lastUsedAt the grant's or credential's last recorded use; empty if never used (or for ownership)
 * @param useCount how many uses were recorded
 * @param reviewer who decides it; empty if nobody could be assigned
 * @param forwardedFrom the reviewer who handed it to the current one, if it was handed on
 * @param status where it is
 * @param decision what was decided
 * @param decidedBy who decided
 * @param decidedAt when
 * @param comment the reviewer's comment (or the close policy's note)
 * @param newOwner for {@link ReviewDecision#REASSIGN}, the new owner
 * @param revokedAt when a revocation was applied to the grant, credential or identity
 * @param flagged whether it was kept undecided at close and flagged for follow-up
 * @param remindersSent how many reminders its reviewer got
 * @param lastRemindedAt when the last reminder went out
 * @param escalatedAt when it was escalated as overdue
 * @param updatedAt when it last changed
 * @param version the optimistic-concurrency version, starting at 1
 */
public record ReviewItem(
        ReviewItemId id,
        ReviewCycleId cycle,
        ReviewItemKind kind,
        String target,
        IdentityId subject,
        IdentityKind subjectKind,
        Optional<IdentityId> subjectOwner,
        String summary,
        Set<ReviewRisk> risks,
        Optional<Instant> lastUsedAt,
        long useCount,
        Optional<IdentityId> reviewer,
        Optional<IdentityId> forwardedFrom,
        ReviewItemStatus status,
        Optional<ReviewDecision> decision,
        Optional<IdentityId> decidedBy,
        Optional<Instant> decidedAt,
        String comment,
        Optional<IdentityId> newOwner,
        Optional<Instant> revokedAt,
        boolean flagged,
        int remindersSent,
        Optional<Instant> lastRemindedAt,
        Optional<Instant> escalatedAt,
        Instant updatedAt,
        long version) {

    /**
     * Checks that nothing is null and copies the risks.
     *
     * @param id the item's id
     * @param cycle the cycle it belongs to
     * @param kind what it certifies
     * @param target the id of the grant, credential or (for ownership) identity
     * @param subject the identity whose access it is
     * @param subjectKind the subject's kind
     * @param subjectOwner the subject's accountable owner when the cycle opened
     * @param summary what it is, for people, e.g. {@code repo:read on github:acme/**}
     * @param risks the risks it was flagged with
     * @param lastUsedAt the grant's or credential's last recorded use; empty if never used (or for ownership)
     * @param useCount how many uses were recorded
     * @param reviewer who decides it; empty if nobody could be assigned
     * @param forwardedFrom the reviewer who handed it to the current one, if it was handed on
     * @param status where it is
     * @param decision what was decided
     * @param decidedBy who decided
     * @param decidedAt when
     * @param comment the reviewer's comment (or the close policy's note)
     * @param newOwner for {@link ReviewDecision#REASSIGN}, the new owner
     * @param revokedAt when a revocation was applied to the grant, credential or identity
     * @param flagged whether it was kept undecided at close and flagged for follow-up
     * @param remindersSent how many reminders its reviewer got
     * @param lastRemindedAt when the last reminder went out
     * @param escalatedAt when it was escalated as overdue
     * @param updatedAt when it last changed
     * @param version the optimistic-concurrency version, starting at 1
     */
    public ReviewItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectKind, "subjectKind");
        Objects.requireNonNull(subjectOwner, "subjectOwner");
        Objects.requireNonNull(summary, "summary");
        risks = Set.copyOf(risks);
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(forwardedFrom, "forwardedFrom");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(newOwner, "newOwner");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(lastRemindedAt, "lastRemindedAt");
        Objects.requireNonNull(escalatedAt, "escalatedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
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
    public ReviewItem decided(IdentityId by, ReviewDecision what, Optional<IdentityId> owner, String note,
            Optional<Instant> revoked, Instant at) {
        return new ReviewItem(id, cycle, kind, target, subject, subjectKind, subjectOwner, summary, risks, lastUsedAt,
                useCount, reviewer, forwardedFrom, ReviewItemStatus.DECIDED, Optional.of(what), Optional.of(by),
                Optional.of(at), note, owner, revoked, flagged, remindersSent, lastRemindedAt, escalatedAt, at,
                version + 1);
    }

    /**
     * @param note why it lapsed
     * @param flag whether it is kept and flagged
     * @param revoked when the close policy's revocation was applied, if it was
     * @param at when its cycle closed
     * @return a lapsed copy, with the version advanced
     */
    public ReviewItem lapsed(String note, boolean flag, Optional<Instant> revoked, Instant at) {
        return new ReviewItem(id, cycle, kind, target, subject, subjectKind, subjectOwner, summary, risks, lastUsedAt,
                useCount, reviewer, forwardedFrom, ReviewItemStatus.LAPSED, decision, decidedBy, decidedAt, note,
                newOwner, revoked, flag, remindersSent, lastRemindedAt, escalatedAt, at, version + 1);
    }

    /**
     * @param at when the revocation was applied
     * @return a copy that records it, with the version advanced
     */
    public ReviewItem revoked(Instant at) {
        return new ReviewItem(id, cycle, kind, target, subject, subjectKind, subjectOwner, summary, risks, lastUsedAt,
                useCount, reviewer, forwardedFrom, status, decision, decidedBy, decidedAt, comment, newOwner,
                Optional.of(at), flagged, remindersSent, lastRemindedAt, escalatedAt, at, version + 1);
    }

    /**
     * @param to the new reviewer
     * @param at when
     * @return a copy handed to {@code to}, with the version advanced
     */
    public ReviewItem forwarded(IdentityId to, Instant at) {
        return new ReviewItem(id, cycle, kind, target, subject, subjectKind, subjectOwner, summary, risks, lastUsedAt,
                useCount, Optional.of(to), reviewer, status, decision, decidedBy, decidedAt, comment, newOwner,
                revokedAt, flagged, remindersSent, lastRemindedAt, escalatedAt, at, version + 1);
    }

    /**
     * @param at when the reminder went out
     * @return a copy that counts it, with the version advanced
     */
    public ReviewItem reminded(Instant at) {
        return new ReviewItem(id, cycle, kind, target, subject, subjectKind, subjectOwner, summary, risks, lastUsedAt,
                useCount, reviewer, forwardedFrom, status, decision, decidedBy, decidedAt, comment, newOwner,
                revokedAt, flagged, remindersSent + 1, Optional.of(at), escalatedAt, at, version + 1);
    }

    /**
     * @param at when it was escalated
     * @return a copy that records the escalation, with the version advanced
     */
    public ReviewItem escalated(Instant at) {
        return new ReviewItem(id, cycle, kind, target, subject, subjectKind, subjectOwner, summary, risks, lastUsedAt,
                useCount, reviewer, forwardedFrom, status, decision, decidedBy, decidedAt, comment, newOwner,
                revokedAt, flagged, remindersSent, lastRemindedAt, Optional.of(at), at, version + 1);
    }
}
