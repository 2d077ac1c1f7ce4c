package dev.steward.springai;

import dev.steward.Steward;
import dev.steward.authz.ToolPolicy;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;

/**
 * Wraps the tool callbacks a {@code ChatClient} offers in {@link StewardToolCallback}s, all with
 * one Steward and one {@link ToolPolicy}:
 *
 * <pre>{@code
 * StewardToolCallbacks guarded = StewardToolCallbacks.guard(steward, policy);
 * ChatClient chat = ChatClient.builder(chatModel)
 *     .defaultToolCallbacks(guarded.wrapTools(new TicketTools()))     // @Tool methods
 *     .defaultToolCallbacks(guarded.wrap(mcpToolCallbackProvider))      // any provider
 *     .build();
 * }</pre>
 *
 * <p>Only wrapped callbacks are guarded: a tool the host hands to Spring AI unwrapped, or that
 * Spring AI resolves by name from the application context, runs without Steward. A callback that
 * is already a {@link StewardToolCallback} is kept as it is, so that no call is decided twice.
 * Immutable and thread-safe.
 */
public final class StewardToolCallbacks {
    private final Steward steward;
    private final ToolPolicy policy;

    private StewardToolCallbacks(Steward steward, ToolPolicy policy) {
        this.steward = steward;
        this.policy = policy;
    }

    /**
     * @param steward decides and records the calls
     * @param policy which action and resource each tool's calls mean
     * @return a wrapper that guards callbacks with them
     */
    public static StewardToolCallbacks guard(Steward steward, ToolPolicy policy) {
        return new StewardToolCallbacks(Objects.requireNonNull(steward, "steward"),
                Objects.requireNonNull(policy, "policy"));
    }

    /**
     * @param callback a callback
     * @return it, guarded
     */
    public StewardToolCallback wrap(ToolCallback callback) {
        Objects.requireNonNull(callback, "callback");
        return callback instanceof StewardToolCallback guarded ? guarded
                : new StewardToolCallback(callback, steward, policy);
    }

    /**
     * @param callbacks callbacks
     * @return each of them guarded, in the same order
     */
    public ToolCallback[] wrap(ToolCallback... callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        return Arrays.stream(callbacks).map(this::wrap).toArray(ToolCallback[]::new);
    }

    /**
     * @param provider a provider of callbacks, e.g. an MCP client's
     * @return a provider that guards the provider's callbacks each time it is asked for them, so
     *     that tools the provider adds later are guarded too
     */
    public ToolCallbackProvider wrap(ToolCallbackProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return () -> wrap(provider.getToolCallbacks());
    }

    /**
     * @param toolObjects objects with {@code @Tool}-annotated methods, as {@code ChatClient}'s
     *     {@code defaultTools(...)} takes them
     * @return a guarded callback for each of their tools
     */
    public ToolCallback[] wrapTools(Object... toolObjects) {
        Objects.requireNonNull(toolObjects, "toolObjects");
        return wrap(MethodToolCallbackProvider.builder().toolObjects(toolObjects).build().getToolCallbacks());
    }
}
