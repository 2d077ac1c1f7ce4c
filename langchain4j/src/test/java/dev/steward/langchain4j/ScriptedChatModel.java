package dev.steward.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The only test double: a language model that plays a script. Each turn it answers the next step
 * (tool calls, or a final text), after running the step's host action if it has one; it keeps what
 * it was sent, so a test can read the tool results the model saw.
 */
final class ScriptedChatModel implements ChatModel {
    /** One answer of the model, and what the host does just before the model gives it. */
    record Step(Runnable before, AiMessage reply) {
        /** {@return the same answer, given after the host has done {@code action}} */
        Step after(Runnable action) {
            return new Step(action, reply);
        }
    }

    private final Deque<Step> script;
    private final List<ChatRequest> requests = new ArrayList<>();

    ScriptedChatModel(Step... script) {
        this.script = new ArrayDeque<>(Arrays.asList(script));
    }

    static Step calls(ToolExecutionRequest... requests) {
        return new Step(() -> { }, AiMessage.from(requests));
    }

    static Step answer(String text) {
        return new Step(() -> { }, AiMessage.from(text));
    }

    static ToolExecutionRequest call(String tool, String arguments, String id) {
        return ToolExecutionRequest.builder().name(tool).arguments(arguments).id(id).build();
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Step step = script.pollFirst();
        if (step == null) {
            throw new AssertionError("the model was asked more often than its script says");
        }
        step.before().run();
        return ChatResponse.builder().aiMessage(step.reply()).build();
    }

    /** {@return the tool results in the last request the model was sent, in conversation order} */
    synchronized List<ToolExecutionResultMessage> toolResults() {
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        for (ChatMessage message : requests.get(requests.size() - 1).messages()) {
            if (message instanceof ToolExecutionResultMessage result) {
                results.add(result);
            }
        }
        return results;
    }

    /** {@return the one tool result the model saw for the call with {@code id}} */
    ToolExecutionResultMessage result(String id) {
        return toolResults().stream().filter(r -> id.equals(r.id())).findFirst()
                .orElseThrow(() -> new AssertionError("the model saw no result for " + id));
    }

    /** {@return the tools offered to the model in its first request} */
    synchronized List<ToolSpecification> toolsOffered() {
        return requests.get(0).toolSpecifications();
    }
}
