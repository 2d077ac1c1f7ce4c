package dev.steward.identity;

/**
 * Why an identity is suspended, so that only what the suspension was for can lift it on its own:
 * an owner's reconfirmation resumes an agent suspended because its reconfirmation lapsed, and no
 * other suspension.
 */
public enum SuspensionCause {
    /** A person or the host system suspended it; only an explicit resume lifts it. */
    ACTOR,
    /** Its owner left without a successor and the orphan grace period passed. */
    ORPHANED,
    /** Its owner did not reconfirm it in time; the owner's reconfirmation resumes it. */
    RECONFIRMATION_LAPSED,
    /** A reviewer's decision suspended it. */
    REVIEW
}
