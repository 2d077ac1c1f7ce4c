package dev.steward.authz;

import java.util.Objects;

/**
 * What calls of one tool mean, as declared in a {@link ToolPolicy}: the action the tool performs
 * and the resource it touches, written as a template whose {@code {name}} placeholders take the
 * values of the call's arguments.
 *
 * @param tool the tool's name
 * @param action the action every call of the tool asks for, e.g. {@code repo:read}
 * @param resourceTemplate the resource, e.g. {@code github:{owner}/{repo}/pulls}
 */
public record ToolMapping(String tool, String action, String resourceTemplate) {
    /**
     * Checks that nothing is null; {@link ToolPolicy.Builder#tool} checks the formats.
     *
     * @param tool the tool's name
     * @param action the action every call of the tool asks for
     * @param resourceTemplate the resource template
     */
    public ToolMapping {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceTemplate, "resourceTemplate");
    }
}
