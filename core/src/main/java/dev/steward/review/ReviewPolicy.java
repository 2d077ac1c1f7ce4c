package dev.steward.review;

import dev.steward.ValidationException;
import dev.steward.identity.IdentityId;
import dev.steward.identity.ManagerDirectory;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link dev.steward.Steward} runs reviews outside campaigns: reconfirmation of agents by
 * their owners, event-triggered micro-reviews, and who reviews a person's access. Immutable; build
 * one with {@link #builder()} and pass it to {@code Steward.builder().reviews(...)}.
 *
 * <pre>{@code
 * ReviewPolicy.builder()
 *     .reconfirmAgentsEvery(Duration.ofDays(30))      // owners reconfirm each agent monthly
 *     .reconfirmationGrace(Duration.ofDays(7))        // then 7 days before it is cut off
 *     .eventReviews(true)                             // micro-reviews on leavers, widening, delegation
 *     .fallbackReviewer(securityLead.id())            // when the accountable human cannot review
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Reconfirmation.</b> An agent's owner reconfirms it every {@code reconfirmAgentsEvery},
 *       counted from its last reconfirmation (or approval). When that is due the lifecycle sweep
 *       opens a reconfirmation review for the owner (the fallback reviewer if the owner cannot
 *       review); once the grace period has passed too, the agent is denied at decision time and
 *       suspended by the sweep. No agent is suspended without that notice: a sweep that first finds
 *       an agent already past its grace period (the sweep did not run in between) opens the review
 *       and suspends the agent only when the review's due date, a full grace period later, has
 *       passed; the agent stays denied meanwhile. Reconfirming an agent that the sweep suspended
 *       for this reason resumes it; a suspension for any other reason stays. Off by default.</li>
 *   <li><b>Event reviews.</b> When a person leaves (whether their identities pass to a successor or
 *       are orphaned), when a grant widens a non-human identity's access without its owner's
 *       approval, or when a delegated grant is approved, a small review for the accountable human
 *       opens at once, due in {@code eventReviewDueIn}. When that human cannot review (a leaver
 *       without a manager, an owner who left), the {@code fallbackReviewer} reviews instead. If
 *       there is none, or it is not an active human at the time, the review still opens,
 *       unassigned, and Steward logs a warning naming it; with event reviews off, a leaver who
 *       leaves orphans behind is logged as a warning too. Never silence. Off by default.</li>
 *   <li><b>Reviewers of people's access.</b> A person's grants and credentials are reviewed by whom
 *       {@code reviewers} names (for example their manager); the builder's {@code managers} by
 *       default.</li>
 * </ul>
 */
public final class ReviewPolicy {
    private final Optional<Duration> reconfirmAgentsEvery;
    private final Duration reconfirmationGrace;
    private final boolean eventReviews;
    private final Duration eventReviewDueIn;
    private final Optional<ManagerDirectory> reviewers;
    private final Optional<IdentityId> fallbackReviewer;

    private ReviewPolicy(Builder b) {
        this.reconfirmAgentsEvery = Optional.ofNullable(b.reconfirmAgentsEvery);
        this.reconfirmationGrace = b.reconfirmationGrace != null ? b.reconfirmationGrace : Duration.ofDays(7);
        this.eventReviews = b.eventReviews != null && b.eventReviews;
        this.eventReviewDueIn = b.eventReviewDueIn != null ? b.eventReviewDueIn : Duration.ofDays(7);
        this.reviewers = Optional.ofNullable(b.reviewers);
        this.fallbackReviewer = Optional.ofNullable(b.fallbackReviewer);
    }

    /** @return a policy with everything off, and people's access reviewed by their managers */
    public static ReviewPolicy defaults() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how often owners reconfirm their agents; empty when reconfirmation is off */
    public Optional<Duration> reconfirmAgentsEvery() {
        return reconfirmAgentsEvery;
    }

    /** @return how long after reconfirmation falls due an agent keeps working */
    public Duration reconfirmationGrace() {
        return reconfirmationGrace;
    }

    /** @return whether events open micro-reviews */
    public boolean eventReviews() {
        return eventReviews;
    }

    /** @return how long a micro-review's reviewer has */
    public Duration eventReviewDueIn() {
        return eventReviewDueIn;
    }

    /** @return who reviews a person's access; the Steward's managers when empty */
    public Optional<ManagerDirectory> reviewers() {
        return reviewers;
    }

    /**
     * @return who reviews an event or reconfirmation review when its accountable human cannot (an
     *     active human, checked when a review opens); none by default
     */
    public Optional<IdentityId> fallbackReviewer() {
        return fallbackReviewer;
    }

    /** Builds a {@link ReviewPolicy}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private Duration reconfirmAgentsEvery;
        private Duration reconfirmationGrace;
        private Boolean eventReviews;
        private Duration eventReviewDueIn;
        private ManagerDirectory reviewers;
        private IdentityId fallbackReviewer;

        private Builder() {
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new ValidationException(setting, "is already set; each setting may be given once");
            }
        }

        /**
         * Sets how often owners reconfirm their agents; off by default.
         *
         * @param value the time between two reconfirmations of an agent, positive
         * @return this builder
         */
        public Builder reconfirmAgentsEvery(Duration value) {
            once(reconfirmAgentsEvery, "reconfirmAgentsEvery");
            reconfirmAgentsEvery = Checks.positive("reconfirmAgentsEvery", value);
            return this;
        }

        /**
         * Sets how long an agent whose reconfirmation is due keeps working without it; 7 days by default.
         *
         * @param value the grace after a reconfirmation falls due, positive
         * @return this builder
         */
        public Builder reconfirmationGrace(Duration value) {
            once(reconfirmationGrace, "reconfirmationGrace");
            reconfirmationGrace = Checks.positive("reconfirmationGrace", value);
            return this;
        }

        /**
         * Sets whether events (leavers, widened access, delegation) open micro-reviews; off by default.
         *
         * @param value whether events open micro-reviews
         * @return this builder
         */
        public Builder eventReviews(boolean value) {
            once(eventReviews, "eventReviews");
            eventReviews = value;
            return this;
        }

        /**
         * Sets how long the reviewer of a micro-review has; 7 days by default.
         *
         * @param value the time from opening to due date of a micro-review, positive
         * @return this builder
         */
        public Builder eventReviewDueIn(Duration value) {
            once(eventReviewDueIn, "eventReviewDueIn");
            eventReviewDueIn = Checks.positive("eventReviewDueIn", value);
            return this;
        }

        /**
         * Sets who reviews a person's access; the Steward's managers by default.
         *
         * @param value names the reviewer of each person's access, for example their manager
         * @return this builder
         */
        public Builder reviewers(ManagerDirectory value) {
            once(reviewers, "reviewers");
            reviewers = Objects.requireNonNull(value, "reviewers");
            return this;
        }

        /**
         * @param value who reviews an event or reconfirmation review when its accountable human
         *     cannot, e.g. a security lead; none by default (such a review opens unassigned, with a
     *     warning in the log)
         * @return this builder
         */
        public Builder fallbackReviewer(IdentityId value) {
            once(fallbackReviewer, "fallbackReviewer");
            fallbackReviewer = Objects.requireNonNull(value, "fallbackReviewer");
            return this;
        }

        /** @return the policy */
        public ReviewPolicy build() {
            return new ReviewPolicy(this);
        }
    }
}
