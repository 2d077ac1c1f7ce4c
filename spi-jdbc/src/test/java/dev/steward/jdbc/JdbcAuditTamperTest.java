package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.BackendUnavailableException;
import dev.steward.Steward;
import dev.steward.ValidationException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditExport;
import dev.steward.audit.AuditVerification;
import dev.steward.audit.AuditVerification.Problem;
import dev.steward.identity.Identity;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Audit rows changed behind Steward's back with raw SQL, as a database administrator could: a log
 * whose newest rows were deleted, after the newest automatic checkpoint, is reported damaged by the
 * instance that wrote it and by a fresh instance on the same database (both compare it with the
 * head row, which still records the higher count); closing signs the head and does not fail;
 * events appended after the cut and rows deleted in the middle are gaps; a row's document replaced is a damaged
 * store.
 */
class JdbcAuditTamperTest {
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    private static Steward steward(JdbcStore store) {
        return Steward.builder().store(store).auditSigner(People.signer()).checkpointInterval(10).build();
    }

    private static JdbcStore secondStore(TestDatabase db) {
        return JdbcStore.builder(db.newPool()).tablePrefix(TestDatabase.PREFIX).build();
    }

    /** @return the number of events, the newest automatic checkpoint at least three below the end */
    private static long populate(Steward steward) {
        Identity alice = People.human(steward, "alice");
        Identity bob = People.human(steward, "bob");
        for (int i = 0; i < 3; i++) {
            Identity bot = People.agent(steward, "bot" + i, alice, bob);
            People.grant(steward, bot, "repo:read", "github:acme/**", bob);
        }
        long count = steward.audit().read(0, 10_000).size();
        List<AuditCheckpoint> automatic = steward.audit().checkpoints();
        assertThat(automatic).as("automatic checkpoints").isNotEmpty();
        assertThat(automatic.get(automatic.size() - 1).sequence()).isLessThan(count - 3);
        return count;
    }

    private static void deleteEvents(TestDatabase db, String condition) throws SQLException {
        db.execute("DELETE FROM " + TestDatabase.PREFIX + "audit_events WHERE " + condition);
    }

    private static AuditVerification verifyExport(Steward steward) {
        StringWriter events = new StringWriter();
        StringWriter checkpoints = new StringWriter();
        steward.audit().export(events, checkpoints);
        return AuditExport.verifyJsonLines(new StringReader(events.toString()),
                new StringReader(checkpoints.toString()), People.signer().publicKey());
    }

    private static void assertBroken(AuditVerification v, Problem problem, long at) {
        assertThat(v.valid()).as(v.message()).isFalse();
        assertThat(v.problem()).as(v.message()).isEqualTo(problem);
        assertThat(v.firstBrokenSequence()).hasValue(at);
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("the newest audit rows deleted with SQL: TRUNCATED on this and a fresh instance, close() succeeds, later events leave a gap")
    void newestRowsDeleted(JdbcDialect dialect) throws SQLException {
        TestDatabase db = DATABASES.fresh(dialect);
        Steward writer = steward(db.store());
        long count = populate(writer);
        deleteEvents(db, "sequence >= " + (count - 3));

        assertBroken(writer.audit().verify(), Problem.TRUNCATED, count - 3);
        try (Steward fresh = steward(secondStore(db))) {
            assertBroken(fresh.audit().verify(), Problem.TRUNCATED, count - 3);
            assertBroken(verifyExport(fresh), Problem.TRUNCATED, count - 3);
        }
        assertThatCode(writer::close).doesNotThrowAnyException();

        try (Steward later = steward(secondStore(db))) {
            List<AuditCheckpoint> checkpoints = later.audit().checkpoints();
            assertThat(checkpoints.get(checkpoints.size() - 1).sequence())
                    .as("the checkpoint at close covers the end the head records").isEqualTo(count - 1);
            People.human(later, "carol");
            assertBroken(later.audit().verify(), Problem.SEQUENCE_GAP, count - 3);
            assertBroken(verifyExport(later), Problem.SEQUENCE_GAP, count - 3);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("audit rows deleted in the middle with SQL: a SEQUENCE_GAP there, on this and a fresh instance")
    void middleRowsDeleted(JdbcDialect dialect) throws SQLException {
        TestDatabase db = DATABASES.fresh(dialect);
        try (Steward writer = steward(db.store())) {
            populate(writer);
            deleteEvents(db, "sequence IN (4, 5)");
            assertBroken(writer.audit().verify(), Problem.SEQUENCE_GAP, 4);
            try (Steward fresh = steward(secondStore(db))) {
                assertBroken(fresh.audit().verify(), Problem.SEQUENCE_GAP, 4);
                assertBroken(verifyExport(fresh), Problem.SEQUENCE_GAP, 4);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("an audit row's document replaced with SQL: verify() fails as a damaged store, not as bad input")
    void emptiedDocument(JdbcDialect dialect) throws SQLException {
        TestDatabase db = DATABASES.fresh(dialect);
        try (Steward writer = steward(db.store())) {
            populate(writer);
            db.execute("UPDATE " + TestDatabase.PREFIX + "audit_events SET doc = '{}' WHERE sequence = 2");
            assertThatThrownBy(() -> writer.audit().verify()).isInstanceOf(BackendUnavailableException.class)
                    .isNotInstanceOf(ValidationException.class);
        }
    }
}
