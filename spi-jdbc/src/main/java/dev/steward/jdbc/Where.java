package dev.steward.jdbc;

import dev.steward.spi.Criterion;
import dev.steward.spi.EntityField;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A conjunction of conditions on columns, with their parameters, built from a query's criteria:
 * {@code EQUALS} as {@code =}, {@code BEFORE} as {@code <}, {@code BEFORE_OR_ABSENT} as
 * {@code IS NULL OR <}. A column is the field of the same name, so the SQL never holds a caller's text.
 */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<EntityField.ValueType> types = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /**
     * {@return the conditions of these criteria}
     *
     * @param criteria what every row must meet
     * @param <E> the entity
     */
    static <E> Where of(List<Criterion<E>> criteria) {
        Where w = new Where();
        for (Criterion<E> c : criteria) {
            String column = c.field().name();
            String condition = switch (c.op()) {
                case EQUALS -> column + " = ?";
                case BEFORE -> column + " < ?";
                case BEFORE_OR_ABSENT -> "(" + column + " IS NULL OR " + column + " < ?)";
            };
            w.add(condition, c.field().valueType(), c.value());
        }
        return w;
    }

    /** Adds that the row's id follows the cursor. */
    void after(String cursor) {
        add("id > ?", EntityField.ValueType.TEXT, cursor);
    }

    private void add(String condition, EntityField.ValueType type, Object value) {
        conditions.add(condition);
        types.add(type);
        values.add(value);
    }

    /** {@return the {@code WHERE} clause, with a leading space; empty if there is no condition} */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * {@return the index of the next parameter}
     *
     * @param ps the statement whose first parameters are this clause's
     * @throws SQLException if the driver refuses a value
     */
    int bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Sql.bind(ps, i + 1, types.get(i), values.get(i));
        }
        return values.size() + 1;
    }
}
