package dev.steward.audit;

import dev.steward.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of the append-only, hash-chained audit log: every change and every access decision.
 * {@code hash} is SHA-256 over {@code previousHash} and the canonical encoding of every other
 * field (see {@link AuditVerifier}); the first event's {@code previousHash} is 64 zeros. Never
 * carries secret material.
 *
 * @param sequence the event's position in the chain, from 0
 * @param id the event's id
 * @param at when it happened, from the configured clock
 * @param action what happened
 * @param outcome how it ended
 * @param actor who acted
 * @param onBehalfOf the delegation chain the actor acted for, nearest first
 * @param targetType the kind of thing acted on: {@code identity}, {@code grant}, {@code resource}
 * @param targetId the id of the thing acted on
 * @param reason the reason given, or the decision's reason code
 * @param correlationId the caller's id for the operation, e.g. a tool-call id
 * @param details further facts, sorted by key
 * @param previousHash the hash of the event before, in lowercase hex
 * @param hash this event's hash, in lowercase hex
 */
public record AuditEvent(
        long sequence,
        AuditEventId id,
        Instant at,
        AuditAction action,
        AuditOutcome outcome,
        IdentityId actor,
        List<IdentityId> onBehalfOf,
        String targetType,
        String targetId,
        String reason,
        Optional<String> correlationId,
        Map<String, String> details,
        String previousHash,
        String hash) {

    /**
     * Checks that nothing is null; copies the lists and sorts the details by key.
     *
     * @param sequence the event's position in the chain, from 0
     * @param id the event's id
     * @param at when it happened, from the configured clock
     * @param action what happened
     * @param outcome how it ended
     * @param actor who acted
     * @param onBehalfOf the delegation chain the actor acted for, nearest first
     * @param targetType the kind of thing acted on: {@code identity}, {@code grant}, {@code resource}
     * @param targetId the id of the thing acted on
     * @param reason the reason given, or the decision's reason code
     * @param correlationId the caller's id for the operation, e.g. a tool-call id
     * @param details further facts, sorted by key
     * @param previousHash the hash of the event before, in lowercase hex
     * @param hash this event's hash, in lowercase hex
     */
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actor, "actor");
        onBehalfOf = List.copyOf(onBehalfOf);
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(correlationId, "correlationId");
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
