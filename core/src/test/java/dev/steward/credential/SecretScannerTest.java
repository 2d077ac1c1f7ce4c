package dev.steward.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.steward.ValidationException;
import dev.steward.internal.credential.Base62;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class SecretScannerTest {
    private static final SecretScanner SCANNER = SecretScanner.create();
    private static final String KEY = KeyFormatTest.VECTOR_KEY;

    /** The findings, as the fields both finding records share. */
    private static List<String> describe(List<SecretScanner.Finding> findings) {
        List<String> out = new ArrayList<>();
        for (SecretScanner.Finding f : findings) {
            out.add(f.start() + "-" + f.end() + " " + f.type() + " " + f.credentialId() + " " + f.fingerprint());
        }
        return out;
    }

    private static List<String> describeStream(List<SecretScanner.StreamFinding> findings) {
        List<String> out = new ArrayList<>();
        for (SecretScanner.StreamFinding f : findings) {
            out.add(f.start() + "-" + f.end() + " " + f.type() + " " + f.credentialId() + " " + f.fingerprint());
        }
        return out;
    }

    private static List<String> expected(List<Integer> starts, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            KeyFormat.ParsedKey parsed = KeyFormat.parse(keys.get(i)).orElseThrow();
            out.add(starts.get(i) + "-" + (starts.get(i) + KeyFormat.LENGTH) + " " + parsed.type() + " " + parsed.id()
                    + " " + KeyFormat.fingerprint(keys.get(i)));
        }
        return out;
    }

    private static List<SecretScanner.StreamFinding> scanStream(SecretScanner scanner, String text, int chunk) {
        try {
            return scanner.scan(KeyTexts.chunked(text, chunk));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a key in a log line is found with its offsets, type, credential id and fingerprint")
    void findsKeyInLogLine() {
        String line = "2026-01-01 INFO calling api with Authorization: Bearer " + KEY + "\n";
        List<SecretScanner.Finding> findings = SCANNER.scan(line);
        int start = line.indexOf(KEY);
        assertThat(findings).containsExactly(new SecretScanner.Finding(start, start + 80, CredentialType.API_KEY,
                CredentialId.of(KeyFormatTest.VECTOR_ID), "sha256:51f7e5c11a55"));
        assertThat(line.substring(findings.get(0).start(), findings.get(0).end())).isEqualTo(KEY);
    }

    @Test
    @DisplayName("what precedes a key does not matter; a base62 character after it makes it part of a longer token")
    void boundaries() {
        for (String before : new String[] {"", "token=", "x", "xstw_", "stw_ak_", "0", "_", "é", "\uD800"}) {
            assertThat(SCANNER.scan(before + KEY)).as(before).extracting(SecretScanner.Finding::start)
                    .containsExactly(before.length());
        }
        for (String after : new String[] {"", "_", "-", " ", "\n", ".", "é", "\uDE00", "_x"}) {
            assertThat(SCANNER.scan(KEY + after)).as(after).hasSize(1);
        }
        for (String after : new String[] {"0", "a", "Z", "0 more"}) {
            assertThat(SCANNER.scan(KEY + after)).as(after).isEmpty();
        }
    }

    @Test
    @DisplayName("several keys of both types are found in order, also back to back with one separator")
    void severalKeys() {
        String other = KeyFormatTest.randomKey(CredentialType.CLIENT_SECRET);
        String text = other + " " + KEY + "\n" + KEY + "_" + other;
        assertThat(SCANNER.scan(text)).extracting(SecretScanner.Finding::start, SecretScanner.Finding::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, CredentialType.CLIENT_SECRET),
                        org.assertj.core.groups.Tuple.tuple(81, CredentialType.API_KEY),
                        org.assertj.core.groups.Tuple.tuple(162, CredentialType.API_KEY),
                        org.assertj.core.groups.Tuple.tuple(243, CredentialType.CLIENT_SECRET));
    }

    @Test
    @DisplayName("two keys that share characters are both found: one whose checksum ends in 'stw', then '_ak_...'")
    void overlappingKeys() {
        // A checksum ends in "stw" for about one secret in 62^3; search a deterministic sequence for one.
        CredentialId id = CredentialId.of(KeyFormatTest.VECTOR_ID);
        java.util.Random random = new java.util.Random(42);
        String first;
        do {
            first = KeyFormat.format(CredentialType.API_KEY, id, Base62.random(random, KeyFormat.SECRET_LENGTH));
        } while (!first.endsWith("stw"));
        String second = "stw_" + KEY.substring(4);
        String text = first.substring(0, 77) + second;
        assertThat(text.substring(0, 80)).isEqualTo(first);
        assertThat(SCANNER.scan(text)).extracting(SecretScanner.Finding::start).containsExactly(0, 77);
        assertThat(scanStream(SecretScanner.create(81), text, 3)).extracting(SecretScanner.StreamFinding::start)
                .containsExactly(0L, 77L);
    }

    @Test
    @DisplayName("near-keys are not reported: random checksum, bad layout, cut short, non-ASCII look-alike")
    void nearKeys() {
        String text = "stw_ak_0123456789ABCDEFGHIJKL_MNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012_4HUe46 "
                + KEY.substring(0, 79) + " " + KEY.replace('M', (char) ('M' + 0x100)) + " " + KEY.replace("_ak_", "_xx_")
                + " stw_ stw_ak_ " + KEY.substring(1);
        assertThat(SCANNER.scan(text)).isEmpty();
        assertThat(SCANNER.scan("")).isEmpty();
    }

    @Test
    @DisplayName("any CharSequence is scanned like its String")
    void charSequences() {
        String text = "a " + KEY + " b";
        assertThat(SCANNER.scan(new StringBuilder(text))).isEqualTo(SCANNER.scan(text)).hasSize(1);
        assertThat(SCANNER.scan(CharBuffer.wrap(text))).isEqualTo(SCANNER.scan(text));
    }

    @Test
    @DisplayName("findings carry no secret, in their fields or toString")
    void findingsHoldNoSecret() {
        SecretScanner.Finding finding = SCANNER.scan(KEY).get(0);
        String stream = scanStream(SCANNER, KEY, 80).get(0).toString();
        for (String s : new String[] {finding.toString(), stream}) {
            assertThat(s).contains(KeyFormatTest.VECTOR_ID).contains("sha256:51f7e5c11a55")
                    .doesNotContain(KeyFormatTest.VECTOR_SECRET.substring(0, 6))
                    .doesNotContain(KeyFormatTest.VECTOR_SECRET.substring(37));
        }
    }

    @Test
    @DisplayName("at every offset across read-buffer boundaries, a key is found and a longer token is not")
    void streamBoundaries() throws IOException {
        for (int bufferChars : new int[] {SecretScanner.MIN_BUFFER_CHARS, 97, 160}) {
            SecretScanner scanner = SecretScanner.create(bufferChars);
            for (int offset = 0; offset < 2 * bufferChars + 3; offset++) {
                String text = "x".repeat(offset) + KEY + (offset % 2 == 0 ? " tail" : "");
                String longer = "x".repeat(offset) + KEY + "0tail";
                for (int chunk : new int[] {1, 7, 200}) {
                    assertThat(scanStream(scanner, text, chunk)).extracting(SecretScanner.StreamFinding::start)
                            .as("buffer %d, offset %d, chunk %d", bufferChars, offset, chunk)
                            .containsExactly((long) offset);
                    assertThat(scanStream(scanner, longer, chunk)).isEmpty();
                }
            }
        }
        assertThat(SCANNER.scan(new StringReader(""))).isEmpty();
    }

    @Test
    @DisplayName("offsets in a stream count characters, not bytes, from its start")
    void streamOffsets() throws IOException {
        String filler = "é".repeat(10_000) + "\n";
        String text = filler + KEY + " " + filler + KEY;
        assertThat(SCANNER.scan(new StringReader(text))).extracting(SecretScanner.StreamFinding::start)
                .containsExactly((long) filler.length(), 2L * filler.length() + 81);
    }

    @Test
    @DisplayName("a read buffer that cannot hold a key and the character after it is refused")
    void bufferTooSmall() {
        assertThatThrownBy(() -> SecretScanner.create(KeyFormat.LENGTH)).isInstanceOf(ValidationException.class);
        assertThat(SecretScanner.create(SecretScanner.MIN_BUFFER_CHARS)).isNotNull();
    }

    @Test
    @DisplayName("property: exactly the embedded keys are found, at their offsets")
    void findsExactlyTheEmbeddedKeys() {
        qt().withExamples(2000).forAll(KeyTexts.embedded()).checkAssert(e -> assertThat(describe(SCANNER.scan(e.text())))
                .as("%s", e).isEqualTo(expected(e.starts(), e.keys())));
    }

    @Test
    @DisplayName("property: text without a key, however close, gives no finding")
    void findsNothingWithoutKeys() {
        // A random 6-digit checksum is right with probability 62^-6 (about 2e-11) per near-key.
        qt().withExamples(2000).forAll(KeyTexts.withoutKeys())
                .checkAssert(text -> assertThat(SCANNER.scan(text)).as(text).isEmpty());
    }

    @Test
    @DisplayName("property: the stream scan with a tiny buffer and tiny reads equals the text scan")
    void streamEqualsText() {
        qt().withExamples(1000)
                .forAll(Generate.oneOf(KeyTexts.embedded().map(KeyTexts.Embedded::text), KeyTexts.withoutKeys()),
                        Generate.range(SecretScanner.MIN_BUFFER_CHARS, 300), Generate.range(1, 12))
                .checkAssert((text, bufferChars, chunk) -> assertThat(
                        describeStream(scanStream(SecretScanner.create(bufferChars), text, chunk)))
                        .isEqualTo(describe(SCANNER.scan(text))));
    }
}
