package dev.steward;

import java.util.Objects;

/**
 * A change was refused because it would break a governance rule, for example an agent approving
 * a grant or a requester approving their own request. Nothing was changed.
 */
public final class PolicyViolationException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** The rule the change would have broken. */
    private final GovernanceRule rule;

    /**
     * @param rule the rule the change would break
     * @param message what was refused and why
     */
    public PolicyViolationException(GovernanceRule rule, String message) {
        super(Objects.requireNonNull(rule, "rule") + ": " + message);
        this.rule = rule;
    }

    /** @return the rule the change would have broken */
    public GovernanceRule rule() {
        return rule;
    }
}
