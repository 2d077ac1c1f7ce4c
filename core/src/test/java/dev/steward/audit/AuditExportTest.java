package dev.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ValidationException;
import dev.steward.audit.AuditVerification.Problem;
import dev.steward.identity.IdentityId;
import dev.steward.internal.audit.AuditCodec;
import dev.steward.spi.AuditHead;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditExportTest {
    private static final AuditLogFixture LOG = AuditLogFixture.of(1000);
    private static final byte[] KEY = LOG.signer.publicKey();
    private static final String EVENTS = AuditLogFixture.jsonLines(LOG.events);
    private static final String CHECKPOINTS = AuditLogFixture.checkpointLines(LOG.checkpoints);
    private static final byte[] EVENT_BYTES = EVENTS.getBytes(StandardCharsets.UTF_8);
    /** Byte offset of the start of each line; the last entry is the end of the file. */
    private static final int[] LINE_STARTS = lineStarts(EVENT_BYTES);

    private static AuditVerification verifyBytes(byte[] events) {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(events), StandardCharsets.UTF_8);
        return AuditExport.verifyJsonLines(reader, new StringReader(CHECKPOINTS), KEY);
    }

    private static AuditVerification verifyText(String events) {
        return AuditExport.verifyJsonLines(new StringReader(events), new StringReader(CHECKPOINTS), KEY);
    }

    private static void assertBrokenAt(AuditVerification result, long sequence, String what) {
        assertThat(result.valid()).as("%s went unnoticed", what).isFalse();
        assertThat(result.firstBrokenSequence()).as("%s: %s", what, result.message()).isEqualTo(OptionalLong.of(sequence));
    }

    private static void assertFlipDetected(int line, int offset, int mask) {
        byte[] copy = EVENT_BYTES.clone();
        copy[LINE_STARTS[line] + offset] ^= (byte) mask;
        assertBrokenAt(verifyBytes(copy), line, "line " + line + " byte " + offset + " ^ 0x" + Integer.toHexString(mask));
    }

    private static int lineLength(int line) {
        return LINE_STARTS[line + 1] - LINE_STARTS[line] - 1;
    }

    @Test
    void theIntactExportVerifiesAndReadsBackEqual() {
        assertThat(LINE_STARTS).hasSize(1001);
        assertThat(verifyText(EVENTS)).isEqualTo(AuditVerification.ok(1000));
        assertThat(verifyBytes(EVENT_BYTES)).isEqualTo(AuditVerification.ok(1000));
        assertThat(AuditExport.verifyJsonLines(new StringReader(EVENTS))).isEqualTo(AuditVerification.ok(1000));
        assertThat(AuditExport.readJsonLines(new StringReader(EVENTS))).isEqualTo(LOG.events);
        assertThat(AuditExport.readCheckpoints(new StringReader(CHECKPOINTS))).isEqualTo(LOG.checkpoints);
        assertThat(AuditExport.verifyJsonLines(new StringReader(""), new StringReader(""), KEY))
                .isEqualTo(AuditVerification.ok(0));
    }

    @Test
    void windowsLineEndsAreAccepted() {
        assertThat(verifyText(EVENTS.replace("\n", "\r\n")).valid()).isTrue();
    }

    @Test
    void theJsonFormIsStable() {
        AuditEvent e = AuditCodec.seal(new AuditEvent(0, new AuditEventId("evt-1"),
                Instant.parse("2026-03-01T09:00:00.120Z"), AuditAction.ACCESS_DECIDED, AuditOutcome.DENIED,
                IdentityId.of("agent-1"), List.of(IdentityId.of("alice")), "resource", "github:acme/api",
                "no grant\n\"quoted\"", Optional.empty(), Map.of("z", "ü", "a", "1"), "", ""), 0, AuditHead.GENESIS_HASH);

        assertThat(AuditLogFixture.jsonLines(List.of(e))).isEqualTo("{\"sequence\":0,\"id\":\"evt-1\","
                + "\"at\":\"2026-03-01T09:00:00.120Z\",\"action\":\"ACCESS_DECIDED\",\"outcome\":\"DENIED\","
                + "\"actor\":\"agent-1\",\"onBehalfOf\":[\"alice\"],\"targetType\":\"resource\","
                + "\"targetId\":\"github:acme/api\",\"reason\":\"no grant\\n\\\"quoted\\\"\",\"details\":{\"a\":\"1\","
                + "\"z\":\"ü\"},\"previousHash\":\"" + AuditHead.GENESIS_HASH + "\",\"hash\":\"" + e.hash() + "\"}\n");
        assertThat(AuditLogFixture.checkpointLines(List.of(LOG.checkpoints.get(0)))).startsWith(
                "{\"sequence\":99,\"hash\":\"" + LOG.events.get(99).hash() + "\",\"at\":\"").contains(
                "\"keyId\":\"" + LOG.signer.keyId() + "\",\"algorithm\":\"Ed25519\",\"signature\":\"");
    }

    @Test
    void flippingOneRandomByteOfAnyEventLineIsDetectedAtThatEvent() {
        Random random = new Random(42);
        int[][] flips = new int[1000][];
        for (int line = 0; line < 1000; line++) {
            flips[line] = new int[] {line, random.nextInt(lineLength(line)), 1 + random.nextInt(255)};
        }
        // The verifier is thread-safe; spread the thousand full verifications over the cores.
        IntStream.range(0, 1000).parallel().forEach(i -> assertFlipDetected(flips[i][0], flips[i][1], flips[i][2]));
    }

    @Test
    void flippingEveryByteOfSelectedLinesIsDetected() {
        int escapes = lineContaining("\\u0000");
        int emoji = lineContaining("😀");
        Random random = new Random(43);
        for (int line : new int[] {0, escapes, emoji}) {
            int[] masks = {0x01, 0x20, 0x80, 1 + random.nextInt(255)};
            IntStream.range(0, lineLength(line)).parallel()
                    .forEach(offset -> assertFlipDetected(line, offset, masks[offset % masks.length]));
        }
        // The last line is the costliest to reach (every line before it is read), so sample it.
        random.ints(40, 0, lineLength(999)).parallel().forEach(offset -> assertFlipDetected(999, offset, 0x01));
    }

    @Test
    void changingTheCaseOfAnyLetterIsDetected() {
        // Hex digits, ISO-8601 letters and \\u escapes are read case-insensitively by lenient parsers.
        int line = lineContaining("\\u001F");
        IntStream.range(0, lineLength(line)).parallel()
                .filter(offset -> Character.isLetter(EVENT_BYTES[LINE_STARTS[line] + offset]))
                .forEach(offset -> assertFlipDetected(line, offset, 0x20));
    }

    @Test
    void deletingOrSwappingLinesIsDetectedAtTheirPosition() {
        List<String> lines = EVENTS.lines().toList();
        for (int k : new int[] {0, 1, 99, 100, 500, 998}) {
            List<String> deleted = new ArrayList<>(lines);
            deleted.remove(k);
            assertBrokenAt(verifyText(String.join("\n", deleted) + "\n"), k, "deleting line " + k);
            List<String> swapped = new ArrayList<>(lines);
            java.util.Collections.swap(swapped, k, k + 1);
            assertBrokenAt(verifyText(String.join("\n", swapped) + "\n"), k, "swapping line " + k);
        }
        List<String> kept = lines.subList(0, 950);
        AuditVerification truncated = verifyText(String.join("\n", kept) + "\n");
        assertThat(truncated.problem()).isEqualTo(Problem.TRUNCATED);
        assertBrokenAt(truncated, 950, "truncation");
    }

    @Test
    void aTailRewrittenWithRecomputedHashesIsCaughtByTheCheckpoints() {
        List<AuditEvent> forged = LOG.resealedFrom(420, e -> AuditLogFixture.withReason(e, "nothing to see"));

        AuditVerification result = verifyText(AuditLogFixture.jsonLines(forged));

        assertThat(result.problem()).isEqualTo(Problem.CHECKPOINT_MISMATCH);
        assertBrokenAt(result, 499, "rewritten tail");
    }

    @Test
    void linesNotInExportedFormAreMalformedAtTheirPosition() {
        List<String> lines = EVENTS.lines().toList();
        String line = lines.get(7);
        List<String> variants = List.of(
                line.replace("{\"sequence\":7,", "{ \"sequence\":7,"),
                line + " ",
                line.replace("\"id\":", "\"id\" :"),
                line.replace("{\"sequence\":7,", "{\"sequence\":7,\"sequence\":7,"),
                line.replace("{\"sequence\":7,", "{\"sequence\":7,\"extra\":1,"),
                line.replace("\"sequence\":7", "\"sequence\":7.0"),
                line.replace("\"sequence\":7", "\"sequence\":\"7\""),
                line.replaceFirst("\"action\":\"[A-Z_]+\",", ""),
                line.replace("\"targetType\"", "\"TargetType\""),
                line.replace("T09:", "t09:"),
                line.replace("\"hash\":\"", "\"hash\":\"0"),
                "",
                "[]",
                "null",
                line + line);
        for (String variant : variants) {
            List<String> tampered = new ArrayList<>(lines);
            tampered.set(7, variant);
            AuditVerification result = verifyText(String.join("\n", tampered) + "\n");
            assertBrokenAt(result, 7, variant);
            assertThatThrownBy(() -> AuditExport.readJsonLines(new StringReader(String.join("\n", tampered))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("events line 8"));
        }
    }

    @Test
    void controlCharactersAndSeparatorsNeverBreakALine() {
        assertThat(EVENTS).contains("\\n", "\\u0000", "\u2028");
        assertThat(EVENTS.split("\n", -1)).hasSize(1001);
    }

    @Test
    void unreadableCheckpointsMakeTheLogInvalidWithoutAPosition() {
        String garbled = CHECKPOINTS.replaceFirst("\"algorithm\"", "\"algorithn\"");

        AuditVerification result = AuditExport.verifyJsonLines(new StringReader(EVENTS), new StringReader(garbled), KEY);

        assertThat(result.problem()).isEqualTo(Problem.MALFORMED);
        assertThat(result.firstBrokenSequence()).isEmpty();
        assertThat(result.message()).contains("checkpoints line 1");
        assertThatThrownBy(() -> AuditExport.readCheckpoints(new StringReader(garbled)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("checkpoints line 1"));
        AuditVerification earlierBreak = AuditExport.verifyJsonLines(
                new StringReader(EVENTS.replaceFirst("\"sequence\":3,", "\"sequence\":4,")),
                new StringReader(garbled), KEY);
        assertBrokenAt(earlierBreak, 3, "a positioned break comes before an unreadable checkpoint");
    }

    private static int lineContaining(String text) {
        List<String> lines = EVENTS.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text);
    }

    private static int[] lineStarts(byte[] bytes) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
