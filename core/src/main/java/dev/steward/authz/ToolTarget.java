package dev.steward.authz;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ToolInvocation} means under a {@link ToolPolicy}: the action and concrete resource
 * to decide on, or why the call cannot be mapped to one.
 */
public sealed interface ToolTarget permits ToolTarget.Resolved, ToolTarget.Refused {
    /** {@return the tool's name, as the call gave it} */
    String tool();

    /**
     * The call maps to a request for {@code action} on {@code resource}.
     *
     * @param tool the tool's name
     * @param action the action the tool performs
     * @param resource the concrete resource, its placeholders filled from the arguments
     * @param argumentDigest the SHA-256 of the canonical arguments, in lowercase hex, when the
     *     policy records digests
     */
    record Resolved(String tool, String action, String resource, Optional<String> argumentDigest)
            implements ToolTarget {
        /**
         * Checks that nothing is null.
         *
         * @param tool the tool's name
         * @param action the action the tool performs
         * @param resource the concrete resource
         * @param argumentDigest the SHA-256 of the canonical arguments, when recorded
         */
        public Resolved {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(argumentDigest, "argumentDigest");
        }
    }

    /**
     * The call cannot be mapped: it is denied with {@code reason}.
     *
     * @param tool the tool's name
     * @param reason {@link DecisionReason#TOOL_NOT_MAPPED} for a tool the policy does not name,
     *     {@link DecisionReason#INVALID_REQUEST} for arguments that are not a JSON object or miss
     *     or malform a placeholder's value
     * @param problem what is wrong, naming the argument but never quoting its value (arguments may
     *     hold personal data or secrets)
     */
    record Refused(String tool, DecisionReason reason, String problem) implements ToolTarget {
        /**
         * Checks that nothing is null.
         *
         * @param tool the tool's name
         * @param reason the deny's reason
         * @param problem what is wrong
         */
        public Refused {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
