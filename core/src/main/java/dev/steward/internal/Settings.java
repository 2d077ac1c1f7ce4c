package dev.steward.internal;

import dev.steward.audit.DecisionAuditMode;
import dev.steward.identity.ManagerDirectory;
import dev.steward.identity.OrphanPolicy;
import dev.steward.spi.AuditSigner;
import java.time.Clock;
import java.time.Duration;

/**
 * The settings a {@code Steward} was built with, sealed at build time.
 *
 * @param clock the clock every rule is evaluated against
 * @param maxAgentLifetime the longest an agent may live
 * @param maxAgentGrantLifetime the longest a grant to an agent may last
 * @param maxDelegationDepth the longest delegation chain
 * @param orphanPolicy what happens to orphans
 * @param managers the host's manager relation
 * @param signer the audit checkpoint signer
 * @param checkpointInterval events between signed checkpoints
 * @param decisionAudit how decision events are written
 * @param auditBatchSize decision events per group commit
 * @param auditBufferLimit the most buffered decision events before decisions fail closed
 * @param credentials the credential settings
 * @param reviews how reviews run outside campaigns
 * @param notifier who is told about review work
 */
public record Settings(
        Clock clock,
        Duration maxAgentLifetime,
        Duration maxAgentGrantLifetime,
        int maxDelegationDepth,
        OrphanPolicy orphanPolicy,
        ManagerDirectory managers,
        AuditSigner signer,
        int checkpointInterval,
        DecisionAuditMode decisionAudit,
        int auditBatchSize,
        int auditBufferLimit,
        dev.steward.internal.credential.CredentialSettings credentials,
        dev.steward.review.ReviewPolicy reviews,
        dev.steward.spi.Notifier notifier) {
}
