package dev.steward.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditLogFixture;
import dev.steward.audit.AuditOutcome;
import dev.steward.identity.IdentityId;
import dev.steward.spi.AuditHead;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditCodecTest {
    private static final AuditLogFixture LOG = AuditLogFixture.of(1000);

    private static AuditEvent event(String targetType, String targetId, String reason, Optional<String> correlation,
            List<IdentityId> onBehalfOf, Map<String, String> details) {
        return new AuditEvent(0, new AuditEventId("evt-1"), Instant.parse("2026-03-01T09:00:00.123456789Z"),
                AuditAction.ACCESS_DECIDED, AuditOutcome.ALLOWED, IdentityId.of("agent-1"), onBehalfOf, targetType,
                targetId, reason, correlation, details, "", "");
    }

    private static AuditEvent simple() {
        return event("resource", "github:acme/api", "SEC-42", Optional.of("call_1"), List.of(IdentityId.of("alice")),
                Map.of("tool", "diff"));
    }

    @Test
    void encodingFollowsTheDocumentedSpecificationForEveryEventOfTheLog() throws Exception {
        // An auditor's independent implementation of the javadoc, with JDK streams and String.getBytes.
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (AuditEvent e : LOG.events) {
            byte[] expected = specEncoding(e);
            assertThat(AuditCodec.canonical(e)).isEqualTo(expected);
            sha256.update(HexFormat.of().parseHex(e.previousHash()));
            assertThat(e.hash()).isEqualTo(HexFormat.of().formatHex(sha256.digest(expected)));
        }
    }

    @Test
    void knownAnswerPinsTheEncodingVersionOne() {
        // Computed independently (Python hashlib over the hex below); a change here breaks every auditor.
        AuditEvent sealed = AuditCodec.seal(simple(), 0, AuditHead.GENESIS_HASH);

        assertThat(HexFormat.of().formatHex(AuditCodec.canonical(sealed))).isEqualTo("01"
                + "0000000000000000" + "00000005" + "6576742d31"
                + "0000000069a40010" + "075bcd15"
                + "0000000e" + "4143434553535f44454349444544" + "00000007" + "414c4c4f574544"
                + "00000007" + "6167656e742d31" + "00000001" + "00000005" + "616c696365"
                + "00000008" + "7265736f75726365" + "0000000f" + "6769746875623a61636d652f617069"
                + "00000006" + "5345432d3432" + "01" + "00000006" + "63616c6c5f31"
                + "00000001" + "00000004" + "746f6f6c" + "00000004" + "64696666");
        assertThat(sealed.hash()).isEqualTo(AuditCodec.hash(AuditHead.GENESIS_HASH, simple()));
        assertThat(sealed.hash()).isEqualTo("6dda392e56a71fb203e81c7b5e4f11049d3450fd1583c64fc1680fbff49c1dde");
    }

    @Test
    void movingACharacterBetweenAdjacentFieldsChangesTheHash() {
        List<AuditEvent> variants = List.of(
                event("identity", "abc", "r", Optional.empty(), List.of(), Map.of()),
                event("identit", "yabc", "r", Optional.empty(), List.of(), Map.of()),
                event("identity", "ab", "cr", Optional.empty(), List.of(), Map.of()),
                event("identity", "abc", "", Optional.of("r"), List.of(), Map.of()),
                event("identity", "abc", "r", Optional.of(""), List.of(), Map.of()),
                event("identity", "abc", "r", Optional.empty(), List.of(), Map.of("ab", "c")),
                event("identity", "abc", "r", Optional.empty(), List.of(), Map.of("a", "bc")),
                event("identity", "abc", "r", Optional.empty(), List.of(), Map.of("a", "b", "c", "")),
                event("identity", "abc", "r", Optional.empty(), List.of(IdentityId.of("ab"), IdentityId.of("c")),
                        Map.of()),
                event("identity", "abc", "r", Optional.empty(), List.of(IdentityId.of("a"), IdentityId.of("bc")),
                        Map.of()),
                event("identity", "abc", "r", Optional.empty(), List.of(IdentityId.of("abc")), Map.of()));

        List<String> hashes = variants.stream().map(e -> AuditCodec.hash(AuditHead.GENESIS_HASH, e)).toList();

        assertThat(hashes).doesNotHaveDuplicates();
    }

    @Test
    void hashDependsOnThePreviousHashAndTheSequence() {
        String genesis = AuditCodec.hash(AuditHead.GENESIS_HASH, simple());
        String other = AuditCodec.hash("0".repeat(63) + "1", simple());
        AuditEvent atOne = AuditCodec.seal(simple(), 1, AuditHead.GENESIS_HASH);

        assertThat(genesis).isNotEqualTo(other).isNotEqualTo(atOne.hash()).matches("[0-9a-f]{64}");
    }

    @Test
    void unpairedSurrogatesKeepTheEncodingInjectiveButCannotBeSealed() {
        AuditEvent lone = event("t", "x", "a\uD800", Optional.empty(), List.of(), Map.of());
        AuditEvent replaced = event("t", "x", "a?", Optional.empty(), List.of(), Map.of());
        AuditEvent replacement = event("t", "x", "a\uFFFD", Optional.empty(), List.of(), Map.of());

        assertThat(List.of(AuditCodec.hash(AuditHead.GENESIS_HASH, lone),
                AuditCodec.hash(AuditHead.GENESIS_HASH, replaced),
                AuditCodec.hash(AuditHead.GENESIS_HASH, replacement))).doesNotHaveDuplicates();
        assertThatThrownBy(() -> AuditCodec.seal(lone, 0, AuditHead.GENESIS_HASH))
                .isInstanceOf(ValidationException.class).hasMessageContaining("surrogate");
    }

    @Test
    void detailsAreEncodedInCodePointOrderNotUtf16Order() {
        // TreeMap puts U+1F600 (a surrogate pair, D83D...) before U+FF21; code point order is the reverse.
        AuditEvent e = event("t", "x", "r", Optional.empty(), List.of(), Map.of("😀", "1", "\uFF21", "2"));

        byte[] encoded = AuditCodec.canonical(e);
        String text = new String(encoded, StandardCharsets.UTF_8);

        assertThat(text.indexOf("\uFF21")).isLessThan(text.indexOf("😀"));
        assertThat(encoded).isEqualTo(specEncoding(e));
    }

    @Test
    void sealSetsSequenceAndHashesAndRejectsBadArguments() {
        AuditEvent sealed = AuditCodec.seal(simple(), 7, "ab".repeat(32));

        assertThat(sealed.sequence()).isEqualTo(7);
        assertThat(sealed.previousHash()).isEqualTo("ab".repeat(32));
        assertThat(sealed.hash()).isEqualTo(AuditCodec.hash("ab".repeat(32), sealed));
        assertThat(sealed.reason()).isEqualTo(simple().reason());
        assertThatThrownBy(() -> AuditCodec.seal(simple(), -1, AuditHead.GENESIS_HASH))
                .isInstanceOf(ValidationException.class).hasMessageContaining("sequence");
        for (String bad : new String[] {"", "AB".repeat(32), "ab".repeat(31), "zz".repeat(32)}) {
            assertThatThrownBy(() -> AuditCodec.seal(simple(), 0, bad))
                    .isInstanceOfSatisfying(ValidationException.class,
                            v -> assertThat(v.field()).isEqualTo("previousHash"));
        }
    }

    @Test
    void hashingIsThreadSafe() {
        List<String> expected = LOG.events.stream().map(AuditEvent::hash).toList();

        List<String> parallel = IntStream.range(0, LOG.events.size()).parallel()
                .mapToObj(i -> AuditCodec.hash(LOG.events.get(i).previousHash(), LOG.events.get(i))).toList();

        assertThat(parallel).isEqualTo(expected);
    }

    @Test
    void largeEventsGrowTheBufferAndAreEncodedCompletely() {
        String big = "é".repeat(100_000);
        AuditEvent e = event("t", big, big, Optional.of(big), List.of(), Map.of("k", big));

        assertThat(AuditCodec.canonical(e)).isEqualTo(specEncoding(e));
        assertThat(AuditCodec.canonical(simple())).isEqualTo(specEncoding(simple()));
    }

    @Test
    void checkpointMessageIsDomainSeparatedAndFollowsTheSpecification() throws IOException {
        Instant at = Instant.parse("2026-03-01T10:00:00.5Z");
        String hash = "0f".repeat(32);

        byte[] message = AuditCodec.checkpointMessage(99, hash, at, "key-1", "Ed25519");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        writeString(out, "steward-audit-checkpoint-v1");
        out.writeLong(99);
        out.write(HexFormat.of().parseHex(hash));
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
        writeString(out, "key-1");
        writeString(out, "Ed25519");
        assertThat(message).isEqualTo(expected.toByteArray());
        assertThatThrownBy(() -> AuditCodec.checkpointMessage(99, "nothex", at, "k", "Ed25519"))
                .isInstanceOf(ValidationException.class);
    }

    /** The javadoc's encoding, written independently of the codec. */
    private static byte[] specEncoding(AuditEvent e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1);
            out.writeLong(e.sequence());
            writeString(out, e.id().value());
            out.writeLong(e.at().getEpochSecond());
            out.writeInt(e.at().getNano());
            writeString(out, e.action().name());
            writeString(out, e.outcome().name());
            writeString(out, e.actor().value());
            out.writeInt(e.onBehalfOf().size());
            for (IdentityId id : e.onBehalfOf()) {
                writeString(out, id.value());
            }
            writeString(out, e.targetType());
            writeString(out, e.targetId());
            writeString(out, e.reason());
            out.writeByte(e.correlationId().isPresent() ? 1 : 0);
            if (e.correlationId().isPresent()) {
                writeString(out, e.correlationId().get());
            }
            out.writeInt(e.details().size());
            List<Map.Entry<String, String>> details = new ArrayList<>(e.details().entrySet());
            details.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                    b.getKey().getBytes(StandardCharsets.UTF_8)));
            for (Map.Entry<String, String> d : details) {
                writeString(out, d.getKey());
                writeString(out, d.getValue());
            }
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
