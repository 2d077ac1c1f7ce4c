package dev.steward.springai;

import static dev.steward.springai.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.EnforcementMode;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolRefusals;
import dev.steward.tck.FaultyStore;
import dev.steward.memory.InMemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;

/**
 * Conversations through a real {@code ChatClient} and Spring AI's {@code DefaultToolCallingManager}
 * (wrapped by Steward's), whose tools are guarded; only the model's answers are scripted.
 */
class GuardedToolCallsTest {
    private final Agents a = new Agents();

    @AfterEach
    void close() {
        a.close();
    }

    private static String responseTo(ScriptedChatModel model, String toolCallId) {
        return model.toolResponses().stream().filter(r -> r.id().equals(toolCallId))
                .map(ToolResponseMessage.ToolResponse::responseData).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("an allowed call runs, and its result reaches the model")
    void allowed() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("The printer on ops/7 is on fire.");

        assertThat(a.ask(model, Agents.POLICY)).isEqualTo("The printer on ops/7 is on fire.");
        assertThat(a.tools.ran()).containsExactly("read_ticket ops/7");
        assertThat(responseTo(model, "call-1")).contains("printer on fire");
    }

    @Test
    @DisplayName("a denied call does not run; the model gets the refusal naming the reason")
    void denied() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "close_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("I may not close tickets.");

        assertThat(a.ask(model, Agents.POLICY)).isEqualTo("I may not close tickets.");
        assertThat(a.tools.ran()).isEmpty();
        assertThat(responseTo(model, "call-1"))
                .isEqualTo("denied by Steward: NOT_DELEGATED (no grant delegated by the principal covers this action"
                        + " and resource)");
    }

    @Test
    @DisplayName("revoking the grant mid-conversation denies the next call of the same conversation")
    void revokedMidConversation() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .turn(() -> {
                    a.steward.grants().revoke(a.botReadsForAlice.id(), a.alice.asActor(), "done with tickets");
                    return AssistantMessage.builder().content("")
                            .toolCalls(List.of(toolCall("call-2", "read_ticket", "{\"project\":\"ops\",\"id\":8}")))
                            .build();
                })
                .replies("I could read ops/7 but not ops/8.");

        a.ask(model, Agents.POLICY);

        assertThat(a.tools.ran()).containsExactly("read_ticket ops/7");
        assertThat(responseTo(model, "call-1")).contains("printer on fire");
        assertThat(responseTo(model, "call-2")).startsWith("denied by Steward: NOT_DELEGATED");
    }

    @Test
    @DisplayName("a suspended agent is denied")
    void suspendedAgent() {
        a.steward.identities().suspend(a.bot.id(), a.alice.asActor(), "odd behaviour");
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("I am suspended.");

        a.ask(model, Agents.POLICY);

        assertThat(a.tools.ran()).isEmpty();
        assertThat(responseTo(model, "call-1")).startsWith("denied by Steward: IDENTITY_NOT_ACTIVE");
    }

    @Test
    @DisplayName("an identity in LOG_ONLY mode runs a denied call and it is recorded as WOULD_DENY")
    void logOnly() {
        a.logOnly(a.bot);
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "close_ticket", "{\"project\":\"ops\",\"id\":7}"))
                .replies("Closed.");

        a.ask(model, Agents.POLICY);

        assertThat(a.tools.ran()).containsExactly("close_ticket ops/7");
        assertThat(responseTo(model, "call-1")).contains("closed ops/7");
        assertThat(a.trail("call-1")).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                tuple(AuditAction.ACCESS_DECIDED, AuditOutcome.WOULD_DENY),
                tuple(AuditAction.TOOL_CALL_COMPLETED, AuditOutcome.SUCCESS));
    }

    @Test
    @DisplayName("a tool the policy does not map is denied (TOOL_NOT_MAPPED) unless the policy runs unmapped tools in LOG_ONLY")
    void unmapped() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "status", "{}"))
                .replies("Unknown.");
        a.ask(model, Agents.POLICY);
        assertThat(a.tools.ran()).isEmpty();
        assertThat(responseTo(model, "call-1")).startsWith("denied by Steward: TOOL_NOT_MAPPED");

        ToolPolicy rollOut = ToolPolicy.builder().tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
                .unmapped(EnforcementMode.LOG_ONLY).build();
        ScriptedChatModel later = a.model()
                .calls(toolCall("call-2", "status", "{}"))
                .replies("Up.");
        a.ask(later, rollOut);
        assertThat(a.tools.ran()).containsExactly("status");
        assertThat(responseTo(later, "call-2")).contains("up");
        assertThat(a.trail("call-2").get(0).outcome()).isEqualTo(AuditOutcome.WOULD_DENY);
    }

    @Test
    @DisplayName("arguments that are not JSON, or lack a placeholder's value, are denied as INVALID_REQUEST")
    void malformedArguments() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":"),
                        toolCall("call-2", "read_ticket", "{\"project\":\"ops\"}"))
                .replies("Something is off.");

        a.ask(model, Agents.POLICY);

        assertThat(a.tools.ran()).isEmpty();
        assertThat(responseTo(model, "call-1")).startsWith("denied by Steward: INVALID_REQUEST");
        assertThat(responseTo(model, "call-2")).startsWith("denied by Steward: INVALID_REQUEST");
        assertThat(a.trail("call-1")).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.DENIED);
    }

    @Test
    @DisplayName("a request without an identity in its tool context is refused with a warning; nothing runs or throws")
    void noIdentity() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"),
                        toolCall("call-2", "read_ticket", "{\"project\":\"ops\",\"id\":8}"))
                .replies("I cannot tell who I am.");
        String log = CapturedLog.during(() -> assertThat(a.chat(model, Agents.POLICY).prompt().user("What is ops/7?")
                .toolContext(Map.of("tenant", "acme")).call().content()).isEqualTo("I cannot tell who I am."));

        assertThat(a.tools.ran()).isEmpty();
        assertThat(responseTo(model, "call-1")).isEqualTo(ToolRefusals.NO_IDENTITY);
        assertThat(a.trail("call-1")).isEmpty();
        assertThat(log).contains("WARN", "Refused a call of tool read_ticket", StewardToolContext.IDENTITY);
    }

    @Test
    @DisplayName("a call whose decision cannot be recorded is refused (ERROR) with a warning, and does not run")
    void auditOutage() {
        FaultyStore store = FaultyStore.wrap(InMemoryStore.create());
        try (Agents down = new Agents(store)) {
            ScriptedChatModel model = down.model()
                    .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"))
                    .replies("Steward is down.");
            store.failAuditAppends(true);
            String log;
            try {
                log = CapturedLog.during(() -> assertThat(down.ask(model, Agents.POLICY)).isEqualTo("Steward is down."));
            } finally {
                store.failAuditAppends(false);
            }

            assertThat(down.tools.ran()).isEmpty();
            assertThat(model.toolResponses().get(0).responseData()).isEqualTo("refused by Steward: ERROR (the call"
                    + " could not be decided or recorded; denied to fail closed)");
            assertThat(log).contains("WARN", "Refused a call of tool read_ticket: Steward could not decide or record it");
        }
    }

    @Test
    @DisplayName("a tool's failure is recorded, then handled by Spring AI's exception processor as the tool's result")
    void toolFailure() {
        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "escalate", "{\"project\":\"ops\",\"id\":7}"))
                .replies("Escalation failed.");

        a.ask(model, Agents.POLICY);

        assertThat(a.tools.ran()).containsExactly("escalate ops/7");
        assertThat(responseTo(model, "call-1")).contains("pager service unreachable");
        assertThat(a.trail("call-1")).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.ALLOWED, AuditOutcome.FAILURE);
    }
}
