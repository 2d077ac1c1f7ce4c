package dev.steward.langchain4j;

import static dev.steward.langchain4j.ScriptedChatModel.answer;
import static dev.steward.langchain4j.ScriptedChatModel.call;
import static dev.steward.langchain4j.ScriptedChatModel.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ReturnBehavior;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.steward.authz.ToolRefusals;
import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.ToolPolicy;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The three ways in: a tool object, a provider (as LangChain4j's MCP client supplies tools), and a
 * single executor (as {@code McpToolProvider.builder().toolWrapper(...)} takes one); and the
 * configuration errors of the first.
 */
class StewardToolsWiringTest {
    private static final Actor HR = Actor.system("hr");
    private static final ToolPolicy POLICY = ToolPolicy.builder()
            .tool("read_ticket", "ticket:read", "tickets:{project}/{id}")
            .tool("close_ticket", "ticket:write", "tickets:{project}/{id}")
            .tool("lookup", "ticket:read", "tickets:{project}/{id}")
            .build();
    private static final String OPS_7 = "{\"project\":\"ops\",\"id\":7}";

    interface Assistant {
        String chat(@dev.langchain4j.service.UserMessage String text, InvocationParameters parameters);
    }

    private final Steward steward = Steward.builder().store(InMemoryStore.create())
            .clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)).build();
    private final Identity alice = steward.identities().register(IdentitySpec.human("alice@acme.example"), HR);
    private final Identity bob = steward.identities().register(IdentitySpec.human("bob@acme.example"), HR);
    private final Identity bot = steward.identities().approve(steward.identities().register(
            IdentitySpec.agent("ticket-bot").owner(alice.id()).expiresIn(Duration.ofDays(30)).purpose("tickets"),
            alice.asActor()).id(), bob.asActor(), "SEC-1");
    private final StewardTools guard = StewardTools.guard(steward, POLICY);
    private final AtomicInteger lookups = new AtomicInteger();

    StewardToolsWiringTest() {
        Grant read = steward.grants().request(GrantSpec.to(bot.id()).allow("ticket:read").on("tickets:ops/*")
                .validFor(Duration.ofHours(8)).justification("SEC-2"), HR);
        steward.grants().approve(read.id(), bob.asActor(), "SEC-2");
    }

    @AfterEach
    void close() {
        steward.close();
    }

    private static final ToolSpecification LOOKUP = ToolSpecification.builder().name("lookup")
            .description("Looks a ticket up").build();

    /** A programmatic tool, as an MCP client's executor is one: no annotations, just an executor. */
    private final ToolExecutor lookup = (request, memoryId) -> {
        lookups.incrementAndGet();
        return "found " + request.arguments();
    };

    @Test
    @DisplayName("a single executor guarded, given to AiServices as a programmatic tool")
    void singleExecutor() {
        Function<ToolExecutor, ToolExecutor> toolWrapper = guard::wrap; // what McpToolProvider.Builder.toolWrapper takes
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("lookup", OPS_7, "call-1"), call("lookup", "{\"project\":\"hr\",\"id\":1}", "call-2")),
                answer("Found one."));
        AiServices.builder(Assistant.class).chatModel(model).tools(Map.of(LOOKUP, toolWrapper.apply(lookup))).build()
                .chat("Look up ops/7 and hr/1", StewardTools.invocationParameters(bot.id()));
        assertThat(lookups).hasValue(1);
        assertThat(model.result("call-1").text()).isEqualTo("found " + OPS_7);
        assertThat(model.result("call-2").isError()).isTrue();
        assertThat(model.result("call-2").text()).startsWith("denied by Steward: NO_MATCHING_GRANT");
    }

    @Test
    @DisplayName("an executor that throws a StewardException itself fails as a tool, not as a refusal")
    void executorThrowingStewardException() {
        ToolExecutor failing = (request, memoryId) -> {
            throw new ValidationException("ticket", "is locked by an incident");
        };
        ScriptedChatModel model = new ScriptedChatModel(calls(call("lookup", OPS_7, "call-3")), answer("Locked."));
        AiServices.builder(Assistant.class).chatModel(model).tools(Map.of(LOOKUP, guard.wrap(failing))).build()
                .chat("Look up ops/7", StewardTools.invocationParameters(bot.id()));
        assertThat(model.result("call-3").text()).isEqualTo("ticket: is locked by an incident");
        List<AuditEvent> trail = steward.audit().trail("call-3");
        assertThat(trail).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.ALLOWED, AuditOutcome.FAILURE);
        assertThat(trail.get(1).details()).containsEntry("error", ValidationException.class.getName());
    }

    @Test
    @DisplayName("without its invocation context an executor has nobody to act as and refuses")
    void executeWithoutContext() {
        ToolExecutor guarded = guard.wrap(lookup);
        assertThat(guarded.execute(call("lookup", OPS_7, "call-4"), "memory-1")).isEqualTo(ToolRefusals.NO_IDENTITY);
        assertThat(lookups).hasValue(0);
    }

    /** A provider like the MCP client's: tools built at run time, re-asked before each model call. */
    private final ToolProvider dynamic = new ToolProvider() {
        @Override
        public ToolProviderResult provideTools(ToolProviderRequest request) {
            return ToolProviderResult.builder().add(LOOKUP, lookup, ReturnBehavior.IMMEDIATE_IF_LAST).build();
        }

        @Override
        public boolean isDynamic() {
            return true;
        }
    };

    @Test
    @DisplayName("a wrapped provider keeps its tools' specifications, return behaviours and dynamism, and guards each executor")
    void provider() {
        ToolProvider wrapped = guard.wrap(dynamic);
        assertThat(wrapped.isDynamic()).isTrue();
        ToolProviderRequest request = ToolProviderRequest.builder()
                .invocationContext(InvocationContext.builder().build()).userMessage(UserMessage.from("hi")).build();
        AiServiceTool tool = wrapped.provideTools(request).aiServiceTools().get(0);
        assertThat(tool.toolSpecification()).isEqualTo(LOOKUP);
        assertThat(tool.returnBehavior()).isEqualTo(ReturnBehavior.IMMEDIATE_IF_LAST);
        assertThat(tool.toolExecutor()).isInstanceOf(GuardedToolExecutor.class);
        assertThat(guard.wrap((ToolProvider) r -> null).provideTools(request)).isNull();
    }

    @Test
    @DisplayName("a wrapped provider governs the tools AiServices gets from it")
    void providerInAiServices() {
        ToolProvider stat = r -> ToolProviderResult.builder().add(LOOKUP, lookup).build();
        ScriptedChatModel model = new ScriptedChatModel(
                calls(call("lookup", OPS_7, "call-5"), call("lookup", "{\"project\":\"hr\",\"id\":1}", "call-6")),
                answer("Found one."));
        AiServices.builder(Assistant.class).chatModel(model).toolProvider(guard.wrap(stat)).build()
                .chat("Look up ops/7 and hr/1", StewardTools.invocationParameters(bot.id()));
        assertThat(lookups).hasValue(1);
        assertThat(model.result("call-5").isError()).isFalse();
        assertThat(model.result("call-6").isError()).isTrue();
    }

    /** Tool methods declared in a class hierarchy and an interface, one overridden without @Tool. */
    interface Helpdesk {
        @Tool("Says hello")
        default String greet(@P(name = "who") String who) {
            return "hello " + who;
        }
    }

    static class BaseTools {
        @Tool("Reads one ticket")
        String read_ticket(@P(name = "project") String project, @P(name = "id") int id) {
            return "base";
        }

        @Tool("Retired tool")
        String retired() {
            return "retired";
        }
    }

    static class DerivedTools extends BaseTools implements Helpdesk {
        @Tool(name = "close_ticket", value = "Closes one ticket", returnBehavior = ReturnBehavior.IMMEDIATE)
        String close(@P(name = "project", value = "the project") String project, @P(name = "id") int id) {
            return "closed";
        }

        @Override
        String retired() {
            return "hidden";
        }

        String notATool() {
            return "no";
        }
    }

    @Test
    @DisplayName("tool objects give the model exactly the tools AiServices.tools(...) would, with their return behaviours")
    void sameToolsAsAiServices() {
        ScriptedChatModel plain = new ScriptedChatModel(answer("ok"));
        AiServices.builder(Assistant.class).chatModel(plain).tools(new DerivedTools()).build()
                .chat("hi", new InvocationParameters());
        ScriptedChatModel guarded = new ScriptedChatModel(answer("ok"));
        AiServices.builder(Assistant.class).chatModel(guarded).toolProvider(guard.wrap(new DerivedTools())).build()
                .chat("hi", new InvocationParameters());
        assertThat(guarded.toolsOffered()).containsExactlyInAnyOrderElementsOf(plain.toolsOffered());
        assertThat(guarded.toolsOffered()).extracting(ToolSpecification::name)
                .containsExactlyInAnyOrder("read_ticket", "close_ticket", "greet");

        ToolProviderRequest request = ToolProviderRequest.builder()
                .invocationContext(InvocationContext.builder().build()).userMessage(UserMessage.from("hi")).build();
        assertThat(guard.wrap(new DerivedTools()).provideTools(request).aiServiceTools())
                .filteredOn(t -> t.name().equals("close_ticket")).singleElement()
                .extracting(AiServiceTool::returnBehavior).isEqualTo(ReturnBehavior.IMMEDIATE);
    }

    @Test
    @DisplayName("wrapping objects that offer no tools, or the same tool twice, fails when the AI service is configured")
    void configurationErrors() {
        assertThatThrownBy(() -> guard.wrap(new Object()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("toolObjects[0]");
                    assertThat(e.rule()).isEqualTo("java.lang.Object has no @Tool method");
                });
        assertThatThrownBy(() -> guard.wrap(new TicketTools(), new BaseTools()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("toolObjects[1]");
                    assertThat(e.rule()).isEqualTo("tool names must be unique; read_ticket is named twice");
                });
        assertThatThrownBy(() -> guard.wrap(TicketTools.class)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a class");
        assertThatThrownBy(() -> guard.wrap((Object) List.of(new TicketTools()))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a collection");
        assertThatThrownBy(() -> guard.wrap((Object) dynamic)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("pass it to its own wrap method");
        assertThatThrownBy(() -> guard.wrap(new Object[0])).isInstanceOf(ValidationException.class)
                .hasMessage("toolObjects: must name at least one object with @Tool methods");
        assertThatThrownBy(() -> guard.wrap(new TicketTools(), null)).isInstanceOf(ValidationException.class)
                .hasMessage("toolObjects[1]: must not be null");
    }

    @Test
    @DisplayName("the guarded result of a tool keeps what the tool returned and adds the tool-call id")
    void resultKeepsToolAttributes() {
        ToolExecutor withAttributes = new ToolExecutor() {
            @Override
            public String execute(dev.langchain4j.agent.tool.ToolExecutionRequest request, Object memoryId) {
                throw new AssertionError("the guard calls executeWithContext");
            }

            @Override
            public ToolExecutionResult executeWithContext(dev.langchain4j.agent.tool.ToolExecutionRequest request,
                    InvocationContext context) {
                return ToolExecutionResult.builder().result(42).resultText("42").attributes(Map.of("source", "cache"))
                        .build();
            }
        };
        InvocationContext context = InvocationContext.builder()
                .invocationParameters(StewardTools.invocationParameters(bot.id())).build();
        ToolExecutionResult result = guard.wrap(withAttributes).executeWithContext(call("lookup", OPS_7, "call-7"), context);
        assertThat(result.isError()).isFalse();
        assertThat(result.result()).isEqualTo(42);
        assertThat(result.resultText()).isEqualTo("42");
        assertThat(result.attributes()).containsOnly(Map.entry("source", "cache"),
                Map.entry(StewardTools.TOOL_CALL_ID, "call-7"));
    }
}
