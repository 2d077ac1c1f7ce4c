package dev.steward.review;

import dev.steward.ValidationException;
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
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Reconfirmation.</b> An agent's owner reconfirms it every {@code reconfirmAgentsEvery},
 *       counted from its last reconfirmation (or approval). When that is due the lifecycle sweep
 *       opens a reconfirmation review for the owner; once the grace period has passed too, the agent
 *       is denied at decision time and suspended by the sweep. Off by default.</li>
 *   <li><b>Event reviews.</b> When a person leaves and their identities pass to a successor, when a
 *       grant widens a non-human identity's access without its owner's approval, or when a delegated
 *       grant is approved, a small review for the accountable human opens at once, due in
 *       {@code eventReviewDueIn}. Off by default.</li>
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

    private ReviewPolicy(Builder b) {
        this.reconfirmAgentsEvery = Optional.ofNullable(b.reconfirmAgentsEvery);
        this.reconfirmationGrace = b.reconfirmationGrace != null ? b.reconfirmationGrace : Duration.ofDays(7);
        this.eventReviews = b.eventReviews != null && b.eventReviews;
        this.eventReviewDueIn = b.eventReviewDueIn != null ? b.eventReviewDueIn : Duration.ofDays(7);
        this.reviewers = Optional.ofNullable(b.reviewers);
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

    /** Builds a {@link ReviewPolicy}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private Duration reconfirmAgentsEvery;
        private Duration reconfirmationGrace;
        private Boolean eventReviews;
        private Duration eventReviewDueIn;
        private ManagerDirectory reviewers;

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

        /** @return the policy */
        public ReviewPolicy build() {
            return new ReviewPolicy(this);
        }
    }
}
