package dev.steward.review;

import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to open: a builder for a new certification campaign, passed to
 * {@link ReviewService#open(ReviewCycleSpec, dev.steward.identity.Actor)}. See {@link ReviewScope}
 * for how the scope's criteria select items.
 *
 * <pre>{@code
 * ReviewCycleSpec.named("Q3 agents").identityKinds(IdentityKind.AGENT, IdentityKind.SERVICE)
 *     .risks(ReviewRisk.UNUSED, ReviewRisk.PRIVILEGED).unusedFor(Duration.ofDays(30))
 *     .privilegedActions("db:admin").dueIn(Duration.ofDays(14)).fallbackReviewer(secOps.id())
 *     .remindEvery(Duration.ofDays(3)).undecided(UndecidedPolicy.REVOKE).closeAtDue()
 *     .recurEvery(Duration.ofDays(90));
 * }</pre>
 *
 * Required: a {@link #fallbackReviewer fallback reviewer}, an active human who reviews the items
 * nobody else can (an orphan's, an owner's who left); {@link ReviewService#open} refuses a spec
 * without one with a {@link dev.steward.ValidationException} naming {@code fallbackReviewer}.
 * Defaults: due in 14 days, no reminders, no escalation, closed by hand, undecided items kept and
 * flagged, revocations at once, no recurrence. Not thread-safe.
 */
public final class ReviewCycleSpec {
    private final String name;
    private final Set<IdentityKind> identityKinds = new LinkedHashSet<>();
    private final Set<IdentityId> owners = new LinkedHashSet<>();
    private final Set<String> environments = new LinkedHashSet<>();
    private final Set<IdentityId> subjects = new LinkedHashSet<>();
    private final Set<ReviewItemKind> itemKinds = new LinkedHashSet<>();
    private final List<String> resourcePatterns = new ArrayList<>();
    private final Set<ReviewRisk> risks = new LinkedHashSet<>();
    private final Set<String> privilegedActions = new LinkedHashSet<>();
    private Duration unusedFor;
    private Duration dueIn = Duration.ofDays(14);
    private Instant dueAt;
    private IdentityId fallbackReviewer;
    private IdentityId escalateTo;
    private Duration remindEvery;
    private Duration escalateAfter;
    private boolean closeAtDue;
    private UndecidedPolicy undecided = UndecidedPolicy.KEEP_AND_FLAG;
    private RevocationTiming revocation = RevocationTiming.IMMEDIATELY;
    private Duration recurEvery;

    private ReviewCycleSpec(String name) {
        this.name = Checks.name("name", name);
    }

    /**
     * @param name a name for people, e.g. {@code Q3 non-human access}: in NFC, U+0020 its only white
     *     space and never first or last, no control, format, invisible or unassigned code points
     * @return a spec for a campaign of that name over everything, until narrowed
     */
    public static ReviewCycleSpec named(String name) {
        return new ReviewCycleSpec(name);
    }

    /**
     * Narrows the scope to identities of these kinds, adding to the kinds given before.
     *
     * @param values the identity kinds to review
     * @return this spec
     */
    public ReviewCycleSpec identityKinds(IdentityKind... values) {
        identityKinds.addAll(List.of(values));
        return this;
    }

    /**
     * Narrows the scope to non-human identities owned by one of these people, adding to the owners
     * given before.
     *
     * @param values the owners' ids
     * @return this spec
     */
    public ReviewCycleSpec owners(IdentityId... values) {
        owners.addAll(List.of(values));
        return this;
    }

    /**
     * Narrows the scope to identities in one of these environments, adding to those given before.
     *
     * @param values environment names: letters, digits and {@code . _ : @ + -}
     * @return this spec
     */
    public ReviewCycleSpec environments(String... values) {
        for (String e : values) {
            environments.add(Checks.id("environments", e));
        }
        return this;
    }

    /**
     * Narrows the scope to these identities, adding to those given before.
     *
     * @param values the ids of the identities to review
     * @return this spec
     */
    public ReviewCycleSpec subjects(IdentityId... values) {
        subjects.addAll(List.of(values));
        return this;
    }

    /**
     * Narrows the scope to items of these kinds, adding to the kinds given before.
     *
     * @param values the item kinds to review
     * @return this spec
     */
    public ReviewCycleSpec items(ReviewItemKind... values) {
        itemKinds.addAll(List.of(values));
        return this;
    }

    /**
     * Narrows the scope to grants whose pattern one of these patterns covers, adding to those given before.
     *
     * @param patterns resource patterns, as {@link dev.steward.grant.ResourcePattern#parse} reads them
     * @return this spec
     */
    public ReviewCycleSpec resources(String... patterns) {
        for (String p : patterns) {
            resourcePatterns.add(dev.steward.grant.ResourcePattern.parse(p).value());
        }
        return this;
    }

    /**
     * Narrows the scope to items flagged with one of these risks, adding to the risks given before.
     *
     * @param values the risks to review
     * @return this spec
     */
    public ReviewCycleSpec risks(ReviewRisk... values) {
        risks.addAll(List.of(values));
        return this;
    }

    /**
     * Sets how long without use flags an item {@link ReviewRisk#UNUSED}.
     *
     * @param value the time without use, positive
     * @return this spec
     */
    public ReviewCycleSpec unusedFor(Duration value) {
        unusedFor = Checks.positive("unusedFor", value);
        return this;
    }

    /**
     * Names the actions the host counts as privileged, for {@link ReviewRisk#PRIVILEGED}; adds to those
     * given before.
     *
     * @param actions action names: 1 to 128 letters, digits and {@code . _ : -}
     * @return this spec
     */
    public ReviewCycleSpec privilegedActions(String... actions) {
        for (String a : actions) {
            privilegedActions.add(Checks.action("privilegedActions", a));
        }
        return this;
    }

    /**
     * Sets how long reviewers have, counted from opening, in place of any {@link #dueAt(Instant)} given
     * before; 14 days by default.
     *
     * @param value the time from opening to due date, positive
     * @return this spec
     */
    public ReviewCycleSpec dueIn(Duration value) {
        dueIn = Checks.positive("dueIn", value);
        dueAt = null;
        return this;
    }

    /**
     * Sets when reviewers should have decided; it takes the place of {@link #dueIn(Duration)}.
     *
     * @param value the due date, after the cycle opens
     * @return this spec
     */
    public ReviewCycleSpec dueAt(Instant value) {
        dueAt = Objects.requireNonNull(value, "dueAt");
        return this;
    }

    /**
     * Sets who reviews an item nobody else can review. Required for campaigns.
     *
     * @param value who reviews an item nobody else can review: required for every campaign, and
     *     checked when it opens to be a known, active human (else a
     *     {@link dev.steward.ValidationException} or, for a non-human, a
     *     {@link dev.steward.PolicyViolationException})
     * @return this spec
     */
    public ReviewCycleSpec fallbackReviewer(IdentityId value) {
        fallbackReviewer = Objects.requireNonNull(value, "fallbackReviewer");
        return this;
    }

    /**
     * Sets who hears of overdue items; the reviewer's manager by default.
     *
     * @param value the id of whom escalations go to
     * @return this spec
     */
    public ReviewCycleSpec escalateTo(IdentityId value) {
        escalateTo = Objects.requireNonNull(value, "escalateTo");
        return this;
    }

    /**
     * Sets how often reviewers are reminded of their pending items; no reminders by default.
     *
     * @param value the time between reminders, positive
     * @return this spec
     */
    public ReviewCycleSpec remindEvery(Duration value) {
        remindEvery = Checks.positive("remindEvery", value);
        return this;
    }

    /**
     * Sets how long after opening pending items are escalated; no escalation by default.
     *
     * @param value the time from opening to escalation, positive
     * @return this spec
     */
    public ReviewCycleSpec escalateAfter(Duration value) {
        escalateAfter = Checks.positive("escalateAfter", value);
        return this;
    }

    /** @return this spec, closed by the lifecycle sweep at its due date */
    public ReviewCycleSpec closeAtDue() {
        closeAtDue = true;
        return this;
    }

    /**
     * Sets what happens at close to items nobody decided; kept and flagged by default.
     *
     * @param value the policy for undecided items
     * @return this spec
     */
    public ReviewCycleSpec undecided(UndecidedPolicy value) {
        undecided = Objects.requireNonNull(value, "undecided");
        return this;
    }

    /** @return this spec, with revocations applied when the cycle closes rather than at once */
    public ReviewCycleSpec revokeAtClose() {
        revocation = RevocationTiming.AT_CLOSE;
        return this;
    }

    /**
     * Makes the cycle recur: a cycle like this one opens this long after this one opened. No recurrence
     * by default.
     *
     * @param value the time between the openings of two cycles, positive
     * @return this spec
     */
    public ReviewCycleSpec recurEvery(Duration value) {
        recurEvery = Checks.positive("recurEvery", value);
        return this;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the scope the criteria make */
    public ReviewScope scope() {
        return new ReviewScope(identityKinds, owners, environments, subjects, itemKinds, resourcePatterns, risks,
                Optional.ofNullable(unusedFor), privilegedActions);
    }

    /**
     * {@return when a cycle opened at this instant is due: the {@link #dueAt(Instant) due date}, or
     * the opening plus {@link #dueIn(Duration)}}
     *
     * @param openedAt when the cycle opens
     * @throws ValidationException if the due date is not after the opening
     */
    public Instant resolveDueAt(Instant openedAt) {
        Instant due = dueAt != null ? dueAt : openedAt.plus(dueIn);
        if (!due.isAfter(openedAt)) {
            throw new ValidationException("dueAt", "must be after the cycle opens");
        }
        return due;
    }

    /** @return the fallback reviewer */
    public Optional<IdentityId> fallbackReviewer() {
        return Optional.ofNullable(fallbackReviewer);
    }

    /** @return who hears of overdue items */
    public Optional<IdentityId> escalateTo() {
        return Optional.ofNullable(escalateTo);
    }

    /** @return the reminder interval */
    public Optional<Duration> remindEvery() {
        return Optional.ofNullable(remindEvery);
    }

    /** @return the escalation delay */
    public Optional<Duration> escalateAfter() {
        return Optional.ofNullable(escalateAfter);
    }

    /** @return whether the sweep closes the cycle at its due date */
    public boolean isCloseAtDue() {
        return closeAtDue;
    }

    /** @return the undecided policy */
    public UndecidedPolicy undecided() {
        return undecided;
    }

    /** @return when revocations take effect */
    public RevocationTiming revocation() {
        return revocation;
    }

    /** @return the recurrence */
    public Optional<Duration> recurEvery() {
        return Optional.ofNullable(recurEvery);
    }
}
