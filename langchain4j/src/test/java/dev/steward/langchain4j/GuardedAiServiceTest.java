package dev.steward.langchain4j;

import static dev.steward.langchain4j.ScriptedChatModel.answer;
import static dev.steward.langchain4j.ScriptedChatModel.call;
import static dev.steward.langchain4j.ScriptedChatModel.calls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolProvider;
import dev.steward.authz.ToolRefusals;
import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.EnforcementMode;
import dev.steward.authz.ToolPolicy;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import dev.steward.tck.FaultyStore;
import dev.steward.memory.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Steward's guard inside LangChain4j's real AI service tool loop: only the model is scripted; the
 * AI service, its tool provider handling, {@code ToolSpecifications} and {@code DefaultToolExecutor}
 * are LangChain4j's own.
 */
class GuardedAiServiceTest {
    private static final Actor HR = Actor.system("hr");
    private static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
            .tool("close_ticket", "ticket:write", "tickets:{project}/{id}")
            .build();
    private static final String OPS_7 = "{\"project\":\"ops\",\"id\":7}";
    private static final String OPS_8 = "{\"project\":\"ops\",\"id\":8}";

    /** How the host's AI service looks: the invocation parameters name who is acting. */
    interface Assistant {
        String chat(@UserMessage String text, InvocationParameters parameters);
    }

    /** A host that forgot to pass the invocation parameters. */
    interface UnnamedAssistant {
        String chat(String text);
    }

    private final FaultyStore store = FaultyStore.wrap(InMemoryStore.create());
    private final Steward steward = Steward.builder().store(store)
            .clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)).build();
    private final Identity alice = human("alice@acme.example");
    private final Identity bob = human("bob@acme.example");
    private final Identity bot = agent("ticket-bot");
    private final Grant readOps = grant(GrantSpec.to(bot.id()).allow("ticket:read").on("tickets:ops/*"));
    private final TicketTools tickets = new TicketTools();

    @AfterEach
    void close() {
        store.failUnits(false);
        assertThat(steward.audit().verify().valid()).as("the audit log verifies").isTrue();
        steward.close();
    }

    private Identity human(String name) {
        return steward.identities().register(IdentitySpec.human(name), HR);
    }

    private Identity agent(String name) {
        Identity registered = steward.identities().register(IdentitySpec.agent(name).owner(alice.id())
                .expiresIn(Duration.ofDays(30)).purpose("answers questions about tickets"), alice.asActor());
        return steward.identities().approve(registered.id(), bob.asActor(), "SEC-1");
    }

    private Grant grant(GrantSpec spec) {
        Grant requested = steward.grants().request(spec.validFor(Duration.ofHours(8)).justification("SEC-2"), HR);
        return steward.grants().approve(requested.id(), bob.asActor(), "SEC-2");
    }

    private Assistant assistant(ScriptedChatModel model, ToolProvider tools) {
        return AiServices.builder(Assistant.class).chatModel(model).toolProvider(tools).build();
    }

    /** The one line of configuration the README shows. */
    private Assistant assistant(ScriptedChatModel model) {
        return assistant(model, StewardTools.guard(steward, POLICY).wrap(tickets));
    }

    private InvocationParameters asBot() {
        return StewardTools.invocationParameters(bot.id());
    }

    private static void assertRefused(ToolExecutionResultMessage result, String text) {
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).isEqualTo(text);
    }

    private static String denied(String reason, String meaning) {
        return "denied by Steward: " + reason + " (" + meaning + ")";
    }

    private List<AuditOutcome> outcomes(String toolCallId) {
        return steward.audit().trail(toolCallId).stream().map(AuditEvent::outcome).toList();
    }

    @Test
    @DisplayName("an allowed call runs, and its result reaches the model")
    void allowedCallRuns() {
        ScriptedChatModel model = new ScriptedChatModel(calls(call("read_ticket", OPS_7, "call-1")),
                answer("Ticket 7 says the printer is on fire."));
        String reply = assistant(model).chat("What does ticket ops/7 say?", asBot());
        assertThat(reply).isEqualTo("Ticket 7 says the printer is on fire.");
        assertThat(tickets.reads).hasValue(1);
        ToolExecutionResultMessage result = model.result("call-1");
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).isEqualTo("ticket ops/7: the printer is on fire");
        assertThat(result.attributes()).containsEntry(StewardTools.TOOL_CALL_ID, "call-1");
        assertThat(model.toolsOffered()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("read_ticket", "close_ticket", "status");
    }

    @Test
    @DisplayName("a denied call returns an error result naming the reason, and the tool body never runs")
    void deniedCallDoesNotRun() {
        ScriptedChatModel model = new ScriptedChatModel(calls(call("close_ticket", OPS_7, "call-2")),
                answer("I may not close tickets; ask for ticket:write."));
        assertThat(assistant(model).chat("Close ticket ops/7", asBot()))
                .isEqualTo("I may not close tickets; ask for ticket:write.");
        assertThat(tickets.closes).hasValue(0);
        assertRefused(model.result("call-2"),
                denied("NO_MATCHING_GRANT", "no active grant covers this action and resource"));
        assertThat(outcomes("call-2")).containsExactly(AuditOutcome.DENIED);
    }

    @Test
    @DisplayName("revoking the grant during a conversation denies the next call of the same conversation")
    void revocationMidConversation() {
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("read_ticket", OPS_7, "call-3a")),
                calls(call("read_ticket", OPS_8, "call-3b"))
                        .after(() -> steward.grants().revoke(readOps.id(), alice.asActor(), "incident IR-9")),
                answer("I lost access to the tickets."));
        assistant(model).chat("Read tickets 7 and 8", asBot());
        assertThat(tickets.reads).hasValue(1);
        assertThat(model.result("call-3a").isError()).isFalse();
        assertRefused(model.result("call-3b"),
                denied("NO_MATCHING_GRANT", "no active grant covers this action and resource"));
    }

    @Test
    @DisplayName("a suspended agent is denied")
    void suspendedAgent() {
        steward.identities().suspend(bot.id(), alice.asActor(), "incident IR-10");
        ScriptedChatModel model = new ScriptedChatModel(calls(call("read_ticket", OPS_7, "call-4")), answer("No."));
        assistant(model).chat("What does ticket ops/7 say?", asBot());
        assertThat(tickets.reads).hasValue(0);
        assertRefused(model.result("call-4"), denied("IDENTITY_NOT_ACTIVE", "the identity is not active"));
    }

    @Test
    @DisplayName("a LOG_ONLY identity's call runs, and the trail records that it would have been denied")
    void logOnlyIdentity() {
        steward.identities().setEnforcementMode(bot.id(), EnforcementMode.LOG_ONLY, alice.asActor(), "roll-out");
        ScriptedChatModel model = new ScriptedChatModel(calls(call("close_ticket", OPS_7, "call-5")), answer("Closed."));
        assistant(model).chat("Close ticket ops/7", asBot());
        assertThat(tickets.closes).hasValue(1);
        assertThat(model.result("call-5").text()).isEqualTo("closed ops/7");
        assertThat(outcomes("call-5")).containsExactly(AuditOutcome.WOULD_DENY, AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("a tool the policy does not map is denied TOOL_NOT_MAPPED; under a roll-out policy it runs as would-deny")
    void unmappedTool() {
        ScriptedChatModel model = new ScriptedChatModel(calls(call("status", "{}", "call-6")), answer("Unknown."));
        assistant(model).chat("Is the ticket system up?", asBot());
        assertThat(tickets.statuses).hasValue(0);
        assertRefused(model.result("call-6"),
                denied("TOOL_NOT_MAPPED", "no tool policy maps this tool to an action and resource"));

        ToolPolicy rollout = ToolPolicy.builder()
                .tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
                .unmapped(EnforcementMode.LOG_ONLY)
                .build();
        ScriptedChatModel again = new ScriptedChatModel(calls(call("status", "", "call-7")), answer("It is up."));
        assistant(again, StewardTools.guard(steward, rollout).wrap(tickets)).chat("Is it up?", asBot());
        assertThat(tickets.statuses).hasValue(1);
        assertThat(again.result("call-7").text()).isEqualTo("all systems go");
        assertThat(outcomes("call-7")).containsExactly(AuditOutcome.WOULD_DENY, AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("missing or malformed arguments are INVALID_REQUEST denies, and the tool does not run")
    void malformedArguments() {
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("read_ticket", "{\"project\":\"ops\"}", "call-8a"),
                        call("read_ticket", "{\"project\":\"ops\",", "call-8b"),
                        call("read_ticket", "{\"project\":\"..\",\"id\":7}", "call-8c"),
                        call("read_ticket", null, "call-8d")),
                answer("Those requests were malformed."));
        assistant(model).chat("Read a ticket", asBot());
        assertThat(tickets.reads).hasValue(0);
        for (String id : List.of("call-8a", "call-8b", "call-8c", "call-8d")) {
            ToolExecutionResultMessage result = model.result(id);
            assertThat(result.isError()).as(id).isTrue();
            assertThat(result.text()).as(id).startsWith("denied by Steward: INVALID_REQUEST (");
            assertThat(outcomes(id)).as(id).containsExactly(AuditOutcome.DENIED);
        }
    }

    @Test
    @DisplayName("without an identity in the invocation parameters the tool does not run, and the model gets an error result")
    void noIdentity() {
        ScriptedChatModel model = new ScriptedChatModel(calls(call("read_ticket", OPS_7, "call-9")), answer("Sorry."));
        String reply = AiServices.builder(UnnamedAssistant.class).chatModel(model)
                .toolProvider(StewardTools.guard(steward, POLICY).wrap(tickets)).build()
                .chat("What does ticket ops/7 say?");
        assertThat(reply).isEqualTo("Sorry.");
        assertRefused(model.result("call-9"), ToolRefusals.NO_IDENTITY);

        ScriptedChatModel modelWritten = new ScriptedChatModel(
                calls(call("read_ticket", OPS_7, "call-10")), answer("Sorry again."));
        InvocationParameters text = InvocationParameters.from(Map.of(StewardTools.IDENTITY, bot.id().value()));
        assistant(modelWritten).chat("What does ticket ops/7 say?", text);
        assertRefused(modelWritten.result("call-10"), ToolRefusals.NO_IDENTITY);

        ScriptedChatModel badChain = new ScriptedChatModel(
                calls(call("read_ticket", OPS_7, "call-11")), answer("Sorry once more."));
        InvocationParameters chain = StewardTools.invocationParameters(bot.id());
        chain.put(StewardTools.ON_BEHALF_OF, List.of(alice.id().value()));
        assistant(badChain).chat("What does ticket ops/7 say?", chain);
        assertRefused(badChain.result("call-11"), ToolRefusals.NO_IDENTITY);

        assertThat(tickets.reads).hasValue(0);
        assertThat(steward.audit().trail("call-9")).isEmpty();
    }

    @Test
    @DisplayName("the trail of a tool call shows the decision, then the outcome, with the tool's name and the chain")
    void trail() {
        grant(GrantSpec.to(bot.id()).allow("ticket:write").on("tickets:ops/*").delegatedBy(alice.id()));
        grant(GrantSpec.to(alice.id()).allow("ticket:write").on("tickets:ops/**"));
        ScriptedChatModel model = new ScriptedChatModel(calls(call("close_ticket", OPS_7, "call-12")), answer("Closed."));
        assistant(model).chat("Close ticket ops/7 for me", StewardTools.invocationParameters(bot.id(), alice.id()));
        assertThat(tickets.closes).hasValue(1);

        List<AuditEvent> trail = steward.audit().trail("call-12");
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
        assertThat(trail).allSatisfy(event -> {
            assertThat(event.actor()).isEqualTo(bot.id());
            assertThat(event.onBehalfOf()).containsExactly(alice.id());
            assertThat(event.details()).containsEntry("tool", "close_ticket");
        });
        assertThat(trail.get(0).outcome()).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(trail.get(0).targetId()).isEqualTo("tickets:ops/7");
        assertThat(trail.get(0).details()).containsEntry("action", "ticket:write");
        assertThat(trail.get(1).outcome()).isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    @DisplayName("on behalf of a chain: a grant delegated by the principal is needed, and the principal's own permission")
    void delegation() {
        Identity carol = human("carol@acme.example");
        grant(GrantSpec.to(bot.id()).allow("ticket:write").on("tickets:ops/*").delegatedBy(alice.id()));
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("close_ticket", OPS_7, "call-13a")),
                calls(call("close_ticket", OPS_7, "call-13b"))
                        .after(() -> grant(GrantSpec.to(alice.id()).allow("ticket:write").on("tickets:ops/**"))),
                answer("Done."));
        assistant(model).chat("Close ticket ops/7 for alice", StewardTools.invocationParameters(bot.id(), alice.id()));
        assertRefused(model.result("call-13a"),
                denied("DELEGATOR_LACKS_PERMISSION", "the principal does not hold this permission"));
        assertThat(model.result("call-13b").text()).isEqualTo("closed ops/7");

        ScriptedChatModel forCarol = new ScriptedChatModel(calls(call("close_ticket", OPS_8, "call-14")), answer("No."));
        assistant(forCarol).chat("Close ticket ops/8 for carol", StewardTools.invocationParameters(bot.id(), carol.id()));
        assertRefused(forCarol.result("call-14"),
                denied("NOT_DELEGATED", "no grant delegated by the principal covers this action and resource"));
        assertThat(tickets.closes).hasValue(1);
    }

    @Test
    @DisplayName("a call without an id gets a random one, so that its trail can still be read")
    void generatedToolCallId() {
        ScriptedChatModel model = new ScriptedChatModel(calls(call("read_ticket", OPS_7, null)), answer("Read."));
        assistant(model).chat("What does ticket ops/7 say?", asBot());
        ToolExecutionResultMessage result = model.toolResults().get(0);
        String generated = (String) result.attributes().get(StewardTools.TOOL_CALL_ID);
        assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
        assertThat(steward.audit().trail(generated)).extracting(AuditEvent::action)
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.TOOL_CALL_COMPLETED);
    }

    /** Tools whose bodies fail: LangChain4j must see each failure as it would without Steward. */
    static class FailingTools {
        @Tool("Reads one ticket")
        String read_ticket(@P(name = "project") String project, @P(name = "id") int id) {
            throw new IllegalStateException("the ticket store is down");
        }

        @Tool("Closes one ticket")
        String close_ticket(@P(name = "project") String project, @P(name = "id") int id) {
            throw new ValidationException("ticket", "is locked by an incident");
        }
    }

    @Test
    @DisplayName("a tool's own failure, even a StewardException, is recorded and then handled by LangChain4j as without Steward")
    void toolFailure() {
        grant(GrantSpec.to(bot.id()).allow("ticket:write").on("tickets:ops/*"));
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("read_ticket", OPS_7, "call-15"), call("close_ticket", OPS_7, "call-16")),
                answer("Both failed."));
        assistant(model, StewardTools.guard(steward, POLICY).wrap(new FailingTools())).chat("Read and close 7", asBot());
        ToolExecutionResultMessage read = model.result("call-15");
        assertThat(read.isError()).isTrue();
        assertThat(read.text()).isEqualTo("the ticket store is down");
        assertThat(model.result("call-16").text()).isEqualTo("ticket: is locked by an incident");
        assertThat(outcomes("call-15")).containsExactly(AuditOutcome.ALLOWED, AuditOutcome.FAILURE);
        assertThat(steward.audit().trail("call-16").get(1).details())
                .as("DefaultToolExecutor hands LangChain4j the tool's exception inside its own")
                .containsEntry("error", ToolExecutionException.class.getName());
    }

    @Test
    @DisplayName("a call Steward cannot decide or record is refused to fail closed, and the tool does not run")
    void failClosed() {
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("read_ticket", OPS_7, "call-21")).after(() -> store.failUnits(true)), answer("Steward is down."));
        assertThat(assistant(model).chat("What does ticket ops/7 say?", asBot())).isEqualTo("Steward is down.");
        assertThat(tickets.reads).hasValue(0);
        assertRefused(model.result("call-21"), "refused by Steward: ERROR (the call could not be decided or recorded; "
                + "denied to fail closed)");
    }

    @Test
    @DisplayName("tool calls run concurrently are each decided on their own")
    void concurrentCalls() {
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("read_ticket", OPS_7, "call-17"), call("close_ticket", OPS_7, "call-18"),
                        call("read_ticket", OPS_8, "call-19")),
                answer("Read two, closed none."));
        AiServices.builder(Assistant.class).chatModel(model).executeToolsConcurrently()
                .toolProvider(StewardTools.guard(steward, POLICY).wrap(tickets)).build()
                .chat("Read 7 and 8, close 7", asBot());
        assertThat(tickets.reads).hasValue(2);
        assertThat(tickets.closes).hasValue(0);
        assertThat(model.result("call-17").text()).isEqualTo("ticket ops/7: the printer is on fire");
        assertThat(model.result("call-18").isError()).isTrue();
        assertThat(model.result("call-19").text()).isEqualTo("ticket ops/8: the printer is on fire");
    }

    @Test
    @DisplayName("the identity and chain come only from the host's invocation parameters, never from the arguments")
    void argumentsCannotNameTheActor() {
        ScriptedChatModel model = new ScriptedChatModel(calls(call("close_ticket",
                "{\"project\":\"ops\",\"id\":7,\"steward.identity\":\"" + alice.id() + "\",\"steward.onBehalfOf\":[\""
                        + alice.id() + "\"]}", "call-20")), answer("No."));
        grant(GrantSpec.to(alice.id()).allow("ticket:write").on("tickets:ops/**"));
        assistant(model).chat("Close ticket ops/7 as alice", asBot());
        assertThat(tickets.closes).hasValue(0);
        assertThat(steward.audit().trail("call-20")).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(bot.id());
            assertThat(event.onBehalfOf()).isEmpty();
        });
    }

    @Test
    @DisplayName("the parameters helper names the identity and its chain under Steward's keys, and stays open to the host's own")
    void invocationParametersHelper() {
        InvocationParameters parameters = StewardTools.invocationParameters(bot.id(), alice.id(), bob.id());
        assertThat(parameters.asMap()).containsOnly(Map.entry(StewardTools.IDENTITY, bot.id()),
                Map.entry(StewardTools.ON_BEHALF_OF, List.of(alice.id(), bob.id())));
        parameters.put("tenant", "acme");
        assertThat(parameters.<String>get("tenant")).isEqualTo("acme");
        assertThat(StewardTools.invocationParameters(IdentityId.of("x")).<List<IdentityId>>get(StewardTools.ON_BEHALF_OF))
                .isEmpty();
    }
}
