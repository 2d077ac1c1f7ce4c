package dev.steward.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * Fuzzes the key parser. A normal build runs the seeds under
 * {@code src/test/resources/dev/steward/credential/KeyFormatFuzzTestInputs}; set
 * {@code JAZZER_FUZZ=1} and run one method to fuzz it.
 */
class KeyFormatFuzzTest {
    @FuzzTest
    void parse(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Optional<KeyFormat.ParsedKey> parsed = KeyFormat.parse(text);
        assertThat(KeyFormat.parse(new StringBuilder(text))).isEqualTo(parsed);
        parsed.ifPresent(key -> {
            assertThat(KeyFormat.format(key.type(), key.id(), key.secret())).isEqualTo(text);
            assertThat(KeyFormat.fingerprint(text)).hasSize(19);
        });
    }
}
