package dev.steward.jdbc;

import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import dev.steward.spi.SecretBackend;
import dev.steward.tck.SecretBackendCompatibilityKit;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JdbcSecretBackend} passes the secret-backend TCK unchanged on H2, PostgreSQL and MariaDB,
 * alone and under the encrypting decorator (the embedded default).
 */
class JdbcSecretBackendCompatibilityTest {
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    private static SecretBackend backend(JdbcDialect dialect) {
        return JdbcSecretBackend.builder(DATABASES.fresh(dialect).dataSource()).tablePrefix(TestDatabase.PREFIX).build();
    }

    private static SecretBackend encrypted(JdbcDialect dialect) {
        return EncryptingSecretBackend.wrap(backend(dialect), LocalKeyEncryptionKey.generate("tck-kek"));
    }

    /**
     * The kit on a database, with an unreachable backend for its error-mapping rule: one whose
     * connection pool gives no connection.
     */
    abstract static class OnDatabase extends SecretBackendCompatibilityKit {
        @Override
        protected Optional<SecretBackend> createUnreachableBackend() {
            SwitchableDataSource down = new SwitchableDataSource(new JdbcDataSource(), JdbcDialect.H2);
            down.off(true);
            return Optional.of(JdbcSecretBackend.builder(down).tablePrefix(TestDatabase.PREFIX).build());
        }
    }

    @Nested
    class OnH2 extends OnDatabase {
        @Override
        protected SecretBackend createBackend() {
            return backend(JdbcDialect.H2);
        }
    }

    @Nested
    class EncryptedOnH2 extends OnDatabase {
        @Override
        protected SecretBackend createBackend() {
            return encrypted(JdbcDialect.H2);
        }
    }

    @Nested
    class OnPostgresql extends OnDatabase {
        @Override
        protected SecretBackend createBackend() {
            return backend(JdbcDialect.POSTGRESQL);
        }
    }

    @Nested
    class EncryptedOnPostgresql extends OnDatabase {
        @Override
        protected SecretBackend createBackend() {
            return encrypted(JdbcDialect.POSTGRESQL);
        }
    }

    @Nested
    class OnMariadb extends OnDatabase {
        @Override
        protected SecretBackend createBackend() {
            return backend(JdbcDialect.MARIADB);
        }
    }

    @Nested
    class EncryptedOnMariadb extends OnDatabase {
        @Override
        protected SecretBackend createBackend() {
            return encrypted(JdbcDialect.MARIADB);
        }
    }
}
