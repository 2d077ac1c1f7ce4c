package dev.steward.authz;

import dev.steward.identity.IdentityId;
import java.util.function.Predicate;

/**
 * Guards the tool calls of one identity: authorizes each call, runs it only if allowed (or, in
 * {@link EnforcementMode#LOG_ONLY}, runs it and records "would deny"), and records the outcome
 * with the caller's correlation id, so that every tool call is traceable to an approved identity
 * and grant. The action runs only after its decision event is stored.
 *
 * <pre>{@code
 * String diff = steward.guard(bot.id()).onBehalfOf(alice.id())
 *     .call("repo:read", "github:acme/api/pulls", toolCallId, () -> github.diff(7));
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code onBehalfOf} and {@code environment} return new guards.
 */
public interface ToolCallGuard {
    /**
     * @param chain the identities acted for, nearest first
     * @return a guard that acts on behalf of that chain
     */
    ToolCallGuard onBehalfOf(IdentityId... chain);

    /**
     * @param environment the environment of the calls
     * @return a guard that asks for decisions in that environment
     */
    ToolCallGuard environment(String environment);

    /**
     * Authorizes and, if allowed, runs one tool call.
     *
     * @param action the action the tool performs
     * @param resource the resource it touches
     * @param toolCallId the caller's id for the call, recorded on every audit event of the call; a
     *     name in the sense of {@link AccessRequest}: NFC, U+0020 its only white space, no control,
     *     format, invisible or unassigned code points
     * @param tool the call itself
     * @param <T> the result
     * @param <E> the tool's checked exception
     * @return the tool's result
     * @throws AccessDeniedException if denied under {@link EnforcementMode#ENFORCE}; the tool did not run
     * @throws dev.steward.AuditFailureException if the decision could not be recorded; the tool did not run
     * @throws dev.steward.ValidationException if the tool-call id breaks that rule; nothing ran or was recorded
     * @throws E whatever the tool throws, after its failure is recorded
     */
    <T, E extends Exception> T call(String action, String resource, String toolCallId, ToolCall<T, E> tool)
            throws E;

    /**
     * Authorizes and, if allowed, runs one call an agent framework hands over: the
     * {@link ToolPolicy} says which action and resource it means. Every part of the invocation may
     * have been written by a model, so none of it raises a {@link dev.steward.ValidationException}:
     * a tool the policy does not map is denied with {@link DecisionReason#TOOL_NOT_MAPPED} (or
     * runs as "would deny" when the policy's {@link ToolPolicy#unmapped()} mode is
     * {@code LOG_ONLY}); arguments that miss or malform a placeholder's value, and a malformed
     * tool-call id, are denied with {@link DecisionReason#INVALID_REQUEST}. Each such deny is an
     * audited decision like any other.
     *
     * <p>The decision's audit event and the outcome's carry the tool's name (detail {@code tool})
     * and the tool-call id as correlation id, so {@code audit().trail(toolCallId)} shows the
     * decision, then the outcome. A refused call's event targets the tool
     * ({@code targetType = "tool"}) rather than a resource.
     *
     * @param policy what the framework's tools mean
     * @param invocation the call
     * @param tool runs the call
     * @param <T> the result
     * @param <E> the tool's checked exception
     * @return the tool's result
     * @throws AccessDeniedException if denied; the tool did not run. {@link ToolRefusals} gives
     *     the text to hand to the model
     * @throws dev.steward.AuditFailureException if the decision could not be recorded; the tool did not run
     * @throws E whatever the tool throws, after its failure is recorded
     */
    default <T, E extends Exception> T call(ToolPolicy policy, ToolInvocation invocation, ToolCall<T, E> tool)
            throws E {
        return call(policy, invocation, tool, result -> false);
    }

    /**
     * As {@link #call(ToolPolicy, ToolInvocation, ToolCall)}, for frameworks whose tools report a
     * failure in the result they return rather than by throwing (an MCP result with
     * {@code isError}, a LangChain4j error result): such a result is returned as it is, and its
     * outcome is recorded as a {@code FAILURE} whose {@code error} detail says the tool reported it.
     *
     * @param policy what the framework's tools mean
     * @param invocation the call
     * @param tool runs the call
     * @param failed tells whether a result the tool returned reports a failure
     * @param <T> the result
     * @param <E> the tool's checked exception
     * @return the tool's result
     * @throws AccessDeniedException if denied; the tool did not run
     * @throws dev.steward.AuditFailureException if the decision could not be recorded; the tool did not run
     * @throws E whatever the tool throws, after its failure is recorded
     */
    <T, E extends Exception> T call(ToolPolicy policy, ToolInvocation invocation, ToolCall<T, E> tool,
            Predicate<? super T> failed) throws E;

    /**
     * Tells whether a tool is worth offering to this identity, e.g. in an MCP {@code tools/list}
     * answer. A preview: it records nothing, and reads only the identity's own standing and
     * grants (not the delegation chain's), so a tool it offers may still be denied when called,
     * and every call is decided in full.
     *
     * @param policy what the tools mean
     * @param tool a tool's name
     * @return {@code true} if the identity is in {@link EnforcementMode#LOG_ONLY}, or is active
     *     and holds an active grant of the tool's action whose pattern some call of the tool could
     *     match, or the tool is unmapped and the policy runs unmapped tools in {@code LOG_ONLY}
     */
    boolean mayCall(ToolPolicy policy, String tool);
}
