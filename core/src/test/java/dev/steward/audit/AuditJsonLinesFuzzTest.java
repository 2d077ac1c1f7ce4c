package dev.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.steward.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the auditor-facing JSON Lines readers: whatever the files hold, verification returns a
 * result and reading fails only with a {@link ValidationException}. The normal build replays the
 * seeds in {@code AuditJsonLinesFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class AuditJsonLinesFuzzTest {
    private static final byte[] KEY = AuditSigners.ed25519(AuditLogFixture.PRIVATE_KEY).publicKey();

    @Test
    void theSeedsAreRealExportsSoFuzzingStartsFromDeepInsideTheFormat() throws IOException {
        assertThat(verifySeed("valid_log_with_checkpoint")).isEqualTo(AuditVerification.ok(3));
        assertThat(verifySeed("valid_log_without_checkpoints")).isEqualTo(AuditVerification.ok(3));
        assertThat(verifySeed("truncated_log").problem()).isEqualTo(AuditVerification.Problem.TRUNCATED);
    }

    private AuditVerification verifySeed(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "AuditJsonLinesFuzzTestInputs/verifyJsonLinesNeverThrows/" + name)) {
            String[] files = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\0", -1);
            return AuditExport.verifyJsonLines(new StringReader(files[0]),
                    new StringReader(files.length > 1 ? files[1] : ""), KEY);
        }
    }

    /**
     * Input: the events file, a NUL byte, then the checkpoints file, in UTF-8; or, after a leading
     * 0xFF byte, in UTF-16, which reaches strings with unpaired surrogates that UTF-8 cannot.
     */
    @FuzzTest(maxDuration = "2m")
    void verifyJsonLinesNeverThrows(byte[] input) {
        String text = input.length > 0 && input[0] == (byte) 0xFF
                ? new String(input, 1, input.length - 1, StandardCharsets.UTF_16BE)
                : new String(input, StandardCharsets.UTF_8);
        int split = text.indexOf('\0');
        String events = split < 0 ? text : text.substring(0, split);
        String checkpoints = split < 0 ? "" : text.substring(split + 1);

        AuditVerification result = AuditExport.verifyJsonLines(new StringReader(events),
                new StringReader(checkpoints), KEY);

        assertThat(result.valid()).isEqualTo(result.problem() == AuditVerification.Problem.NONE);
        if (result.valid()) {
            assertThat(AuditExport.verifyJsonLines(new StringReader(events)).valid()).isTrue();
        }
        try {
            assertThat(AuditExport.readJsonLines(new StringReader(events))).isNotNull();
        } catch (ValidationException expected) {
            assertThat(expected.field()).startsWith("events line ");
        }
    }
}
