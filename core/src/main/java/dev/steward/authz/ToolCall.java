package dev.steward.authz;

/**
 * The action a {@link ToolCallGuard} runs when the call is allowed.
 *
 * @param <T> the result
 * @param <E> the checked exception the action may throw, passed through to the caller
 */
@FunctionalInterface
public interface ToolCall<T, E extends Exception> {
    /**
     * @return the tool's result
     * @throws E the tool's own failure
     */
    T call() throws E;
}
