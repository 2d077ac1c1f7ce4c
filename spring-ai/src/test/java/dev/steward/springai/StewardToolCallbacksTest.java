package dev.steward.springai;

import static dev.steward.springai.ScriptedChatModel.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.authz.ToolRefusals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;

/** How callbacks are wrapped, and what a tool context must hold. */
class StewardToolCallbacksTest {
    private final Agents a = new Agents();
    private final StewardToolCallbacks guarded = StewardToolCallbacks.guard(a.steward, Agents.POLICY);

    @AfterEach
    void close() {
        a.close();
    }

    private static ToolCallback ticketCount(List<String> ran) {
        return FunctionToolCallback.<TicketQuery, String>builder("read_ticket", query -> {
            ran.add(query.project() + "/" + query.id());
            return "3 comments";
        }).description("Reads a ticket").inputType(TicketQuery.class).build();
    }

    record TicketQuery(String project, int id) {
    }

    @Test
    @DisplayName("a guarded callback offers the model the same tool: name, description, schema and metadata")
    void sameDefinitions() {
        ToolCallback[] plain = MethodToolCallbackProvider.builder().toolObjects(a.tools).build().getToolCallbacks();
        ToolCallback[] wrapped = guarded.wrapTools(a.tools);

        assertThat(wrapped).hasSameSizeAs(plain).allMatch(StewardToolCallback.class::isInstance);
        assertThat(Arrays.stream(wrapped).map(ToolCallback::getToolDefinition))
                .containsExactlyElementsOf(Arrays.stream(plain).map(ToolCallback::getToolDefinition).toList());
        assertThat(Arrays.stream(wrapped).map(c -> c.getToolMetadata().returnDirect()))
                .containsExactlyElementsOf(Arrays.stream(plain).map(c -> c.getToolMetadata().returnDirect()).toList());

        ScriptedChatModel model = a.model().replies("Hello.");
        a.ask(model, Agents.POLICY);
        assertThat(model.offeredTools().get(0))
                .containsExactlyInAnyOrder("read_ticket", "close_ticket", "escalate", "status");
    }

    @Test
    @DisplayName("a wrapped provider guards the callbacks it has when asked, also those added after wrapping")
    void providerIsWrappedWhenAsked() {
        List<ToolCallback> offered = new ArrayList<>();
        ToolCallbackProvider provider = () -> offered.toArray(ToolCallback[]::new);
        ToolCallbackProvider wrapped = guarded.wrap(provider);
        List<String> ran = new ArrayList<>();
        offered.add(ticketCount(ran));

        ScriptedChatModel model = a.model()
                .calls(toolCall("call-1", "read_ticket", "{\"project\":\"ops\",\"id\":7}"),
                        toolCall("call-2", "read_ticket", "{\"project\":\"hr\",\"id\":1}"))
                .replies("Done.");
        ChatClient.builder(model).defaultToolCallbacks(wrapped).build()
                .prompt().user("Count comments").toolContext(a.botForAlice()).call().content();

        assertThat(wrapped.getToolCallbacks()).singleElement().isInstanceOf(StewardToolCallback.class);
        assertThat(ran).containsExactly("ops/7");
        assertThat(model.toolResponses().get(1).responseData()).startsWith("denied by Steward: NOT_DELEGATED");
    }

    @Test
    @DisplayName("wrapping a guarded callback again keeps it, so a call is decided once")
    void noDoubleGuard() {
        StewardToolCallback once = guarded.wrap(ticketCount(new ArrayList<>()));
        assertThat(guarded.wrap(once)).isSameAs(once);
        assertThat(guarded.wrap(new ToolCallback[] {once})).containsExactly(once);
    }

    @Test
    @DisplayName("a call without tool context, or whose context holds anything but identity ids, is refused")
    void contextMustNameIdentities() {
        List<String> ran = new ArrayList<>();
        StewardToolCallback callback = guarded.wrap(ticketCount(ran));
        String input = "{\"project\":\"ops\",\"id\":7}";

        assertThat(callback.call(input)).isEqualTo(ToolRefusals.NO_IDENTITY);
        assertThat(callback.call(input, null)).isEqualTo(ToolRefusals.NO_IDENTITY);
        assertThat(callback.call(input, new ToolContext(Map.of(StewardToolContext.IDENTITY, a.bot.id().toString()))))
                .as("only IdentityId values name an identity").isEqualTo(ToolRefusals.NO_IDENTITY);
        assertThat(callback.call(input, new ToolContext(Map.of(StewardToolContext.IDENTITY, a.bot.id(),
                StewardToolContext.ON_BEHALF_OF, List.of(a.alice.id().toString())))))
                .isEqualTo(ToolRefusals.NO_IDENTITY);
        assertThat(ran).isEmpty();

        assertThat(callback.call(input, new ToolContext(a.botForAlice()))).isEqualTo("3 comments");
        assertThat(ran).containsExactly("ops/7");
    }

    @Test
    @DisplayName("StewardToolContext.of names the identity and the chain, nearest first")
    void contextEntries() {
        assertThat(StewardToolContext.of(a.bot.id(), a.alice.id(), a.bob.id()))
                .containsEntry(StewardToolContext.IDENTITY, a.bot.id())
                .containsEntry(StewardToolContext.ON_BEHALF_OF, List.of(a.alice.id(), a.bob.id()));
        assertThat(StewardToolContext.of(a.bot.id())).containsEntry(StewardToolContext.ON_BEHALF_OF, List.of());
    }
}
