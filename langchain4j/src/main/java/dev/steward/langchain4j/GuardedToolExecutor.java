package dev.steward.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.steward.Steward;
import dev.steward.StewardException;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolRefusals;
import dev.steward.identity.IdentityId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a tool through Steward's guard for the identity named in the call's invocation parameters.
 * Whatever Steward refuses becomes an error result for the model; the tool's own failures pass
 * through to LangChain4j's error handlers. Its log lines quote nothing the model wrote. Stateless
 * and thread-safe.
 */
final class GuardedToolExecutor implements ToolExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedToolExecutor.class);

    private final Steward steward;
    private final ToolPolicy policy;
    private final ToolExecutor delegate;

    GuardedToolExecutor(Steward steward, ToolPolicy policy, ToolExecutor delegate) {
        this.steward = steward;
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        String toolCallId = request.id() == null || request.id().isBlank() ? UUID.randomUUID().toString() : request.id();
        Acting acting = Acting.of(context == null ? null : context.invocationParameters());
        if (acting == null) {
            LOG.warn("a tool call from {} was refused: its invocation parameters do not name the acting identity "
                    + "(an IdentityId under \"{}\", and any chain as a List<IdentityId> under \"{}\"; build them "
                    + "with StewardTools.invocationParameters)", where(context), StewardTools.IDENTITY,
                    StewardTools.ON_BEHALF_OF);
            return refusal(ToolRefusals.NO_IDENTITY, toolCallId);
        }
        ToolInvocation invocation = new ToolInvocation(orEmpty(request.name()), orEmpty(request.arguments()), toolCallId);
        AtomicBoolean started = new AtomicBoolean();
        try {
            ToolExecutionResult result = steward.guard(acting.identity())
                    .onBehalfOf(acting.chain().toArray(IdentityId[]::new))
                    .call(policy, invocation, () -> {
                        started.set(true);
                        return delegate.executeWithContext(request, context);
                    });
            return result == null ? null : withToolCallId(result.toBuilder(), result.attributes(), toolCallId);
        } catch (StewardException e) {
            if (started.get()) {
                throw e; // the tool's own failure, already recorded: LangChain4j handles it as without Steward
            }
            if (!(e instanceof AccessDeniedException)) {
                LOG.warn("a tool call by {} could not be decided or recorded; refused to fail closed",
                        acting.identity(), e);
            }
            return refusal(ToolRefusals.describe(e), toolCallId);
        }
    }

    /** Without its invocation context a call has no invocation parameters, so nobody to act as. */
    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return executeWithContext(request, InvocationContext.builder().chatMemoryId(memoryId).build()).resultText();
    }

    private static ToolExecutionResult refusal(String text, String toolCallId) {
        return withToolCallId(ToolExecutionResult.builder().isError(true).resultText(text), Map.of(), toolCallId);
    }

    private static ToolExecutionResult withToolCallId(ToolExecutionResult.Builder result, Map<String, Object> attributes,
            String toolCallId) {
        Map<String, Object> withId = new HashMap<>(attributes);
        withId.put(StewardTools.TOOL_CALL_ID, toolCallId);
        return result.attributes(withId).build();
    }

    /** {@return the AI service method that made the call, as the host named it} */
    private static String where(InvocationContext context) {
        return context == null || context.interfaceName() == null ? "outside an AI service"
                : context.interfaceName() + "." + context.methodName();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** Who acts in a call, read from the host's invocation parameters; never from the model. */
    private record Acting(IdentityId identity, List<IdentityId> chain) {
        /** {@return who acts, or {@code null} if the parameters do not name an identity in the expected form} */
        static Acting of(InvocationParameters parameters) {
            if (parameters == null || !(parameters.get(StewardTools.IDENTITY) instanceof IdentityId identity)) {
                return null;
            }
            Object chain = parameters.getOrDefault(StewardTools.ON_BEHALF_OF, List.of());
            if (!(chain instanceof List<?> list) || !list.stream().allMatch(IdentityId.class::isInstance)) {
                return null;
            }
            return new Acting(identity, list.stream().map(IdentityId.class::cast).toList());
        }
    }
}
