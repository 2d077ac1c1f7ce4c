package dev.steward.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Checks that secret material shows up nowhere: not raw, not as hex, not as base64 at any alignment. */
final class Leaks {
    private Leaks() {
    }

    /** @return the forms a leak of {@code secret} would take in text */
    static List<String> encodings(byte[] secret) {
        List<String> forms = new ArrayList<>();
        forms.add(HexFormat.of().formatHex(secret));
        forms.add(HexFormat.of().withUpperCase().formatHex(secret));
        for (int skip = 0; skip < 3 && secret.length - skip >= 3; skip++) {
            int whole = (secret.length - skip) / 3 * 3;
            byte[] aligned = Arrays.copyOfRange(secret, skip, skip + whole);
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(aligned));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(aligned));
        }
        forms.add(new String(secret, StandardCharsets.ISO_8859_1));
        forms.add(new String(secret, StandardCharsets.UTF_8));
        return forms;
    }

    /** Fails if {@code text} holds the secret in any of its {@link #encodings}. */
    static void assertNotIn(String text, byte[] secret) {
        for (String form : encodings(secret)) {
            assertThat(text.contains(form)).as("the text holds the secret (or an encoding of it)").isFalse();
        }
    }

    /** Fails if the stored bytes hold the secret raw, or its hex or base64 as text. */
    static void assertNotInBytes(byte[] stored, byte[] secret) {
        assertNotIn(new String(stored, StandardCharsets.ISO_8859_1), secret);
    }

    /** Fails if the exception's messages, causes or stack trace show the secret. */
    static void assertNotIn(Throwable thrown, byte[] secret) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertNotIn(trace + "\n" + thrown, secret);
    }
}
