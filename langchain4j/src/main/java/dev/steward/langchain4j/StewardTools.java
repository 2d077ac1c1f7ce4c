package dev.steward.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.steward.Steward;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolRefusals;
import dev.steward.identity.IdentityId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts every tool of a LangChain4j AI service under Steward: each tool call the model asks for is
 * mapped through a {@link ToolPolicy}, decided for the identity the host names, run only if allowed,
 * and recorded with its outcome under the call's id.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .toolProvider(StewardTools.guard(steward, policy).wrap(new TicketTools()))
 *     .build();
 * // interface Assistant { String chat(@UserMessage String text, InvocationParameters parameters); }
 * String answer = assistant.chat("Close ticket ops/7", StewardTools.invocationParameters(bot.id(), alice.id()));
 * }</pre>
 *
 * <h2>Who is acting</h2>
 * The acting identity and the chain it acts for come from the AI service call's
 * {@link InvocationParameters} (keys {@link #IDENTITY} and {@link #ON_BEHALF_OF}, best set with
 * {@link #invocationParameters(IdentityId, IdentityId...)}), which the host writes and the model
 * never sees: nothing the model writes decides who is acting. A call whose parameters name no
 * identity does not run; the model gets an error result and the host a warning in its log.
 *
 * <h2>What the model sees</h2>
 * An allowed call returns the tool's own result. A refused call returns an error result
 * ({@link ToolExecutionResult#isError()}) with the text of {@link ToolRefusals#describe}, such as
 * {@code denied by Steward: NO_MATCHING_GRANT (no active grant covers this action and resource)},
 * so that the model can explain the refusal or ask for access; the tool did not run. A failure of
 * the tool itself is recorded and then reaches LangChain4j unchanged, which hands it to the AI
 * service's {@code ToolExecutionErrorHandler} or {@code ToolArgumentsErrorHandler} as it would
 * without Steward.
 *
 * <h2>The trail</h2>
 * The model's tool-call id is the correlation id of the call's audit events, so
 * {@code steward.audit().trail(id)} shows the decision and then the outcome. A call the model gave
 * no id gets a random UUID; every guarded result names the id used in its attribute
 * {@link #TOOL_CALL_ID} (kept in the chat memory's {@code ToolExecutionResultMessage}, never sent
 * to the model).
 *
 * <p>Immutable and thread-safe; the wrapped tools may run concurrently.
 */
public final class StewardTools {
    /** Key of the acting identity (an {@link IdentityId}) in the {@link InvocationParameters}. */
    public static final String IDENTITY = "steward.identity";
    /**
     * Key of the identities the acting one acts for (a {@code List<IdentityId>}, nearest first) in
     * the {@link InvocationParameters}; absent means none.
     */
    public static final String ON_BEHALF_OF = "steward.onBehalfOf";
    /** Attribute of every guarded {@link ToolExecutionResult}: the tool-call id its audit events carry. */
    public static final String TOOL_CALL_ID = "steward.toolCallId";

    private final Steward steward;
    private final ToolPolicy policy;

    private StewardTools(Steward steward, ToolPolicy policy) {
        this.steward = steward;
        this.policy = policy;
    }

    /**
     * @param steward the instance that decides and records the calls
     * @param policy what each tool's calls mean
     * @return wrappers that guard tools with them
     */
    public static StewardTools guard(Steward steward, ToolPolicy policy) {
        return new StewardTools(Objects.requireNonNull(steward, "steward"), Objects.requireNonNull(policy, "policy"));
    }

    /**
     * The parameters that name who is acting in one AI service call. They are mutable, as
     * LangChain4j's are: a host may {@code put} its own keys beside Steward's.
     *
     * @param identity the acting identity, usually an agent
     * @param onBehalfOf the identities it acts for, nearest first
     * @return parameters to pass to the AI service method
     */
    public static InvocationParameters invocationParameters(IdentityId identity, IdentityId... onBehalfOf) {
        Objects.requireNonNull(identity, IDENTITY);
        List<IdentityId> chain = List.copyOf(Arrays.asList(Objects.requireNonNull(onBehalfOf, ON_BEHALF_OF)));
        return InvocationParameters.from(Map.of(IDENTITY, identity, ON_BEHALF_OF, chain));
    }

    /**
     * Guards every tool of a provider, for example LangChain4j's MCP client's {@code McpToolProvider}.
     * The provider's tools, their specifications and return behaviours are unchanged; only their
     * executors are guarded.
     *
     * @param provider the tools
     * @return a provider of the same tools, each guarded
     */
    public ToolProvider wrap(ToolProvider provider) {
        return new GuardedToolProvider(Objects.requireNonNull(provider, "provider"), this::wrap);
    }

    /**
     * Guards the {@link Tool @Tool} methods of objects, as {@code AiServices.builder(...).tools(objects)}
     * would offer them: the same specifications (from LangChain4j's {@code ToolSpecifications}), the
     * same executors ({@code DefaultToolExecutor}) and return behaviours.
     *
     * @param toolObjects objects with {@link Tool @Tool} methods (declared on their classes,
     *     superclasses or interfaces)
     * @return a provider of their tools, each guarded
     * @throws dev.steward.ValidationException if an object has no tool method, two tools share a
     *     name, or an element is a class, collection, provider or executor rather than a tool object
     */
    public ToolProvider wrap(Object... toolObjects) {
        List<AiServiceTool> tools = GuardedToolProvider.guarded(ToolObjects.scan(toolObjects), this::wrap);
        return request -> new ToolProviderResult(tools);
    }

    /**
     * Guards one executor, for instance in {@code McpToolProvider.builder().toolWrapper(guard::wrap)}.
     * The policy maps the tool by the name the model called it.
     *
     * @param executor the tool
     * @return an executor that runs it only if Steward allows the call
     */
    public ToolExecutor wrap(ToolExecutor executor) {
        return new GuardedToolExecutor(steward, policy, Objects.requireNonNull(executor, "executor"));
    }
}
