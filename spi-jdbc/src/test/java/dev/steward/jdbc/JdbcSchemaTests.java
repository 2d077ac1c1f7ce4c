package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.identity.Identity;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema: applied by Flyway (again without effect), or by the host's own tool from
 * {@link JdbcSchema#script}; table prefixes keep two Steward schemas apart in one database; the
 * dialect is recognised; a prefix that could inject SQL is refused.
 */
class JdbcSchemaTests {
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
        assertThat(JdbcSchema.builder().tablePrefix(TestDatabase.PREFIX).build().migrate(pool)).as("migrating a current schema again").isEqualTo(dialect);

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
}
