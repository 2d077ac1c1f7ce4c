package dev.steward.internal;

import dev.steward.NotFoundException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.audit.AuditWriter;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import dev.steward.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One unit of work in progress: writes go to the store's transaction, and each write records the
 * audit event that must commit with it. Not thread-safe; lives for one unit of work.
 */
public final class Changes {
    private final StoreTransaction tx;
    private final Actor actor;
    private final Instant now;
    private final AuditWriter audit;
    private final List<AuditEvent> events = new ArrayList<>();
    /** The last snapshot this unit wrote of each entity in the change sequence, by type and id. */
    private final Map<String, Object> written = new LinkedHashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    Changes(StoreTransaction tx, Actor actor, Instant now, AuditWriter audit) {
        this.tx = tx;
        this.actor = actor;
        this.now = now;
        this.audit = audit;
    }

    /** @return the open transaction, for reads */
    public StoreTransaction tx() {
        return tx;
    }

    /** @return who makes the change */
    public Actor actor() {
        return actor;
    }

    /** @return the instant of the change, from the configured clock */
    public Instant now() {
        return now;
    }

    /**
     * {@return the stored entity, as this unit sees it}
     *
     * @param type the entity type
     * @param id its id
     * @param <E> the entity
     * @throws NotFoundException if absent
     */
    public <E> E get(EntityType<E> type, String id) {
        return tx.table(type).find(id).orElseThrow(() -> new NotFoundException(type.name(), id));
    }

    /**
     * {@return the identity with this id, as this unit of work sees it}
     *
     * @param id an identity id
     * @throws NotFoundException if no identity has this id
     */
    public Identity identity(IdentityId id) {
        return get(EntityType.IDENTITY, id.value());
    }

    /**
     * {@return the grant with this id, as this unit of work sees it}
     *
     * @param id a grant id
     * @throws NotFoundException if no grant has this id
     */
    public Grant grant(GrantId id) {
        return get(EntityType.GRANT, id.value());
    }

    /**
     * {@return the credential with this id, as this unit of work sees it}
     *
     * @param id a credential id
     * @throws NotFoundException if no credential has this id
     */
    public Credential credential(CredentialId id) {
        return get(EntityType.CREDENTIAL, id.value());
    }

    /**
     * {@return every entity the query finds, over all its pages, as this unit sees them}
     *
     * @param query the first page's query
     * @param <E> the entity
     */
    public <E> List<E> all(EntityQuery<E> query) {
        return Pages.all(Pages.in(tx), query);
    }

    /**
     * Inserts a new entity and records its event.
     *
     * @param type the entity type
     * @param entity the entity
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @param <E> the entity
     * @return the id of the recorded event
     */
    public <E> AuditEventId insert(EntityType<E> type, E entity, AuditAction action, String reason,
            Map<String, String> details) {
        tx.table(type).insert(entity);
        return written(type, entity, action, reason, details);
    }

    /**
     * Updates an entity and records its event.
     *
     * @param type the entity type
     * @param entity the new snapshot
     * @param action the event's action
     * @param reason the event's reason
     * @param details further facts for the event
     * @param <E> the entity
     * @return the id of the recorded event
     */
    public <E> AuditEventId update(EntityType<E> type, E entity, AuditAction action, String reason,
            Map<String, String> details) {
        tx.table(type).update(entity);
        return written(type, entity, action, reason, details);
    }

    /**
     * Inserts many new entities as one batch (a cycle's snapshotted items), with no event of their
     * own: the event of what they belong to (the cycle's) records them.
     *
     * @param type the entity type
     * @param entities the entities
     * @param <E> the entity
     */
    public <E> void insertAll(EntityType<E> type, List<E> entities) {
        tx.table(type).insertAll(entities);
    }

    private <E> AuditEventId written(EntityType<E> type, E entity, AuditAction action, String reason,
            Map<String, String> details) {
        String id = type.id(entity);
        if (type.changeKind().isPresent()) {
            written.put(type.name() + ':' + id, entity);
        }
        return event(action, type.name(), id, reason, details);
    }

    /**
     * Runs a side effect (a notification) once this unit of work has committed, and never if it
     * rolls back; a failing side effect is logged and does not undo the commit.
     *
     * @param effect the side effect
     */
    public void afterCommit(Runnable effect) {
        afterCommit.add(effect);
    }

    /**
     * Records an event about an entity that this unit of work does not change.
     *
     * @param action the event's action
     * @param targetType the kind of entity
     * @param targetId its id
     * @param reason the event's reason
     * @param details further facts for the event
     * @return the id of the recorded event
     */
    public AuditEventId note(AuditAction action, String targetType, String targetId, String reason,
            Map<String, String> details) {
        return event(action, targetType, targetId, reason, details);
    }

    /**
     * Records an event that goes with no entity write (e.g. a decision made inside the unit).
     *
     * @param event the draft event
     */
    public void record(AuditEvent event) {
        events.add(event);
    }

    private AuditEventId event(AuditAction action, String targetType, String targetId, String reason,
            Map<String, String> details) {
        AuditEventId id = audit.nextId();
        events.add(new AuditEvent(0, id, now, action, AuditOutcome.SUCCESS, actor.id(), List.of(), targetType,
                targetId, reason, Optional.empty(), details, "", ""));
        return id;
    }

    List<Runnable> afterCommitEffects() {
        return afterCommit;
    }

    List<AuditEvent> events() {
        return events;
    }

    /**
     * {@return the last snapshot this unit wrote of each entity of that type}
     *
     * @param type a type in the change sequence
     * @param <E> the entity
     */
    <E> List<E> written(EntityType<E> type) {
        List<E> out = new ArrayList<>();
        for (Object e : written.values()) {
            if (type.javaType().isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }
}
