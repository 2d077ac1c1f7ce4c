package dev.steward.springai;

import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.DefaultToolCallingManager;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A {@link ToolCallingManager} that lets each {@link StewardToolCallback} record the model's id
 * of the call it runs ({@link AssistantMessage.ToolCall#id()}) as the correlation id of the call's
 * audit events, so that {@code steward.audit().trail(toolCallId)} finds them. Everything else is
 * the wrapped manager's: which callback runs, the tool context, observations, how a tool's
 * exception becomes its result, the conversation history. Without this manager a guarded call is
 * recorded under a random UUID.
 *
 * <p>Spring Boot's auto-configuration backs off when the host defines a {@code ToolCallingManager}
 * bean, and every chat model it configures takes that bean:
 *
 * <pre>{@code
 * @Bean
 * ToolCallingManager toolCallingManager(ToolCallbackResolver resolver, ToolExecutionExceptionProcessor exceptions,
 *         ObjectProvider<ObservationRegistry> observations) {
 *     return StewardToolCallingManager.wrap(ToolCallingManager.builder()
 *             .observationRegistry(observations.getIfUnique(() -> ObservationRegistry.NOOP))
 *             .toolCallbackResolver(resolver).toolExecutionExceptionProcessor(exceptions).build());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe when the wrapped manager is.
 */
public final class StewardToolCallingManager implements ToolCallingManager {
    private final ToolCallingManager delegate;

    private StewardToolCallingManager(ToolCallingManager delegate) {
        this.delegate = delegate;
    }

    /**
     * @param delegate the manager that executes the calls, typically a {@link DefaultToolCallingManager};
     *     it must run a message's callbacks on the thread that calls {@code executeToolCalls}, as
     *     Spring AI's does
     * @return a manager that hands the model's tool-call ids to the guarded callbacks
     */
    public static StewardToolCallingManager wrap(ToolCallingManager delegate) {
        return new StewardToolCallingManager(Objects.requireNonNull(delegate, "delegate"));
    }

    /** {@return a manager around Spring AI's {@link DefaultToolCallingManager} with its defaults} */
    public static StewardToolCallingManager create() {
        return wrap(DefaultToolCallingManager.builder().build());
    }

    @Override
    public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
        return delegate.resolveToolDefinitions(chatOptions);
    }

    /**
     * Executes the tool calls of the response's first generation that has any (the one Spring
     * AI's manager executes) through the wrapped manager, with their ids open to the guarded
     * callbacks.
     */
    @Override
    public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
        Objects.requireNonNull(chatResponse, "chatResponse");
        List<AssistantMessage.ToolCall> calls = chatResponse.getResults().stream()
                .map(Generation::getOutput)
                .map(AssistantMessage::getToolCalls)
                .filter(c -> c != null && !c.isEmpty())
                .findFirst()
                .orElse(List.of());
        return ToolCallScope.during(calls, () -> delegate.executeToolCalls(prompt, chatResponse));
    }
}
