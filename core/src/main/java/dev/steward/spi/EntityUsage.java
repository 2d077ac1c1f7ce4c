package dev.steward.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Usage telemetry of an entity type (a grant's or a credential's last use and use count): kept
 * outside the versioned document, written only by {@link EntityTable#recordUsage}, moved forward
 * only, and kept by an update, whatever usage the updated snapshot carries. A store that keeps
 * usage apart from the document (in columns of its own) puts it back with {@link #with}.
 *
 * @param <E> the entity
 */
public final class EntityUsage<E> {
    /** A function that gives an entity other usage; the one place that builds the entity for it. */
    @FunctionalInterface
    interface Replacer<E> {
        E apply(E entity, Optional<Instant> lastUsedAt, long useCount);
    }

    private final EntityField<E> lastUsedAt;
    private final EntityField<E> useCount;
    private final Function<E, Optional<Instant>> lastUse;
    private final Function<E, Long> uses;
    private final Replacer<E> replacer;

    EntityUsage(Function<E, Optional<Instant>> lastUse, Function<E, Long> uses, Replacer<E> replacer) {
        this.lastUse = Objects.requireNonNull(lastUse, "lastUse");
        this.uses = Objects.requireNonNull(uses, "uses");
        this.replacer = Objects.requireNonNull(replacer, "replacer");
        this.lastUsedAt = EntityField.optionalInstant("last_used_at", lastUse);
        this.useCount = EntityField.number("use_count", uses);
    }

    /** {@return the field of the last use, {@code last_used_at}} */
    public EntityField<E> lastUsedAtField() {
        return lastUsedAt;
    }

    /** {@return the field of the use count, {@code use_count}} */
    public EntityField<E> useCountField() {
        return useCount;
    }

    /**
     * {@return an entity's last use, if any}
     *
     * @param entity the entity
     */
    public Optional<Instant> lastUsedAt(E entity) {
        return lastUse.apply(entity);
    }

    /**
     * {@return an entity's use count}
     *
     * @param entity the entity
     */
    public long useCount(E entity) {
        return uses.apply(entity);
    }

    /**
     * Gives an entity other usage, nothing else changed.
     *
     * @param entity the entity (as decoded from its document, say)
     * @param lastUsedAt the last use to give it
     * @param useCount the use count to give it
     * @return the entity with that usage
     */
    public E with(E entity, Optional<Instant> lastUsedAt, long useCount) {
        return replacer.apply(entity, lastUsedAt, useCount);
    }

    /**
     * {@return an update as a store writes it: the update with the stored usage}
     *
     * @param update the new snapshot
     * @param stored the stored snapshot
     */
    public E keepStored(E update, E stored) {
        return with(update, lastUsedAt(stored), useCount(stored));
    }

    /**
     * {@return the stored entity with usage added: the last use moves forward only, the count grows}
     *
     * @param stored the stored entity
     * @param usedAt the latest use
     * @param count uses to add
     */
    public E record(E stored, Instant usedAt, long count) {
        Instant latest = lastUsedAt(stored).filter(t -> t.isAfter(usedAt)).orElse(usedAt);
        return with(stored, Optional.of(latest), useCount(stored) + count);
    }
}
