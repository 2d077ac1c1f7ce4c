package dev.steward.tck;

import static dev.steward.tck.Samples.at;
import static dev.steward.tck.Samples.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.steward.ConflictException;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditSigners;
import dev.steward.audit.AuditVerifier;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules of the kit's "audit chain" group: the audit chain stays linear, dense and linked.
 */
abstract class AuditChainRules extends StoreKitGroup {
    private final AuditSigner signer = AuditSigners.generateEd25519();

    private List<AuditEvent> append(String... ids) {
        return store().transact(tx -> {
            List<AuditEvent> events = AuditSeal.sealAll(tx.lockAuditHead(),
                    java.util.Arrays.stream(ids).map(Samples::draft).collect(Collectors.toList()));
            tx.appendAudit(events);
            return events;
        });
    }

    @Test
    @DisplayName("lockAuditHead on an empty log gives sequence 0 and AuditHead.GENESIS_HASH")
    void emptyHead() {
        read(tx -> assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(0, AuditHead.GENESIS_HASH)));
    }

    @Test
    @DisplayName("appended events are read back identical, in order, nanoseconds and non-ASCII text included")
    void appendAndRead() {
        List<AuditEvent> all = new ArrayList<>(append("e-0", "e-1", "e-2"));
        all.addAll(store().transact(tx -> {
            List<AuditEvent> events = AuditSeal.sealAll(tx.lockAuditHead(),
                    List.of(Samples.plainDraft("e-3"), Samples.draft("e-4")));
            tx.appendAudit(events);
            return events;
        }));
        read(tx -> {
            assertThat(tx.readAudit(0, 100)).containsExactlyElementsOf(all);
            assertThat(AuditVerifier.verify(tx.readAudit(0, 100)).valid()).isTrue();
        });
    }

    @Test
    @DisplayName("after a commit the next unit's head continues from the last event")
    void headContinues() {
        List<AuditEvent> first = append("e-0", "e-1");
        read(tx -> assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(2, first.get(1).hash())));
        List<AuditEvent> second = append("e-2");
        assertThat(second.get(0).previousHash()).isEqualTo(first.get(1).hash());
        read(tx -> assertThat(tx.lockAuditHead()).isEqualTo(new AuditHead(3, second.get(0).hash())));
    }

    @Test
    @DisplayName("readAudit reads a window: from a sequence, at most limit events")
    void readWindow() {
        List<AuditEvent> all = append("e-0", "e-1", "e-2", "e-3", "e-4");
        read(tx -> {
            assertThat(tx.readAudit(2, 2)).containsExactlyElementsOf(all.subList(2, 4));
            assertThat(tx.readAudit(4, 10)).containsExactly(all.get(4));
            assertThat(tx.readAudit(0, 1)).containsExactly(all.get(0));
            assertThat(tx.readAudit(5, 10)).isEmpty();
            assertThat(tx.readAudit(50, 10)).isEmpty();
        });
    }

    @Test
    @DisplayName("an append that does not continue the chain is refused with ConflictException and the log is "
            + "unchanged")
    void brokenChainRefused() {
        List<AuditEvent> existing = append("e-0", "e-1");
        AuditEvent last = existing.get(1);
        Map<String, Function<AuditHead, List<AuditEvent>>> cases = new java.util.LinkedHashMap<>();
        cases.put("a sequence past the head", h -> List.of(AuditSeal.seal(Samples.draft("x"), h.nextSequence() + 1,
                h.lastHash())));
        cases.put("a sequence already taken", h -> List.of(AuditSeal.seal(Samples.draft("x"), h.nextSequence() - 1,
                h.lastHash())));
        cases.put("the genesis hash on a non-empty log", h -> List.of(AuditSeal.seal(Samples.draft("x"),
                h.nextSequence(), AuditHead.GENESIS_HASH)));
        cases.put("a batch whose second event skips a sequence", h -> {
            AuditEvent a = AuditSeal.seal(Samples.draft("x"), h.nextSequence(), h.lastHash());
            return List.of(a, AuditSeal.seal(Samples.draft("y"), h.nextSequence() + 2, a.hash()));
        });
        cases.put("a batch whose second event does not link to the first", h -> {
            AuditEvent a = AuditSeal.seal(Samples.draft("x"), h.nextSequence(), h.lastHash());
            return List.of(a, AuditSeal.seal(Samples.draft("y"), h.nextSequence() + 1, h.lastHash()));
        });
        cases.forEach((name, events) -> {
            assertThatThrownBy(() -> write(tx -> tx.appendAudit(events.apply(tx.lockAuditHead()))))
                    .as(name).isInstanceOf(ConflictException.class);
            read(tx -> {
                assertThat(tx.readAudit(0, 100)).as("the log after " + name).containsExactlyElementsOf(existing);
                assertThat(tx.lockAuditHead()).as("the head after " + name)
                        .isEqualTo(new AuditHead(2, last.hash()));
            });
        });
    }

    @Test
    @DisplayName("checkpoints are read back identical, in sequence order")
    void checkpointsRoundTrip() {
        List<AuditEvent> events = append("e-0", "e-1", "e-2", "e-3");
        AuditCheckpoint c1 = AuditSeal.checkpoint(events.get(1), at(Duration.ofSeconds(1)), signer);
        AuditCheckpoint c3 = AuditSeal.checkpoint(events.get(3), at(Duration.ofSeconds(2)), signer);
        write(tx -> tx.appendCheckpoint(c1));
        write(tx -> tx.appendCheckpoint(c3));
        read(tx -> {
            assertThat(tx.checkpoints()).containsExactly(c1, c3);
            assertThat(AuditVerifier.verify(tx.readAudit(0, 100), tx.checkpoints(), signer.publicKey()).valid())
                    .isTrue();
        });
    }
}
