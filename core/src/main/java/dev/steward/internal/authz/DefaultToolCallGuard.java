package dev.steward.internal.authz;

import dev.steward.StewardException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.authz.EnforcementMode;
import dev.steward.authz.ToolCall;
import dev.steward.authz.ToolCallGuard;
import dev.steward.authz.ToolInvocation;
import dev.steward.authz.ToolMapping;
import dev.steward.authz.ToolPolicy;
import dev.steward.authz.ToolTarget;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Authorize, store the decision, run, record the outcome. */
public final class DefaultToolCallGuard implements ToolCallGuard {
    private static final Log LOG = Log.of(DefaultToolCallGuard.class);
    /** The {@code error} detail of an outcome whose result reports a failure. */
    private static final String REPORTED_FAILURE = "reported by the tool";

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
        boolean logOnly = logOnly();
        Decision decision = authorizer.decideDurably(
                new AccessRequest(identity, action, resource, chain, environment, Optional.of(toolCallId)), logOnly);
        return run(decision, logOnly, "resource", toolCallId, Map.of(), tool, result -> false);
    }

    @Override
    public <T, E extends Exception> T call(ToolPolicy policy, ToolInvocation invocation, ToolCall<T, E> tool,
            Predicate<? super T> failed) throws E {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(failed, "failed");
        String name = invocation.tool();
        String toolCallId = invocation.toolCallId();
        ToolTarget target = malformedName(toolCallId)
                .<ToolTarget>map(rule -> new ToolTarget.Refused(name, DecisionReason.INVALID_REQUEST,
                        "the tool-call id " + rule))
                .orElseGet(() -> policy.resolve(invocation));
        boolean logOnly = logOnly();
        Map<String, String> facts = Map.of("tool", Authorizer.audited(name));
        if (target instanceof ToolTarget.Resolved resolved) {
            if (resolved.argumentDigest().isPresent()) {
                facts = Map.of("tool", Authorizer.audited(name), "argumentsSha256", resolved.argumentDigest().get());
            }
            Decision decision = authorizer.decideDurably(new AccessRequest(identity, resolved.action(),
                    resolved.resource(), chain, environment, Optional.of(toolCallId)), logOnly, facts);
            return run(decision, logOnly, "resource", toolCallId, facts, tool, failed);
        }
        ToolTarget.Refused refused = (ToolTarget.Refused) target;
        DecisionReason reason = refused.reason();
        // An unmapped tool runs under a roll-out policy only for an identity that could be allowed
        // anything now: an unknown, suspended or expired identity is denied for what it is.
        if (reason == DecisionReason.TOOL_NOT_MAPPED && policy.unmapped() == EnforcementMode.LOG_ONLY) {
            Optional<DecisionReason> barred = authorizer.barred(identity);
            logOnly |= barred.isEmpty();
            reason = barred.orElse(reason);
        }
        String action = policy.mapping(name).map(ToolMapping::action).orElse("");
        Decision decision = authorizer.refuseDurably(identity, chain, Optional.of(toolCallId), name, action, reason,
                reason == refused.reason() ? refused.problem() : reason.message(), logOnly);
        return run(decision, logOnly, "tool", toolCallId, facts, tool, failed);
    }

    @Override
    public boolean mayCall(ToolPolicy policy, String tool) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(tool, "tool");
        if (logOnly()) {
            return true;
        }
        Optional<ToolMapping> mapping = policy.mapping(tool);
        if (mapping.isEmpty()) {
            return policy.unmapped() == EnforcementMode.LOG_ONLY && authorizer.barred(identity).isEmpty();
        }
        return authorizer.offers(identity, chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0)),
                environment, mapping.get().action(), List.of(mapping.get().resourceTemplate().split("/", -1)));
    }

    private static Optional<String> malformedName(String value) {
        try {
            Checks.name("toolCallId", value);
            return Optional.empty();
        } catch (ValidationException e) {
            return Optional.of(e.rule());
        }
    }

    private boolean logOnly() {
        Identity known = kernel.index().identity(identity);
        return known != null && known.enforcementMode() == EnforcementMode.LOG_ONLY;
    }

    /** Runs the call if the decision lets it, and records its outcome. */
    private <T, E extends Exception> T run(Decision decision, boolean logOnly, String targetType, String toolCallId,
            Map<String, String> facts, ToolCall<T, E> tool, Predicate<? super T> failed) throws E {
        if (!decision.allowed() && (!logOnly || Authorizer.refusedInEveryMode(decision.reason()))) {
            throw new AccessDeniedException(decision);
        }
        T result;
        try {
            result = tool.call();
        } catch (Throwable e) {
            // The tool is the host's own code, not a plugin: its exception or error reaches the
            // host unchanged, once its failure is recorded (unless the virtual machine is failing).
            if (!(e instanceof VirtualMachineError)) {
                recordOutcome(decision, targetType, toolCallId, facts, AuditOutcome.FAILURE, e.getClass().getName());
            }
            throw e;
        }
        boolean reported = failed.test(result);
        recordOutcome(decision, targetType, toolCallId, facts, reported ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS,
                reported ? REPORTED_FAILURE : "");
        return result;
    }

    private void recordOutcome(Decision decision, String targetType, String toolCallId, Map<String, String> facts,
            AuditOutcome outcome, String error) {
        Map<String, String> details = new HashMap<>(facts);
        details.put("action", Authorizer.audited(decision.action()));
        details.put("decision", decision.reason().name());
        details.put("error", error);
        AuditEvent event = new AuditEvent(0, kernel.audit().nextId(), kernel.settings().clock().instant(),
                AuditAction.TOOL_CALL_COMPLETED, outcome, identity, chain, targetType,
                Authorizer.audited(decision.resource()), "decision " + decision.auditEventId(),
                Optional.of(Authorizer.audited(toolCallId)), details, "", "");
        try {
            long ticket = kernel.audit().enqueue(event);
            if (kernel.settings().decisionAudit() == DecisionAuditMode.SYNCHRONOUS) {
                kernel.audit().awaitStored(ticket);
            }
        } catch (StewardException e) {
            LOG.error("the outcome of tool call {} by {} could not be recorded", Authorizer.audited(toolCallId),
                    identity, e);
        }
    }
}
