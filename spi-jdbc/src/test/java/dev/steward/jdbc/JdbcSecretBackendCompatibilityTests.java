package dev.steward.jdbc;

import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import dev.steward.spi.SecretBackend;
import dev.steward.tck.SecretBackendCompatibilityKit;
import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JdbcSecretBackend} passes the secret-backend TCK unchanged on H2, PostgreSQL and MariaDB,
 * alone and under the encrypting decorator (the embedded default).
 */
class JdbcSecretBackendCompatibilityTests {
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    private static SecretBackend backend(JdbcDialect dialect) {
        return JdbcSecretBackend.create(DATABASES.fresh(dialect).dataSource(), TestDatabase.PREFIX, Clock.systemUTC());
    }

    private static SecretBackend encrypted(JdbcDialect dialect) {
        return EncryptingSecretBackend.wrap(backend(dialect), LocalKeyEncryptionKey.generate("tck-kek"));
    }

    @Nested
    class OnH2 extends SecretBackendCompatibilityKit {
        @Override
        protected SecretBackend createBackend() {
            return backend(JdbcDialect.H2);
        }
    }

    @Nested
    class EncryptedOnH2 extends SecretBackendCompatibilityKit {
        @Override
        protected SecretBackend createBackend() {
            return encrypted(JdbcDialect.H2);
        }
    }

    @Nested
    class OnPostgresql extends SecretBackendCompatibilityKit {
        @Override
        protected SecretBackend createBackend() {
            return backend(JdbcDialect.POSTGRESQL);
        }
    }

    @Nested
    class EncryptedOnPostgresql extends SecretBackendCompatibilityKit {
        @Override
        protected SecretBackend createBackend() {
            return encrypted(JdbcDialect.POSTGRESQL);
        }
    }

    @Nested
    class OnMariadb extends SecretBackendCompatibilityKit {
        @Override
        protected SecretBackend createBackend() {
            return backend(JdbcDialect.MARIADB);
        }
    }

    @Nested
    class EncryptedOnMariadb extends SecretBackendCompatibilityKit {
        @Override
        protected SecretBackend createBackend() {
            return encrypted(JdbcDialect.MARIADB);
        }
    }
}
