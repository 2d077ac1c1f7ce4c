package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.steward.audit.AuditChain;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditExport;
import dev.steward.audit.AuditVerification;
import dev.steward.audit.AuditVerification.Problem;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemoryStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The end of the audit log: events removed from it, or rewritten there, after the newest automatic
 * checkpoint are still found, by {@code verify()} against the store's head and by an export,
 * which always ends at a checkpoint.
 */
class AuditTailTest {
    private final DamagedStore store = new DamagedStore();

    /**
     * The in-memory store as seen after raw writes to its rows: events in a range are gone, and
     * {@code rewrite} replaces what is read back. The head, kept apart from the rows, is untouched.
     */
    private static final class DamagedStore extends InterceptedStore {
        volatile long deletedFrom = Long.MAX_VALUE;
        volatile long deletedTo = Long.MAX_VALUE;
        volatile UnaryOperator<AuditEvent> rewrite = UnaryOperator.identity();

        DamagedStore() {
            super(InMemoryStore.create());
        }

        void delete(long from, long to) {
            deletedFrom = from;
            deletedTo = to;
        }

        @Override
        void before(String method, Object[] args) {
        }

        @Override
        Object after(String method, Object result) {
            if (!method.equals("readAudit")) {
                return result;
            }
            List<AuditEvent> kept = new ArrayList<>();
            for (Object o : (List<?>) result) {
                AuditEvent e = (AuditEvent) o;
                if (e.sequence() < deletedFrom || e.sequence() >= deletedTo) {
                    kept.add(rewrite.apply(e));
                }
            }
            return kept;
        }
    }

    /** A fixture whose close does not require a verifying log: these tests cut and rewrite it. */
    private Fixture fixture() {
        Fixture f = new Fixture(store, b -> b.checkpointInterval(10));
        f.auditDamagedOnPurpose();
        return f;
    }

    /** @return the number of events, with the newest automatic checkpoint at least three below the end */
    private static long populate(Fixture f) {
        Identity alice = f.human("alice");
        Identity bob = f.human("bob");
        for (int i = 0; i < 3; i++) {
            Identity bot = f.agent("bot" + i, alice, bob);
            f.grant(bot, "repo:read", "github:acme/**", bob);
            f.authorize(bot, "repo:read", "github:acme/api");
        }
        long count = f.steward.audit().read(0, 10_000).size();
        List<AuditCheckpoint> automatic = f.steward.audit().checkpoints();
        assertThat(automatic).as("automatic checkpoints").isNotEmpty();
        assertThat(automatic.get(automatic.size() - 1).sequence()).isLessThan(count - 3);
        return count;
    }

    private static String[] export(Fixture f) {
        StringWriter events = new StringWriter();
        StringWriter checkpoints = new StringWriter();
        f.steward.audit().exportJsonLines(events);
        f.steward.audit().exportCheckpoints(checkpoints);
        return new String[] {events.toString(), checkpoints.toString()};
    }

    private AuditVerification verifyExport(String events, String checkpoints) {
        return AuditExport.verifyJsonLines(new StringReader(events), new StringReader(checkpoints),
                Fixture.SIGNER.publicKey());
    }

    @Test
    @DisplayName("events deleted from the end after the newest checkpoint: verify() reports TRUNCATED, here and on a fresh instance, and close() does not fail")
    void tailDeletedAfterNewestCheckpoint() {
        Fixture f = fixture();
        long count = populate(f);
        store.delete(count - 3, Long.MAX_VALUE);

        AuditVerification v = f.steward.audit().verify();
        assertThat(v.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(v.firstBrokenSequence()).hasValue(count - 3);
        assertThatCode(f::close).doesNotThrowAnyException();
        assertThat(f.steward.audit().checkpoints().get(f.steward.audit().checkpoints().size() - 1).sequence())
                .as("close signs the end the head records").isEqualTo(count - 1);

        try (Fixture fresh = fixture()) {
            AuditVerification again = fresh.steward.audit().verify();
            assertThat(again.problem()).isEqualTo(Problem.TRUNCATED);
            assertThat(again.firstBrokenSequence()).hasValue(count - 3);
        }
    }

    @Test
    @DisplayName("an export ends at a checkpoint over its last event, so a cut tail of the file is TRUNCATED")
    void exportEndsAtCheckpoint() {
        try (Fixture f = fixture()) {
            populate(f);
            String[] export = export(f);
            String[] lines = export[0].split("\n");
            List<AuditCheckpoint> checkpoints = AuditExport.readCheckpoints(new StringReader(export[1]));
            assertThat(checkpoints.get(checkpoints.size() - 1).sequence()).isEqualTo(lines.length - 1);
            assertThat(verifyExport(export[0], export[1]).valid()).isTrue();

            String cut = String.join("\n", Arrays.copyOf(lines, lines.length - 2)) + "\n";
            AuditVerification v = verifyExport(cut, export[1]);
            assertThat(v.problem()).isEqualTo(Problem.TRUNCATED);
            assertThat(v.firstBrokenSequence()).hasValue(lines.length - 2);
        }
    }

    @Test
    @DisplayName("the export of a log whose end was deleted verifies as TRUNCATED offline")
    void exportOfCutLog() {
        try (Fixture f = fixture()) {
            long count = populate(f);
            store.delete(count - 2, Long.MAX_VALUE);
            String[] export = export(f);
            assertThat(export[0].split("\n")).hasSize((int) count - 2);
            AuditVerification v = verifyExport(export[0], export[1]);
            assertThat(v.problem()).isEqualTo(Problem.TRUNCATED);
            assertThat(v.firstBrokenSequence()).hasValue(count - 2);
        }
    }

    @Test
    @DisplayName("events appended after a cut, or a gap in the middle, are a SEQUENCE_GAP where the events are missing")
    void appendAfterCutAndMiddleGap() {
        try (Fixture f = fixture()) {
            long count = populate(f);
            store.delete(count - 2, count);
            f.human("carol");
            AuditVerification v = f.steward.audit().verify();
            assertThat(v.problem()).isEqualTo(Problem.SEQUENCE_GAP);
            assertThat(v.firstBrokenSequence()).hasValue(count - 2);

            store.delete(4, 6);
            AuditVerification middle = f.steward.audit().verify();
            assertThat(middle.problem()).isEqualTo(Problem.SEQUENCE_GAP);
            assertThat(middle.firstBrokenSequence()).hasValue(4);
            String[] export = export(f);
            assertThat(verifyExport(export[0], export[1]).firstBrokenSequence()).hasValue(4);
        }
    }

    @Test
    @DisplayName("the newest event rewritten with a fresh hash: verify() reports HEAD_MISMATCH at it")
    void tailRewrittenWithFreshHash() {
        try (Fixture f = fixture()) {
            long count = populate(f);
            store.rewrite = e -> e.sequence() != count - 1 ? e : AuditChain.seal(new AuditEvent(e.sequence(),
                    e.id(), e.at(), e.action(), e.outcome(), e.actor(), e.onBehalfOf(), e.targetType(), e.targetId(),
                    "nothing to see here", e.correlationId(), e.details(), e.previousHash(), e.hash()),
                    e.sequence(), e.previousHash());
            AuditVerification v = f.steward.audit().verify();
            assertThat(v.problem()).isEqualTo(Problem.HEAD_MISMATCH);
            assertThat(v.firstBrokenSequence()).hasValue(count - 1);
        }
    }

    @Test
    @DisplayName("export(events, checkpoints) writes a matching pair that ends at its last checkpoint")
    void matchingPair() {
        try (Fixture f = fixture()) {
            populate(f);
            StringWriter events = new StringWriter();
            StringWriter checkpoints = new StringWriter();
            f.steward.audit().export(events, checkpoints);
            String[] lines = events.toString().split("\n");
            List<AuditCheckpoint> read = AuditExport.readCheckpoints(new StringReader(checkpoints.toString()));
            assertThat(read.get(read.size() - 1).sequence()).isEqualTo(lines.length - 1);
            assertThat(verifyExport(events.toString(), checkpoints.toString()).valid()).isTrue();
        }
    }
}
