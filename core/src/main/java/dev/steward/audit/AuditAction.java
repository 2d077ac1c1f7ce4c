package dev.steward.audit;

/** What an {@link AuditEvent} records. */
public enum AuditAction {
    /** An identity was registered. */
    IDENTITY_REGISTERED,
    /** A pending identity was approved. */
    IDENTITY_APPROVED,
    /** A pending identity was rejected. */
    IDENTITY_REJECTED,
    /** An identity was suspended. */
    IDENTITY_SUSPENDED,
    /** A suspended identity was resumed. */
    IDENTITY_RESUMED,
    /** An identity was retired. */
    IDENTITY_RETIRED,
    /** An identity's owner changed. */
    IDENTITY_OWNER_TRANSFERRED,
    /** An identity's owner left without a successor. */
    IDENTITY_ORPHANED,
    /** An identity's enforcement mode changed. */
    IDENTITY_ENFORCEMENT_CHANGED,
    /** A grant was requested. */
    GRANT_REQUESTED,
    /** A grant was approved. */
    GRANT_APPROVED,
    /** A grant was denied. */
    GRANT_DENIED,
    /** A grant was revoked. */
    GRANT_REVOKED,
    /** A use of a use-limited grant was counted. */
    GRANT_USED,
    /** A grant reached its end or its use limit. */
    GRANT_EXPIRED,
    /** A credential was issued, stored or registered. */
    CREDENTIAL_ISSUED,
    /** A credential was replaced by a successor. */
    CREDENTIAL_ROTATED,
    /** A credential was revoked. */
    CREDENTIAL_REVOKED,
    /** A credential reached its expiry or the end of its rotation overlap. */
    CREDENTIAL_EXPIRED,
    /** A credential was reported exposed and revoked. */
    CREDENTIAL_EXPOSED,
    /** A stored secret was read by an authorized caller. */
    CREDENTIAL_CHECKED_OUT,
    /** A revoked or expired credential was presented. */
    CREDENTIAL_REJECTED,
    /** An access decision was made. */
    ACCESS_DECIDED,
    /** A guarded tool call finished. */
    TOOL_CALL_COMPLETED,
    /** An agent's owner reconfirmed that it is still needed. */
    IDENTITY_RECONFIRMED,
    /** A review cycle opened and its items were snapshotted. */
    REVIEW_CYCLE_OPENED,
    /** A review cycle began to close: its undecided items are being settled. */
    REVIEW_CYCLE_CLOSING,
    /** A review cycle closed; it is immutable from now on. */
    REVIEW_CYCLE_CLOSED,
    /** A reviewer decided a review item. */
    REVIEW_ITEM_DECIDED,
    /** A review item was handed to another reviewer, or assigned to one. */
    REVIEW_ITEM_FORWARDED,
    /** A reviewer was reminded of a pending review item. */
    REVIEW_ITEM_REMINDED,
    /** An overdue review item was escalated. */
    REVIEW_ITEM_ESCALATED,
    /** A review item was left undecided at close and handled by the cycle's policy. */
    REVIEW_ITEM_LAPSED,
    /** A revocation decided in a review was applied. */
    REVIEW_REVOCATION_APPLIED
}
