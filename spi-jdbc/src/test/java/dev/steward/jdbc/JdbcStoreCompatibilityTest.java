package dev.steward.jdbc;

import dev.steward.spi.GovernanceStore;
import dev.steward.tck.GovernanceStoreCompatibilityKit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcStore} passes the store TCK unchanged on H2, PostgreSQL and MariaDB. */
class JdbcStoreCompatibilityTest {
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    @Nested
    class OnH2 extends GovernanceStoreCompatibilityKit {
        @Override
        protected GovernanceStore createStore() {
            return DATABASES.fresh(JdbcDialect.H2).store();
        }
    }

    @Nested
    class OnPostgresql extends GovernanceStoreCompatibilityKit {
        @Override
        protected GovernanceStore createStore() {
            return DATABASES.fresh(JdbcDialect.POSTGRESQL).store();
        }
    }

    @Nested
    class OnMariadb extends GovernanceStoreCompatibilityKit {
        @Override
        protected GovernanceStore createStore() {
            return DATABASES.fresh(JdbcDialect.MARIADB).store();
        }
    }
}
