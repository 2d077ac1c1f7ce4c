package dev.steward.springai;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.ai.chat.messages.AssistantMessage;

/**
 * The tool calls of one assistant message while a {@link StewardToolCallingManager} executes them,
 * so that each {@link StewardToolCallback} finds the model's id of the call it runs.
 *
 * <p>A thread-local, because Spring AI hands a callback nothing that carries the id: the
 * {@code DefaultToolCallingManager} builds one {@code ToolContext} for all calls of a message and
 * passes a callback only the arguments. It runs the calls one after another on the thread that
 * called {@code executeToolCalls}, in the message's order, so the first unclaimed call with the
 * callback's tool name and arguments is the one being run. A scope restores the one it hides, so a
 * tool that runs a nested conversation keeps its own.
 */
final class ToolCallScope {
    private static final ThreadLocal<ToolCallScope> CURRENT = new ThreadLocal<>();

    private final List<AssistantMessage.ToolCall> unclaimed;

    private ToolCallScope(List<AssistantMessage.ToolCall> calls) {
        this.unclaimed = new ArrayList<>(calls);
    }

    /** Runs {@code execution} with {@code calls} open for claiming on this thread. */
    static <T> T during(List<AssistantMessage.ToolCall> calls, Supplier<T> execution) {
        ToolCallScope hidden = CURRENT.get();
        CURRENT.set(new ToolCallScope(calls));
        try {
            return execution.get();
        } finally {
            if (hidden == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(hidden);
            }
        }
    }

    /**
     * @param tool the callback's tool name
     * @param arguments the arguments the manager passed to the callback
     * @return the model's id of that call, once; empty outside a scope, or if no unclaimed call
     *     matches or the model gave the call no id
     */
    static Optional<String> claim(String tool, String arguments) {
        ToolCallScope scope = CURRENT.get();
        if (scope == null) {
            return Optional.empty();
        }
        String passed = asPassed(arguments);
        for (Iterator<AssistantMessage.ToolCall> it = scope.unclaimed.iterator(); it.hasNext(); ) {
            AssistantMessage.ToolCall call = it.next();
            if (tool.equals(call.name()) && passed.equals(asPassed(call.arguments()))) {
                it.remove();
                return Optional.ofNullable(call.id());
            }
        }
        return Optional.empty();
    }

    /** The arguments as the manager passes them: {@code {}} for none (it does so for streaming). */
    private static String asPassed(String arguments) {
        return arguments == null || arguments.isBlank() ? "{}" : arguments;
    }
}
