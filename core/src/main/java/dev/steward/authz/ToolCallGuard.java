package dev.steward.authz;

import dev.steward.identity.IdentityId;

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
}
