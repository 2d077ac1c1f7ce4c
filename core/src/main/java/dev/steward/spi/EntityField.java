package dev.steward.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One indexed field of an entity type: a value a store may keep in a column of its own (named as
 * the column is, e.g. {@code owner_id}) and that queries filter on ({@link Criterion}). The
 * entity's document holds the field too; the column is a copy kept for filtering.
 *
 * @param <E> the entity
 */
public final class EntityField<E> {
    /** The kind of value a field holds, and its Java type in {@link #value(Object)}. */
    public enum ValueType {
        /** A {@link String}; enum values by their name. */
        TEXT(String.class),
        /** A {@link Boolean}. */
        BOOLEAN(Boolean.class),
        /** An {@link Instant}, to the nanosecond. */
        INSTANT(Instant.class),
        /** A {@link Long}. */
        LONG(Long.class);

        private final Class<?> javaType;

        ValueType(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** {@return the Java type of this kind's values} */
        public Class<?> javaType() {
            return javaType;
        }
    }

    private final String name;
    private final ValueType valueType;
    private final boolean nullable;
    private final boolean unique;
    private final Function<E, Optional<?>> extractor;

    private EntityField(String name, ValueType valueType, boolean nullable, boolean unique,
            Function<E, Optional<?>> extractor) {
        this.name = Objects.requireNonNull(name, "name");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
        this.nullable = nullable;
        this.unique = unique;
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    static <E> EntityField<E> text(String name, Function<E, String> value) {
        return new EntityField<>(name, ValueType.TEXT, false, false, e -> Optional.of(value.apply(e)));
    }

    static <E> EntityField<E> optionalText(String name, Function<E, Optional<String>> value) {
        return new EntityField<>(name, ValueType.TEXT, true, false, value::apply);
    }

    static <E> EntityField<E> uniqueOptionalText(String name, Function<E, Optional<String>> value) {
        return new EntityField<>(name, ValueType.TEXT, true, true, value::apply);
    }

    static <E> EntityField<E> bool(String name, Function<E, Boolean> value) {
        return new EntityField<>(name, ValueType.BOOLEAN, false, false, e -> Optional.of(value.apply(e)));
    }

    static <E> EntityField<E> instant(String name, Function<E, Instant> value) {
        return new EntityField<>(name, ValueType.INSTANT, false, false, e -> Optional.of(value.apply(e)));
    }

    static <E> EntityField<E> optionalInstant(String name, Function<E, Optional<Instant>> value) {
        return new EntityField<>(name, ValueType.INSTANT, true, false, value::apply);
    }

    static <E> EntityField<E> number(String name, Function<E, Long> value) {
        return new EntityField<>(name, ValueType.LONG, false, false, e -> Optional.of(value.apply(e)));
    }

    /** {@return the field's name, as its column is named (e.g. {@code owner_id})} */
    public String name() {
        return name;
    }

    /** {@return the kind of value the field holds} */
    public ValueType valueType() {
        return valueType;
    }

    /** {@return whether an entity may have no value for the field} */
    public boolean nullable() {
        return nullable;
    }

    /**
     * {@return whether no two entities of the type may hold the same value (absent values aside):
     * a credential's predecessor, for one, has at most one successor}
     */
    public boolean unique() {
        return unique;
    }

    /**
     * Reads the field's value from an entity.
     *
     * @param entity the entity
     * @return its value, of the Java type of {@link #valueType()}, or {@code null} if absent
     */
    public Object value(E entity) {
        return extractor.apply(entity).orElse(null);
    }

    @Override
    public String toString() {
        return name;
    }
}
