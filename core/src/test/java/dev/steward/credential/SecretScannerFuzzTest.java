package dev.steward.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.steward.internal.credential.Base62;
import java.io.IOException;
import java.util.List;

/**
 * Fuzzes the scanner. A normal build runs the seeds under
 * {@code src/test/resources/dev/steward/credential/SecretScannerFuzzTestInputs}; set
 * {@code JAZZER_FUZZ=1} and run one method to fuzz it.
 */
class SecretScannerFuzzTest {
    private static final SecretScanner SCANNER = SecretScanner.create();

    @FuzzTest
    void scan(FuzzedDataProvider data) throws IOException {
        int bufferChars = data.consumeInt(SecretScanner.MIN_BUFFER_CHARS, 400);
        int chunk = data.consumeInt(1, 100);
        String text = data.consumeRemainingAsString();
        List<SecretScanner.Finding> findings = SCANNER.scan(text);
        int previous = -1;
        for (SecretScanner.Finding f : findings) {
            assertThat(f.start()).isGreaterThan(previous);
            previous = f.start();
            String slice = text.substring(f.start(), f.end());
            KeyFormat.ParsedKey key = KeyFormat.parse(slice).orElseThrow();
            assertThat(key.type()).isEqualTo(f.type());
            assertThat(key.id()).isEqualTo(f.credentialId());
            assertThat(KeyFormat.fingerprint(slice)).isEqualTo(f.fingerprint());
            assertThat(f.end() == text.length() || Base62.digit(text.charAt(f.end())) < 0).isTrue();
        }
        List<SecretScanner.StreamFinding> streamed = SecretScanner.create(bufferChars).scan(KeyTexts.chunked(text, chunk));
        assertThat(streamed).hasSameSizeAs(findings);
        for (int i = 0; i < findings.size(); i++) {
            SecretScanner.Finding f = findings.get(i);
            assertThat(streamed.get(i)).isEqualTo(new SecretScanner.StreamFinding(
                    f.start(), f.end(), f.type(), f.credentialId(), f.fingerprint()));
        }
    }
}
