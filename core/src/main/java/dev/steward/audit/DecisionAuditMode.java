package dev.steward.audit;

/**
 * When the audit event of an access decision is stored. State changes are always audited in
 * their own unit of work; this setting is about decisions only.
 */
public enum DecisionAuditMode {
    /**
     * The event is stored before {@code authorize} returns. Concurrent decisions share one unit of
     * work (group commit). If it cannot be stored, the decision is a deny with reason
     * {@code ERROR}. The default.
     */
    SYNCHRONOUS,
    /**
     * The event is buffered in memory and stored in batches, when the batch is full, on
     * {@link AuditLog#flush()}, on close, and before a guarded tool call runs. A crash may lose the
     * events of decisions not yet flushed; the tool-call guard never runs a call whose decision is
     * not stored. For throughput on hot paths.
     */
    BUFFERED
}
