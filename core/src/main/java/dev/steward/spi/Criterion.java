package dev.steward.spi;

import dev.steward.ValidationException;
import java.time.Instant;
import java.util.Objects;

/**
 * One condition of an {@link EntityQuery} on an indexed field.
 *
 * @param field the field
 * @param op how the field's value is compared with {@code value}
 * @param value the value compared with, of the Java type of the field's value type
 * @param <E> the entity
 */
public record Criterion<E>(EntityField<E> field, Op op, Object value) {
    /** How a criterion compares. */
    public enum Op {
        /** The field's value equals the criterion's value; an absent value matches nothing. */
        EQUALS,
        /** The field's instant is strictly before the criterion's; an absent value matches nothing. */
        BEFORE,
        /** The field's instant is absent, or strictly before the criterion's. */
        BEFORE_OR_ABSENT
    }

    /**
     * Checks that the value fits the field and the operation.
     *
     * @param field the field
     * @param op how the field's value is compared with {@code value}
     * @param value the value compared with
     * @throws ValidationException if it does not
     */
    public Criterion {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (!field.valueType().javaType().isInstance(value)) {
            throw new ValidationException("criterion." + field.name(), "must be a " + field.valueType());
        }
        if (op != Op.EQUALS && field.valueType() != EntityField.ValueType.INSTANT) {
            throw new ValidationException("criterion." + field.name(), op + " compares instants only");
        }
    }

    /**
     * {@return whether an entity meets this criterion}
     *
     * @param entity the entity
     */
    public boolean matches(E entity) {
        Object actual = field.value(entity);
        if (actual == null) {
            return op == Op.BEFORE_OR_ABSENT;
        }
        return op == Op.EQUALS ? actual.equals(value) : ((Instant) actual).isBefore((Instant) value);
    }
}
