package dev.steward.springai;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.DefaultToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * The language model, scripted: each request is answered by the next turn of the script. Only the
 * answers are made up; the rest is the model side of Spring AI's tool-calling flow as
 * {@code OpenAiChatModel} runs it: the request's options merged into tool-calling options, the
 * tool definitions resolved through the {@link ToolCallingManager}, and, when the
 * {@link ToolExecutionEligibilityPredicate} says an answer's tool calls are to be executed here,
 * {@code executeToolCalls} followed by a new request with the conversation it returns (or the
 * tools' results returned directly when every tool asks for that).
 */
final class ScriptedChatModel implements ChatModel {
    private final ToolCallingManager toolCallingManager;
    private final ToolExecutionEligibilityPredicate eligibility = new DefaultToolExecutionEligibilityPredicate();
    private final Deque<Supplier<AssistantMessage>> turns = new ArrayDeque<>();
    private final List<ToolResponseMessage.ToolResponse> toolResponses = new ArrayList<>();
    private final List<List<String>> offeredTools = new ArrayList<>();

    ScriptedChatModel(ToolCallingManager toolCallingManager) {
        this.toolCallingManager = toolCallingManager;
    }

    static AssistantMessage.ToolCall toolCall(String id, String name, String arguments) {
        return new AssistantMessage.ToolCall(id, "function", name, arguments);
    }

    /** The next answer asks for these tool calls, in this order. */
    ScriptedChatModel calls(AssistantMessage.ToolCall... calls) {
        return turn(() -> AssistantMessage.builder().content("").toolCalls(List.of(calls)).build());
    }

    /** The next answer is a final text. */
    ScriptedChatModel replies(String text) {
        return turn(() -> new AssistantMessage(text));
    }

    /** The next answer is whatever {@code turn} makes when the request arrives (it may act as the host first). */
    ScriptedChatModel turn(Supplier<AssistantMessage> turn) {
        turns.add(turn);
        return this;
    }

    /** {@return every tool result the model received, in order} */
    List<ToolResponseMessage.ToolResponse> toolResponses() {
        return List.copyOf(toolResponses);
    }

    /** {@return the tool names offered to the model, per request} */
    List<List<String>> offeredTools() {
        return List.copyOf(offeredTools);
    }

    @Override
    public ChatOptions getDefaultOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        ToolCallingChatOptions options = prompt.getOptions() instanceof ToolCallingChatOptions requested
                ? requested.copy()
                : ToolCallingChatOptions.builder().build();
        ToolCallingChatOptions.validateToolCallbacks(options.getToolCallbacks());
        return internalCall(new Prompt(prompt.getInstructions(), options));
    }

    private ChatResponse internalCall(Prompt prompt) {
        offeredTools.add(toolCallingManager.resolveToolDefinitions((ToolCallingChatOptions) prompt.getOptions())
                .stream().map(ToolDefinition::name).toList());
        List<Message> messages = prompt.getInstructions();
        if (messages.get(messages.size() - 1) instanceof ToolResponseMessage results) {
            toolResponses.addAll(results.getResponses());
        }
        if (turns.isEmpty()) {
            throw new IllegalStateException("the script has no answer left for: " + messages);
        }
        ChatResponse response = new ChatResponse(List.of(new Generation(turns.remove().get())));
        if (!eligibility.isToolExecutionRequired(prompt.getOptions(), response)) {
            return response;
        }
        ToolExecutionResult executed = toolCallingManager.executeToolCalls(prompt, response);
        if (executed.returnDirect()) {
            return ChatResponse.builder().from(response).generations(ToolExecutionResult.buildGenerations(executed))
                    .build();
        }
        return internalCall(new Prompt(executed.conversationHistory(), prompt.getOptions()));
    }
}
