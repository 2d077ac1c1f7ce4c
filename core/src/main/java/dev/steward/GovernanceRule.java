package dev.steward;

/**
 * The governance rules Steward enforces on changes. A {@link PolicyViolationException} names the
 * rule it refused a change under.
 */
public enum GovernanceRule {
    /** Every non-human identity has an active human owner. */
    HUMAN_OWNER_REQUIRED,
    /** Only active humans approve, review or own. */
    HUMAN_REQUIRED,
    /** Nobody approves their own request or their own identity's access. */
    SEPARATION_OF_DUTIES,
    /** Agents and their grants always end, no later than the configured maximum. */
    AGENT_TIME_BOUND,
    /** The acting identity must be active to make a change. */
    ACTOR_NOT_ACTIVE,
    /** Delegation: a grant is delegated only by another identity, within the configured depth. */
    DELEGATION,
    /** Credentials always end, no later than their type's maximum lifetime nor their identity's expiry. */
    CREDENTIAL_LIFETIME,
    /** Only a review item's assigned reviewer decides it or hands it on. */
    REVIEW_ASSIGNMENT
}
