package dev.steward.tck;

import dev.steward.spi.EntityType;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@link VersionedEntityRules} needs to know of one entity type to prove its rules on it:
 * samples by id stem, and how to make the next version of one.
 *
 * @param type the entity type
 * @param sample a version-1 entity with every optional field empty, by id stem
 * @param full a version-1 entity with every optional field present, by id stem
 * @param impostor a version-1 entity with the id of {@code sample}'s and other fields, by id stem
 * @param next the next snapshot: version plus one, another reason and update time
 * @param <E> the entity
 */
record EntityFixture<E>(EntityType<E> type, Function<String, E> sample, Function<String, E> full,
        Function<String, E> impostor, BiFunction<E, String, E> next) {
}
