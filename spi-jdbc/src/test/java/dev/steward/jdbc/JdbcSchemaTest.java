package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.identity.Identity;
import dev.steward.spi.EntityField;
import dev.steward.spi.EntityType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema: applied by Flyway (again without effect), or by the host's own tool from
 * {@link JdbcSchema#script}; table prefixes keep two Steward schemas apart in one database; the
 * dialect is recognised; a prefix that could inject SQL is refused; every field of every entity
 * type has its column in each dialect's migrated schema.
 */
class JdbcSchemaTest {
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    void theScriptAppliedByAnotherToolGivesAWorkingStoreBesideTheFlywayOne(JdbcDialect dialect) throws Exception {
        TestDatabase db = DATABASES.fresh(dialect);
        HikariDataSource pool = db.dataSource();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String statement : JdbcSchema.builder().tablePrefix("host_").build().script(dialect).split(";")) {
                String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
        }
        assertThat(JdbcSchema.builder().tablePrefix(TestDatabase.PREFIX).build().migrate(pool))
                .as("migrating a current schema again").isEqualTo(dialect);

        JdbcStore store = JdbcStore.builder(pool).tablePrefix("host_").build();
        assertThat(store.dialect()).isEqualTo(dialect);
        assertThat(store.name()).isEqualTo("jdbc(" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ")");
        try (Steward host = People.steward(store);
                Steward other = People.steward(db.store())) {
            Identity alice = People.human(host, "alice@acme.example");
            assertThat(host.identities().find(alice.id())).isPresent();
            assertThat(other.identities().find(alice.id())).as("the other prefix's tables are apart").isEmpty();
            assertThat(host.audit().verify().valid()).isTrue();
        }
    }

    @Test
    void aPrefixThatIsNotAPlainNameIsRefusedBeforeAnySqlRuns() {
        for (String bad : new String[] {"", "Steward_", "1st_", "x; DROP TABLE y; --", "a".repeat(33)}) {
            assertThatThrownBy(() -> JdbcStore.builder(DATABASES.fresh(JdbcDialect.H2).dataSource()).tablePrefix(bad))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.getMessage()).contains("tablePrefix"));
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("every entity type's fields, usage fields included, have a column of their value type and "
            + "nullability, beside doc, version and id, in the migrated schema")
    void everyEntityFieldHasItsColumn(JdbcDialect dialect) throws Exception {
        Tables tables = new Tables(TestDatabase.PREFIX);
        try (Connection c = DATABASES.fresh(dialect).dataSource().getConnection(); Statement s = c.createStatement()) {
            for (EntityType<?> type : EntityType.all()) {
                Map<String, Column> columns = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + tables.of(type) + " WHERE 1 = 0")) {
                    ResultSetMetaData m = rs.getMetaData();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        columns.put(m.getColumnName(i).toLowerCase(Locale.ROOT),
                                new Column(m.getColumnType(i), m.isNullable(i) != ResultSetMetaData.columnNoNulls));
                    }
                }
                assertThat(columns).as("%s in %s", type, dialect).containsKeys("doc", "version", "id");
                for (EntityField<?> field : type.fields()) {
                    Column column = columns.get(field.name());
                    assertThat(column).as("column %s of %s in %s", field.name(), type, dialect).isNotNull();
                    assertThat(SQL_TYPES.get(field.valueType())).as("type of %s.%s in %s", type, field, dialect)
                            .contains(column.sqlType());
                    assertThat(column.nullable()).as("nullability of %s.%s in %s", type, field, dialect)
                            .isEqualTo(field.nullable());
                }
            }
        }
    }

    /** The JDBC types each dialect reports for a value type's column. */
    private static final Map<EntityField.ValueType, Set<Integer>> SQL_TYPES = Map.of(
            EntityField.ValueType.TEXT, Set.of(Types.VARCHAR, Types.LONGVARCHAR, Types.CHAR, Types.NVARCHAR),
            EntityField.ValueType.BOOLEAN, Set.of(Types.BOOLEAN, Types.BIT, Types.TINYINT),
            EntityField.ValueType.INSTANT, Set.of(Types.NUMERIC, Types.DECIMAL),
            EntityField.ValueType.LONG, Set.of(Types.BIGINT));

    private record Column(int sqlType, boolean nullable) {
    }
}
