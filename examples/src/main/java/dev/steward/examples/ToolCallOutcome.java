package dev.steward.examples;

import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.GrantId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How one guarded tool call went, or one checkout of a stored secret (a call whose tool is the read).
 *
 * @param toolCallId the caller's id for the call, recorded on its audit events
 * @param action the action the tool performs
 * @param resource the resource it touches
 * @param allowed whether the call was allowed and ran
 * @param reason the decision's reason code
 * @param grants the grants that allowed it, one per link of the delegation chain; empty when denied
 * @param auditEventId the audit event that records the decision
 * @param output what the tool returned, if it ran
 */
public record ToolCallOutcome(String toolCallId, String action, String resource, boolean allowed,
        DecisionReason reason, List<GrantId> grants, AuditEventId auditEventId, Optional<String> output) {

    /**
     * @param decided the {@code ACCESS_DECIDED} audit event of a call
     * @param action the action the tool performs
     * @param resource the resource it touches
     * @param output what the tool returned, or empty if it did not run
     * @return the outcome as the audit log records it
     */
    static ToolCallOutcome decided(AuditEvent decided, String action, String resource, Optional<String> output) {
        List<GrantId> grants = Arrays.stream(decided.details().getOrDefault("grants", "").split(","))
                .filter(s -> !s.isEmpty()).map(GrantId::of).toList();
        return new ToolCallOutcome(decided.correlationId().orElseThrow(), action, resource,
                decided.outcome() == AuditOutcome.ALLOWED, DecisionReason.valueOf(decided.reason()), grants,
                decided.id(), output);
    }

    /**
     * @param toolCallId the caller's id for the call
     * @param action the action the tool performs
     * @param resource the resource it touches
     * @param denial the decision that denied the call
     * @return the outcome of a call that never ran
     */
    static ToolCallOutcome denied(String toolCallId, String action, String resource, Decision denial) {
        return new ToolCallOutcome(toolCallId, action, resource, false, denial.reason(), denial.matchedGrants(),
                denial.auditEventId(), Optional.empty());
    }
}
