package dev.steward.authz;

import dev.steward.StewardException;
import java.util.Objects;

/**
 * The text an agent framework hands to the model when Steward refuses a tool call, the same in
 * every adapter: the reason code (so that the model can explain the refusal or ask for access) and
 * its meaning, never the request's texts nor an exception's internals.
 */
public final class ToolRefusals {
    /**
     * The text for a call whose host named no acting identity (an adapter found none in the
     * framework's invocation context): nobody to decide for, so the tool does not run.
     */
    public static final String NO_IDENTITY = "refused by Steward: " + DecisionReason.ERROR
            + " (the host named no identity for this call; denied to fail closed)";

    private ToolRefusals() {
    }

    /**
     * @param refusal what the guard threw instead of running the tool
     * @return {@code denied by Steward: NO_MATCHING_GRANT (no active grant covers this action and
     *     resource)} for a denied call, or {@code refused by Steward: ERROR (...)} when the call
     *     could not be decided or recorded
     */
    public static String describe(StewardException refusal) {
        Objects.requireNonNull(refusal, "refusal");
        if (refusal instanceof AccessDeniedException denied) {
            Decision d = denied.decision();
            return "denied by Steward: " + d.reason() + " (" + d.message() + ")";
        }
        return "refused by Steward: " + DecisionReason.ERROR + " (the call could not be decided or recorded; "
                + "denied to fail closed)";
    }
}
