package dev.steward.authz;

import java.util.Objects;

/**
 * One tool call as an agent framework hands it over: which tool, with which arguments, under which
 * id. Everything in it may have been written by a language model, so nothing is trusted: a
 * {@link ToolPolicy} maps it to an action and resource, and {@link ToolCallGuard#call(ToolPolicy,
 * ToolInvocation, ToolCall)} turns any malformed part into a recorded deny rather than an exception.
 * The acting identity never comes from here: the guard is built for it by the host.
 *
 * @param tool the tool's name, as the model called it
 * @param arguments the call's arguments, a JSON object as text; empty or blank means {@code {}}
 * @param toolCallId the framework's id of the call, recorded as the correlation id of every audit
 *     event of the call, so that {@code audit().trail(toolCallId)} shows the call's decision and
 *     outcome
 */
public record ToolInvocation(String tool, String arguments, String toolCallId) {
    /**
     * Checks that nothing is null. Formats are checked when the call is decided.
     *
     * @param tool the tool's name, as the model called it
     * @param arguments the call's arguments, a JSON object as text; empty or blank means {@code {}}
     * @param toolCallId the framework's id of the call
     */
    public ToolInvocation {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(toolCallId, "toolCallId");
    }
}
