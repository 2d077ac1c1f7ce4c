package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditExport;
import dev.steward.audit.AuditVerification;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemoryStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    private final InMemoryStore store = InMemoryStore.create();

    private String exportEvents(Steward steward) {
        StringWriter w = new StringWriter();
        steward.audit().exportJsonLines(w);
        return w.toString();
    }

    private String exportCheckpoints(Steward steward) {
        StringWriter w = new StringWriter();
        steward.audit().exportCheckpoints(w);
        return w.toString();
    }

    private static AuditVerification verify(String events, String checkpoints, byte[] key) {
        return AuditExport.verifyJsonLines(new StringReader(events), new StringReader(checkpoints), key);
    }

    @Test
    @DisplayName("checkpoints are signed every N events and at close; an export verifies with the public key alone")
    @SuppressWarnings("try") // closes the fixture inside its try on purpose: the export is read after close
    void checkpointsAndExport() {
        byte[] key;
        String events;
        String checkpoints;
        Fixture f = new Fixture(store, b -> b.checkpointInterval(10));
        try (f) {
            Identity alice = f.human("alice");
            Identity bob = f.human("bob");
            for (int i = 0; i < 8; i++) {
                Identity bot = f.agent("bot" + i, alice, bob);
                f.grant(bot, "repo:read", "github:acme/**", bob);
                f.authorize(bot, "repo:read", "github:acme/api");
            }
            assertThat(f.steward.audit().verify().valid()).isTrue();
            List<AuditCheckpoint> before = f.steward.audit().checkpoints();
            assertThat(before).hasSizeGreaterThanOrEqualTo(4);
            key = f.steward.audit().publicKey();
        }
        events = exportEvents(f.steward);
        checkpoints = exportCheckpoints(f.steward);
        String[] lines = events.split("\n");
        List<AuditCheckpoint> all = AuditExport.readCheckpoints(new StringReader(checkpoints));
        assertThat(all.get(all.size() - 1).sequence()).as("close() checkpoints the head").isEqualTo(lines.length - 1);
        assertThat(verify(events, checkpoints, key).valid()).isTrue();

        String truncated = String.join("\n", Arrays.copyOf(lines, lines.length - 1)) + "\n";
        AuditVerification cut = verify(truncated, checkpoints, key);
        assertThat(cut.problem()).isEqualTo(AuditVerification.Problem.TRUNCATED);

        byte[] otherKey = dev.steward.audit.AuditSigners.generateEd25519().publicKey();
        assertThat(verify(events, checkpoints, otherKey).problem())
                .isEqualTo(AuditVerification.Problem.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    @DisplayName("a tampered event in the store is found at its exact position")
    void tamperedStoreIsDetected() {
        try (Fixture f = new Fixture(store, b -> { })) {
            Identity alice = f.human("alice");
            Identity bob = f.human("bob");
            f.agent("bot", alice, bob);
            String events = exportEvents(f.steward);
            String[] lines = events.split("\n");
            lines[2] = lines[2].replace("\"IDENTITY_REGISTERED\"", "\"IDENTITY_APPROVED\"");
            AuditVerification v = AuditExport.verifyJsonLines(new StringReader(String.join("\n", lines)));
            assertThat(v.valid()).isFalse();
            assertThat(v.firstBrokenSequence()).hasValue(2);
        }
    }

    @Test
    @DisplayName("a checkpoint on demand covers the newest event; a trail gathers a tool call's events")
    void checkpointOnDemandAndTrail() {
        try (Fixture f = new Fixture(store, b -> { })) {
            Identity alice = f.human("alice");
            Identity bob = f.human("bob");
            Identity bot = f.agent("bot", alice, bob);
            f.grant(bot, "repo:read", "github:acme/**", bob);
            f.steward.guard(bot.id()).call("repo:read", "github:acme/api", "tool-call-9", () -> "ok");
            assertThat(f.steward.audit().checkpoints()).isEmpty();
            f.steward.audit().checkpoint();
            List<AuditCheckpoint> checkpoints = f.steward.audit().checkpoints();
            assertThat(checkpoints).hasSize(1);
            assertThat(checkpoints.get(0).sequence()).isEqualTo(f.steward.audit().read(0, 1000).size() - 1);
            f.steward.audit().checkpoint();
            assertThat(f.steward.audit().checkpoints()).as("no second checkpoint over the same head").hasSize(1);
            assertThat(f.steward.audit().trail("tool-call-9")).extracting(dev.steward.audit.AuditEvent::action)
                    .containsExactly(dev.steward.audit.AuditAction.ACCESS_DECIDED,
                            dev.steward.audit.AuditAction.TOOL_CALL_COMPLETED);
        }
    }
}
