package dev.steward.review;

/** Why a {@link ReviewCycle} was opened. */
public enum ReviewOrigin {
    /** A certification campaign opened by the host or a person, or recurring from one. */
    CAMPAIGN,
    /** An agent's reconfirmation by its owner fell due. */
    RECONFIRMATION,
    /** A person left and their non-human identities passed to a successor owner. */
    OWNER_LEFT,
    /** A grant widened a non-human identity's access without its owner's approval. */
    GRANT_WIDENED,
    /** A delegated grant made an identity act on someone's behalf. */
    NEW_DELEGATION
}
