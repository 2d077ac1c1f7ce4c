package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ConflictException;
import dev.steward.InvalidTransitionException;
import dev.steward.Steward;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialQuery;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.IssuedCredential;
import dev.steward.identity.Identity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A credential has at most one successor on {@link JdbcStore}: eight threads rotating one API key at
 * once leave exactly one successor and one active key in the chain, every other rotation fails
 * with a typed conflict or invalid transition; and the schema's unique {@code predecessor_id}
 * refuses a second successor even when written by raw SQL past Steward's own checks.
 */
class JdbcConcurrentRotationTest {
    private static final int THREADS = 8;
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("8 concurrent rotations of one key: one successor, one active key, the rest typed failures")
    void concurrentRotationsLeaveOneSuccessor(JdbcDialect dialect) throws Exception {
        TestDatabase db = DATABASES.fresh(dialect);
        try (Steward steward = People.steward(db.store())) {
            Identity alice = People.human(steward, "alice");
            Identity bob = People.human(steward, "bob");
            Identity bot = People.agent(steward, "bot", alice, bob);
            IssuedCredential first = steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("ci"),
                    alice.asActor());
            CredentialId original = first.credential().id();

            CyclicBarrier together = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<IssuedCredential> rotated = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            try {
                List<Future<IssuedCredential>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    results.add(pool.submit(() -> {
                        together.await();
                        return steward.credentials().rotateKey(original, alice.asActor(), "scheduled");
                    }));
                }
                for (Future<IssuedCredential> f : results) {
                    try {
                        rotated.add(f.get(60, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(rotated).as("exactly one rotation succeeds").hasSize(1);
            assertThat(failures).hasSize(THREADS - 1).allSatisfy(e -> assertThat(e)
                    .isInstanceOfAny(ConflictException.class, InvalidTransitionException.class));
            List<Credential> chain = steward.credentials().query(CredentialQuery.all().identity(bot.id())).items();
            assertThat(chain).hasSize(2);
            assertThat(chain).filteredOn(c -> c.status() == CredentialStatus.ACTIVE).singleElement()
                    .satisfies(c -> {
                        assertThat(c.id()).isEqualTo(rotated.get(0).credential().id());
                        assertThat(c.predecessor()).contains(original);
                    });
            assertThat(steward.credentials().get(original).status()).isEqualTo(CredentialStatus.ROTATED);
            assertThat(steward.credentials().verify(new String(rotated.get(0).secret().chars())).isValid()).isTrue();
            assertThatThrownBy(() -> steward.credentials().rotateKey(original, alice.asActor(), "again"))
                    .isInstanceOf(InvalidTransitionException.class);
            assertThat(steward.audit().verify().valid()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("the unique predecessor_id alone refuses a second successor written by raw SQL")
    void uniqueIndexRefusesSecondSuccessor(JdbcDialect dialect) throws SQLException {
        TestDatabase db = DATABASES.fresh(dialect);
        try (Connection c = db.dataSource().getConnection()) {
            insertRaw(c, "cred-root-1", null);
            insertRaw(c, "cred-root-2", null);
            insertRaw(c, "cred-next-1", "cred-root-1");
            assertThatThrownBy(() -> insertRaw(c, "cred-next-2", "cred-root-1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(SqlFailures.isUniqueViolation(e))
                            .as("a unique violation, SQLState %s code %d", e.getSQLState(), e.getErrorCode())
                            .isTrue());
            insertRaw(c, "cred-next-3", "cred-root-2");
        }
    }

    private static void insertRaw(Connection c, String id, String predecessor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TestDatabase.PREFIX + "credentials (id, version, "
                + "identity_id, type, status, issued_at, use_count, predecessor_id, doc) "
                + "VALUES (?, 1, 'raw-holder', 'API_KEY', 'ACTIVE', 0, 0, ?, '{}')")) {
            ps.setString(1, id);
            ps.setString(2, predecessor);
            ps.executeUpdate();
        }
    }
}
