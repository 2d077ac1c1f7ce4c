package dev.steward.authz;

/** Why a {@link Decision} came out as it did. Exactly one reason, {@link #GRANTED}, allows. */
public enum DecisionReason {
    /** A matching active grant allowed it, and every link of the delegation chain holds it. */
    GRANTED("allowed by an active grant"),
    /** The request itself is malformed: an unknown format of action, resource or id. */
    INVALID_REQUEST("the request is malformed"),
    /**
     * A tool call names a tool that the {@link ToolPolicy} does not map to an action and
     * resource. A policy rolled out in {@link EnforcementMode#LOG_ONLY} for unmapped tools lets
     * the call run and records it as "would deny".
     */
    TOOL_NOT_MAPPED("no tool policy maps this tool to an action and resource"),
    /** The identity is not known to Steward. */
    UNKNOWN_IDENTITY("the identity does not exist"),
    /** The identity is pending, suspended, retired or rejected. */
    IDENTITY_NOT_ACTIVE("the identity is not active"),
    /** The identity's expiry has passed. */
    IDENTITY_EXPIRED("the identity has expired"),
    /** The identity's owner is not an active human. */
    OWNER_NOT_ACTIVE("the identity's accountable owner is not an active human"),
    /** The identity's owner left and its orphan grace period has passed. */
    ORPHANED("the identity is orphaned and its grace period has passed"),
    /** The agent's owner did not reconfirm it within its reconfirmation period and grace. */
    RECONFIRMATION_OVERDUE("the agent was not reconfirmed by its owner in time"),
    /** No active grant covers the action and resource. */
    NO_MATCHING_GRANT("no active grant covers this action and resource"),
    /** A covering grant exists but is outside its validity window. */
    GRANT_NOT_VALID_NOW("the covering grant is outside its validity window"),
    /** A covering grant exists but is restricted to another environment. */
    ENVIRONMENT_MISMATCH("the covering grant is restricted to another environment"),
    /** A covering grant exists but its uses are spent. */
    USE_LIMIT_REACHED("the covering grant has no uses left"),
    /** The delegation chain is longer than the configured maximum. */
    DELEGATION_TOO_DEEP("the delegation chain is longer than allowed"),
    /** A link of the delegation chain holds no grant delegated by the next link. */
    NOT_DELEGATED("no grant delegated by the principal covers this action and resource"),
    /** An identity of the delegation chain is unknown, inactive or expired. */
    DELEGATOR_NOT_ACTIVE("an identity of the delegation chain is not active"),
    /** The principal at the end of the chain does not hold the permission itself. */
    DELEGATOR_LACKS_PERMISSION("the principal does not hold this permission"),
    /** The store could not be reached and the local view is too old to decide on. */
    STORE_UNAVAILABLE("the store is unavailable and the local view is stale"),
    /** An internal error; denied to fail closed. */
    ERROR("an internal error occurred; denied to fail closed");

    private final String message;

    DecisionReason(String message) {
        this.message = message;
    }

    /** @return a readable explanation */
    public String message() {
        return message;
    }
}
