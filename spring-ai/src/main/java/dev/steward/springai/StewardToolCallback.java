package dev.steward.springai;

import dev.steward.Steward;
import dev.steward.StewardException;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.ToolCallGuard;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolRefusals;
import dev.steward.identity.IdentityId;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;
import org.springframework.lang.Nullable;

/**
 * A {@link ToolCallback} that runs its delegate only when Steward allows the call. Each call is
 * decided by the guard of the identity the tool context names ({@link StewardToolContext}), acting
 * for the chain it names, with the {@link ToolPolicy} saying which action and resource the call
 * means; the decision and the outcome are recorded under the model's tool-call id (handed over by
 * a {@link StewardToolCallingManager}) or, without one, a random UUID.
 *
 * <p>A refused call does not run and does not throw: its result is the refusal text of
 * {@link ToolRefusals#describe} ({@code denied by Steward: NO_MATCHING_GRANT (...)}), which the
 * model sees as the tool's answer. A context that names no identity gets {@link ToolRefusals#NO_IDENTITY} and
 * a warning in the log. What the delegate throws passes through unchanged, after its failure is
 * recorded, so Spring AI's {@code ToolExecutionExceptionProcessor} still handles it.
 *
 * <p>Built by {@link StewardToolCallbacks}. Immutable and thread-safe when the delegate is.
 */
public final class StewardToolCallback implements ToolCallback {
    private static final Logger LOG = LoggerFactory.getLogger(StewardToolCallback.class);

    private final ToolCallback delegate;
    private final Steward steward;
    private final ToolPolicy policy;

    StewardToolCallback(ToolCallback delegate, Steward steward, ToolPolicy policy) {
        this.delegate = delegate;
        this.steward = steward;
        this.policy = policy;
    }

    /** {@return the callback that runs when a call is allowed} */
    public ToolCallback delegate() {
        return delegate;
    }

    /** {@return the delegate's definition: the model sees the same tool} */
    @Override
    public ToolDefinition getToolDefinition() {
        return delegate.getToolDefinition();
    }

    /** {@return the delegate's metadata} */
    @Override
    public ToolMetadata getToolMetadata() {
        return delegate.getToolMetadata();
    }

    /**
     * A call without a tool context names no identity: refused.
     *
     * @param toolInput the call's arguments
     * @return {@link ToolRefusals#NO_IDENTITY}
     */
    @Override
    public String call(String toolInput) {
        return call(toolInput, null);
    }

    /**
     * Decides the call for the identity and chain the context names and runs the delegate, with
     * the same input and context, only if allowed (or in {@code LOG_ONLY} mode).
     *
     * @param toolInput the call's arguments, a JSON object as the model wrote it
     * @param toolContext the request's tool context, with the entries of {@link StewardToolContext}
     * @return the delegate's result, or the refusal text when Steward refused the call
     * @throws StewardException if the call ran and its outcome could not be recorded, or the
     *     delegate threw it
     */
    @Override
    public String call(String toolInput, @Nullable ToolContext toolContext) {
        String tool = delegate.getToolDefinition().name();
        Optional<StewardToolContext.Acting> acting = StewardToolContext.acting(toolContext);
        if (acting.isEmpty()) {
            LOG.warn("Refused a call of tool {}: its tool context names no Steward identity under {} "
                    + "(set it with StewardToolContext.of)", tool, StewardToolContext.IDENTITY);
            return ToolRefusals.NO_IDENTITY;
        }
        String toolCallId = ToolCallScope.claim(tool, toolInput).orElseGet(() -> UUID.randomUUID().toString());
        ToolInvocation invocation = new ToolInvocation(tool, toolInput == null ? "" : toolInput, toolCallId);
        ToolCallGuard guard = steward.guard(acting.get().identity())
                .onBehalfOf(acting.get().onBehalfOf().toArray(IdentityId[]::new));
        AtomicBoolean ran = new AtomicBoolean();
        try {
            return guard.call(policy, invocation, () -> {
                ran.set(true);
                return delegate.call(toolInput, toolContext);
            });
        } catch (StewardException e) {
            if (ran.get()) {
                throw e;
            }
            if (!(e instanceof AccessDeniedException)) {
                LOG.warn("Refused a call of tool {}: Steward could not decide or record it: {}", tool, e.getMessage());
            }
            return ToolRefusals.describe(e);
        }
    }

    @Override
    public String toString() {
        return "StewardToolCallback[" + delegate.getToolDefinition().name() + "]";
    }
}
