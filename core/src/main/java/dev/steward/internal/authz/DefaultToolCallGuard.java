package dev.steward.internal.authz;

import dev.steward.StewardException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.EnforcementMode;
import dev.steward.authz.ToolCall;
import dev.steward.authz.ToolCallGuard;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Authorize, store the decision, run, record the outcome. */
public final class DefaultToolCallGuard implements ToolCallGuard {
    private static final Log LOG = Log.of(DefaultToolCallGuard.class);

    private final Kernel kernel;
    private final Authorizer authorizer;
    private final IdentityId identity;
    private final List<IdentityId> chain;
    private final Optional<String> environment;

    /**
     * @param kernel the shared state
     * @param authorizer makes the decisions
     * @param identity the identity whose calls are guarded
     */
    public DefaultToolCallGuard(Kernel kernel, Authorizer authorizer, IdentityId identity) {
        this(kernel, authorizer, Objects.requireNonNull(identity, "identity"), List.of(), Optional.empty());
    }

    private DefaultToolCallGuard(Kernel kernel, Authorizer authorizer, IdentityId identity, List<IdentityId> chain,
            Optional<String> environment) {
        this.kernel = kernel;
        this.authorizer = authorizer;
        this.identity = identity;
        this.chain = chain;
        this.environment = environment;
    }

    @Override
    public ToolCallGuard onBehalfOf(IdentityId... principals) {
        return new DefaultToolCallGuard(kernel, authorizer, identity, List.copyOf(Arrays.asList(principals)),
                environment);
    }

    @Override
    public ToolCallGuard environment(String value) {
        return new DefaultToolCallGuard(kernel, authorizer, identity, chain,
                Optional.of(Checks.id("environment", value)));
    }

    @Override
    public <T, E extends Exception> T call(String action, String resource, String toolCallId, ToolCall<T, E> tool)
            throws E {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Checks.name("toolCallId", toolCallId);
        Objects.requireNonNull(tool, "tool");
        AccessRequest request = new AccessRequest(identity, action, resource, chain, environment,
                Optional.of(toolCallId));
        Identity known = kernel.index().identity(identity);
        EnforcementMode mode = known == null ? EnforcementMode.ENFORCE : known.enforcementMode();
        Decision decision = authorizer.decideDurably(request, mode == EnforcementMode.LOG_ONLY);
        if (!decision.allowed() && mode == EnforcementMode.ENFORCE) {
            throw new AccessDeniedException(decision);
        }
        T result;
        try {
            result = tool.call();
        } catch (Throwable e) {
            // The tool is the host's own code, not a plugin: its exception or error reaches the
            // host unchanged, once its failure is recorded (unless the virtual machine is failing).
            if (!(e instanceof VirtualMachineError)) {
                recordOutcome(request, decision, AuditOutcome.FAILURE, e.getClass().getName());
            }
            throw e;
        }
        recordOutcome(request, decision, AuditOutcome.SUCCESS, "");
        return result;
    }

    private void recordOutcome(AccessRequest request, Decision decision, AuditOutcome outcome, String error) {
        AuditEvent event = new AuditEvent(0, kernel.audit().nextId(), kernel.settings().clock().instant(),
                AuditAction.TOOL_CALL_COMPLETED, outcome, identity, chain, "resource",
                Authorizer.audited(decision.resource()), "decision " + decision.auditEventId(),
                request.correlationId().map(Authorizer::audited), Map.of("action", Authorizer.audited(decision.action()),
                        "decision", decision.reason().name(), "error", error), "", "");
        try {
            long ticket = kernel.audit().enqueue(event);
            if (kernel.settings().decisionAudit() == DecisionAuditMode.SYNCHRONOUS) {
                kernel.audit().awaitStored(ticket);
            }
        } catch (StewardException e) {
            LOG.error("the outcome of tool call {} by {} could not be recorded", request.correlationId().orElse(""),
                    identity, e);
        }
    }
}
