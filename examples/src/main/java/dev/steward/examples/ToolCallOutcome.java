package dev.steward.examples;

import dev.steward.audit.AuditEventId;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.GrantId;
import java.util.List;
import java.util.Optional;

/**
 * How one guarded tool call went.
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
}
