package dev.steward.spi;

import dev.steward.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The entities of one {@link EntityType} as one {@link StoreTransaction} sees them: reads see the
 * unit's own writes, and writes commit with the unit or not at all. A store implements this once,
 * for every type, from what the {@link EntityType} says.
 *
 * @param <E> the entity
 */
public interface EntityTable<E> {
    /**
     * {@return the stored entity, if any}
     *
     * @param id the entity's id (case-sensitive)
     */
    Optional<E> find(String id);

    /**
     * Inserts a new entity.
     *
     * @param entity the entity, at version 1
     * @throws dev.steward.ValidationException if its version is not 1
     * @throws dev.steward.ConflictException if its id exists, or a {@linkplain EntityField#unique() unique}
     *     field's value is taken
     */
    void insert(E entity);

    /**
     * Inserts many new entities at once (a cycle over a million grants opens with a million
     * items): a store writes them as a batch, not one round trip each. This default inserts them
     * one by one, which suits a store whose inserts are buffered until the unit commits.
     *
     * @param entities new entities, each at version 1, with distinct ids
     * @throws dev.steward.ValidationException if a version is not 1
     * @throws dev.steward.ConflictException if an id exists or repeats
     */
    default void insertAll(List<E> entities) {
        entities.forEach(this::insert);
    }

    /**
     * Replaces a stored entity. Usage telemetry is kept as stored (see {@link EntityUsage}). Two
     * writers that update the same entity from the same version: one wins, the other conflicts.
     *
     * @param entity the new snapshot; its version is the stored version plus one
     * @throws dev.steward.ConflictException if the stored version is not one less
     * @throws dev.steward.NotFoundException if it does not exist
     */
    void update(E entity);

    /**
     * {@return the query's page, in id order; a next cursor if more entities follow}
     *
     * @param query the criteria, cursor and limit, for this table's type
     */
    Page<E> query(EntityQuery<E> query);

    /**
     * Adds usage telemetry to an entity without changing its version or the change sequence: the
     * last use moves forward only, and the use count grows by {@code uses}. Usage is telemetry, not
     * a governance change, so it carries no audit event. Unknown ids are ignored.
     *
     * @param id the entity's id
     * @param lastUsedAt the latest use
     * @param uses uses to add
     * @throws dev.steward.ValidationException if the type has no usage telemetry
     */
    void recordUsage(String id, Instant lastUsedAt, long uses);
}
