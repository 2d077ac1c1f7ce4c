package dev.steward.springai;

import static dev.steward.springai.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;

/** The model's tool-call id becomes the correlation id of the call's audit events. */
class ToolCallIdTest {
    private final Agents a = new Agents();

    @AfterEach
    void close() {
        a.close();
    }

    @Test
    @DisplayName("the model's tool-call id finds the call's decision, then its outcome, with tool, actor and chain")
    void trailUnderTheModelsId() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call_8fJ2kq", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("Done.");

        a.ask(model, Agents.POLICY);

        List<AuditEvent> trail = a.trail("call_8fJ2kq");
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        AuditEvent decided = trail.get(0);
        assertThat(decided.outcome()).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(decided.actor()).isEqualTo(a.bot.id());
        assertThat(decided.onBehalfOf()).containsExactly(a.alice.id());
        assertThat(decided.targetId()).isEqualTo("tickets:ops/7");
        assertThat(decided.details()).containsEntry("tool", "read_ticket").containsEntry("action", "ticket:read");
        assertThat(decided.details().get("grants")).contains(a.botReadsForAlice.id().toString());
        AuditEvent completed = trail.get(1);
        assertThat(completed.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(completed.details()).containsEntry("tool", "read_ticket");
        assertThat(completed.onBehalfOf()).containsExactly(a.alice.id());
    }

    @Test
    @DisplayName("several calls in one answer, the same call twice among them, are each recorded under their own id")
    void severalCallsInOneAnswer() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-a", "read_ticket", "{\"project\":\"ops\",\"id\":7}"),
                        toolCall("call-b", "close_ticket", "{\"project\":\"ops\",\"id\":7}"),
                        toolCall("call-c", "read_ticket", "{\"project\":\"ops\",\"id\":7}"),
                        toolCall("call-d", "status", ""))
                .replies("Done.");

        a.ask(model, Agents.POLICY);

        assertThat(model.toolResponses()).extracting(ToolResponseMessage.ToolResponse::id)
                .containsExactly("call-a", "call-b", "call-c", "call-d");
        assertThat(a.trail("call-a")).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.ALLOWED, AuditOutcome.SUCCESS);
        assertThat(a.trail("call-b")).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.DENIED);
        assertThat(a.trail("call-c")).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.ALLOWED, AuditOutcome.SUCCESS);
        assertThat(a.trail("call-d")).extracting(AuditEvent::reason).containsExactly("TOOL_NOT_MAPPED");
        assertThat(a.tools.ran()).containsExactly("read_ticket ops/7", "read_ticket ops/7");
    }

    @Test
    @DisplayName("a tool that runs a conversation of its own leaves the ids of the calls after it in place")
    void nestedConversation() {
        ScriptedChatModel helper = a.model()
                .calls(toolCall("inner-1", "read_ticket", "{\"project\":\"ops\",\"id\":8}"))
                .replies("ops/8 is a printer fire too.");
        ToolCallback askHelper = FunctionToolCallback.<Question, String>builder("ask_helper",
                question -> a.ask(helper, Agents.POLICY)).description("Asks a helper agent").inputType(Question.class)
                .build();
        ScriptedChatModel model = a.model()
                .calls(toolCall("outer-1", "ask_helper", "{\"text\":\"ops/8?\"}"),
                        toolCall("outer-2", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("Both are on fire.");

        ChatClient.builder(model)
                .defaultToolCallbacks(askHelper)
                .defaultToolCallbacks(StewardToolCallbacks.guard(a.steward, Agents.POLICY).wrapTools(a.tools))
                .build()
                .prompt().user("ops/7 and ops/8?").toolContext(a.botForAlice()).call().content();

        assertThat(a.tools.ran()).containsExactly("read_ticket ops/8", "read_ticket ops/7");
        assertThat(a.trail("inner-1")).hasSize(2);
        assertThat(a.trail("outer-2")).hasSize(2);
    }

    record Question(String text) {
    }

    @Test
    @DisplayName("a malformed tool-call id from the model is a recorded deny (INVALID_REQUEST), and the tool does not run")
    void malformedId() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call\n1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("Odd.");

        a.ask(model, Agents.POLICY);

        assertThat(a.tools.ran()).isEmpty();
        assertThat(model.toolResponses().get(0).responseData()).startsWith("denied by Steward: INVALID_REQUEST");
    }

    @Test
    @DisplayName("without Steward's manager the call is still guarded, under a generated UUID")
    void withoutTheManager() {
        ScriptedChatModel model = a.modelWithoutStewardManager()
                .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("Done.");

        a.ask(model, Agents.POLICY);

        assertThat(a.tools.ran()).containsExactly("read_ticket ops/7");
        assertThat(a.trail("call-1")).isEmpty();
        AuditEvent decided = a.steward.audit().read(0, 10_000).stream()
                .filter(e -> e.action() == AuditAction.ACCESS_DECIDED).reduce((first, second) -> second).orElseThrow();
        String generated = decided.correlationId().orElseThrow();
        assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
        assertThat(a.trail(generated)).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
    }
}
