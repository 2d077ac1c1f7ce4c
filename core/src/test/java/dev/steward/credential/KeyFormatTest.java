package dev.steward.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.steward.ValidationException;
import dev.steward.internal.credential.Base62;
import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyFormatTest {
    static final String VECTOR_ID = "0123456789ABCDEFGHIJKL";
    static final String VECTOR_SECRET = "MNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012";
    static final String VECTOR_KEY = "stw_ak_0123456789ABCDEFGHIJKL_MNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012_4HUe45";

    private static final SecureRandom RANDOM = new SecureRandom();

    static String randomKey(CredentialType type) {
        return KeyFormat.format(type, CredentialId.random(), KeyFormat.newSecret(RANDOM));
    }

    @Test
    @DisplayName("the test vector in the javadoc holds (checked independently with zlib's crc32)")
    void testVector() {
        String key = KeyFormat.format(CredentialType.API_KEY, CredentialId.of(VECTOR_ID), VECTOR_SECRET);
        assertThat(key).isEqualTo(VECTOR_KEY).hasSize(KeyFormat.LENGTH).startsWith(KeyFormat.PREFIX);
        assertThat(KeyFormat.parse(key)).contains(
                new KeyFormat.ParsedKey(CredentialType.API_KEY, CredentialId.of(VECTOR_ID), VECTOR_SECRET));
        assertThat(KeyFormat.fingerprint(key)).isEqualTo("sha256:51f7e5c11a55");
        assertThat(KeyTexts.withChecksum(key.substring(0, 73))).isEqualTo(key);
    }

    @Test
    @DisplayName("format and parse round-trip for both issued types")
    void roundTrip() {
        qt().forAll(KeyTexts.issuedTypes(), KeyTexts.base62(CredentialId.LENGTH), KeyTexts.base62(KeyFormat.SECRET_LENGTH))
                .checkAssert((type, id, secret) -> {
                    String key = KeyFormat.format(type, CredentialId.of(id), secret);
                    assertThat(key).hasSize(KeyFormat.LENGTH)
                            .isEqualTo("stw_" + type.keyCode().orElseThrow() + "_" + id + "_" + secret + "_"
                                    + key.substring(74));
                    KeyFormat.ParsedKey parsed = KeyFormat.parse(key).orElseThrow();
                    assertThat(parsed.type()).isEqualTo(type);
                    assertThat(parsed.id().value()).isEqualTo(id);
                    assertThat(parsed.secret()).isEqualTo(secret);
                    assertThat(parsed.key()).isEqualTo(key);
                    assertThat(KeyFormat.parse(new StringBuilder(key))).contains(parsed);
                    assertThat(KeyFormat.parse(CharBuffer.wrap(key))).contains(parsed);
                });
    }

    @Test
    @DisplayName("new secrets are 43 base62 characters and do not repeat")
    void newSecret() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = KeyFormat.newSecret(RANDOM);
            assertThat(secret).hasSize(KeyFormat.SECRET_LENGTH).matches("[0-9A-Za-z]{43}");
            assertThat(seen.add(secret)).isTrue();
        }
        // 43 base62 digits carry at least 256 bits.
        assertThat(KeyFormat.SECRET_LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256.0);
    }

    @Test
    @DisplayName("format refuses types Steward does not issue and malformed secrets, without echoing the secret")
    void formatRejects() {
        CredentialId id = CredentialId.random();
        String secret = KeyFormat.newSecret(RANDOM);
        for (CredentialType type : new CredentialType[] {CredentialType.STORED_SECRET, CredentialType.PUBLIC_KEY, null}) {
            assertThatThrownBy(() -> KeyFormat.format(type, id, secret)).isInstanceOf(ValidationException.class)
                    .hasMessageNotContaining(secret);
        }
        for (String bad : new String[] {null, "", secret.substring(1), secret + "0", secret.substring(1) + "-",
                secret.substring(1) + "_", secret.substring(1) + "é"}) {
            assertThatThrownBy(() -> KeyFormat.format(CredentialType.API_KEY, id, bad))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("secret: must be 43 base62 characters");
        }
        assertThatThrownBy(() -> KeyFormat.format(CredentialType.API_KEY, null, secret))
                .isInstanceOf(NullPointerException.class).hasMessageNotContaining(secret);
    }

    @Test
    @DisplayName("every single-character change of a key is rejected")
    void singleCharacterMutations() {
        // Probability that a mutation is still a key: zero. CRC-32 detects every error burst of at most
        // 32 bits, so any change of one of the 73 checked ASCII bytes changes the CRC; and 6 base62
        // digits decode to one value, so a changed checksum digit no longer equals the CRC.
        char[] replacements = {'0', '9', 'A', 'Z', 'a', 'z', '_', '-', ' ', '\n', '\0', 'é', '日', '\uD800', '０'};
        List<String> keys = List.of(VECTOR_KEY, randomKey(CredentialType.API_KEY), randomKey(CredentialType.CLIENT_SECRET));
        int tried = 0;
        for (String key : keys) {
            for (int i = 0; i < key.length(); i++) {
                char original = key.charAt(i);
                char next = Base62.ALPHABET.charAt((Math.max(Base62.digit(original), 0) + 1) % 62);
                for (char c : concat(replacements, next)) {
                    if (c != original) {
                        String mutated = key.substring(0, i) + c + key.substring(i + 1);
                        assertThat(KeyFormat.parse(mutated)).as("position %d to %s", i, (int) c).isEmpty();
                        tried++;
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(3 * 80 * 14);
    }

    @Test
    @DisplayName("a wrong type code is rejected even with a matching checksum")
    void wrongTypeCode() {
        String body = VECTOR_KEY.substring(6, 73);
        for (String code : new String[] {"xx", "AK", "Ak", "ka", "sc", "a_", "a-", "  "}) {
            assertThat(KeyFormat.parse(KeyTexts.withChecksum("stw_" + code + body))).as(code).isEmpty();
        }
        assertThat(KeyFormat.parse(KeyTexts.withChecksum("stw_cs" + body)).orElseThrow().type())
                .isEqualTo(CredentialType.CLIENT_SECRET);
    }

    @Test
    @DisplayName("a wrong prefix, separator or character class is rejected even with a matching checksum")
    void wrongLayout() {
        String b = VECTOR_KEY.substring(0, 73);
        List<String> bodies = List.of("STW_" + b.substring(4), "stw-" + b.substring(4), "sTw_" + b.substring(4),
                b.substring(0, 6) + "-" + b.substring(7), b.substring(0, 29) + "-" + b.substring(30),
                b.substring(0, 10) + "_" + b.substring(11), b.substring(0, 40) + "+" + b.substring(41),
                b.substring(0, 40) + "é" + b.substring(41));
        for (String body : bodies) {
            assertThat(KeyFormat.parse(KeyTexts.withChecksum(body))).as(body).isEmpty();
        }
        assertThat(KeyFormat.parse(b + "-" + VECTOR_KEY.substring(74))).isEmpty();
        // A checksum digit outside base62, and the checksum's digits shifted.
        assertThat(KeyFormat.parse(VECTOR_KEY.substring(0, 79) + "-")).isEmpty();
        assertThat(KeyFormat.parse(VECTOR_KEY.substring(0, 74) + "04HUe4")).isEmpty();
    }

    @Test
    @DisplayName("anything but exactly one key is rejected: null, empty, short, long, padded, repeated")
    void wrongLengths() {
        String k = VECTOR_KEY;
        List<String> inputs = List.of("", "stw_", k.substring(1), k.substring(0, 79), k + "0", k + " ", " " + k,
                k + "\n", "x" + k, k + k, k.substring(0, 73), k.substring(0, 30) + k.substring(31),
                k.substring(0, 40) + "0" + k.substring(40));
        for (String input : inputs) {
            assertThat(KeyFormat.parse(input)).as(input).isEmpty();
        }
        assertThat(KeyFormat.parse(null)).isEmpty();
        assertThat(KeyFormat.parse("s".repeat(10_000_000))).isEmpty();
        assertThat(KeyFormat.parse("\uD800".repeat(KeyFormat.LENGTH))).isEmpty();
        assertThat(KeyFormat.parse("日".repeat(KeyFormat.LENGTH))).isEmpty();
        // Found by fuzzing: 80 characters with 7 surrogate pairs in the secret once encoded to 73 bytes.
        assertThat(KeyFormat.parse("\uD83D\uDE00".repeat(KeyFormat.LENGTH / 2))).isEmpty();
        assertThat(KeyFormat.parse(VECTOR_KEY.substring(0, 30) + "\uD83D\uDE00".repeat(7) + VECTOR_KEY.substring(44)))
                .isEmpty();
    }

    @Test
    @DisplayName("a non-ASCII look-alike of a key character is rejected, whatever its low byte")
    void nonAscii() {
        // U+0173 and U+0130 have the low bytes of 's' and '0'; a full-width digit looks like one.
        for (char c : new char[] {'\u0173', '\u0130', '\uFF10', '\u00B2', '\u0660'}) {
            for (int i : new int[] {0, 7, 40, 75}) {
                String mutated = VECTOR_KEY.substring(0, i) + c + VECTOR_KEY.substring(i + 1);
                assertThat(KeyFormat.parse(mutated)).isEmpty();
                assertThat(KeyFormat.parse(new StringBuilder(mutated))).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("the fingerprint is stable, 19 characters, differs between keys and reveals no key text")
    void fingerprint() {
        String key = randomKey(CredentialType.CLIENT_SECRET);
        String fingerprint = KeyFormat.fingerprint(key);
        assertThat(fingerprint).hasSize(19).matches("sha256:[0-9a-f]{12}")
                .isEqualTo(KeyFormat.fingerprint(new StringBuilder(key)))
                .isNotEqualTo(KeyFormat.fingerprint(randomKey(CredentialType.CLIENT_SECRET)));
        String secret = KeyFormat.parse(key).orElseThrow().secret();
        for (int i = 0; i + 6 <= secret.length(); i++) {
            assertThat(fingerprint).doesNotContain(secret.substring(i, i + 6));
        }
    }

    @Test
    @DisplayName("a parsed key's toString names the type and id but never the secret")
    void parsedKeyRedactsSecret() {
        KeyFormat.ParsedKey parsed = KeyFormat.parse(VECTOR_KEY).orElseThrow();
        assertThat(parsed.toString()).isEqualTo("ParsedKey[type=API_KEY, id=" + VECTOR_ID + ", secret=redacted]")
                .doesNotContain(VECTOR_SECRET.substring(0, 8));
        assertThatThrownBy(() -> new KeyFormat.ParsedKey(CredentialType.API_KEY, CredentialId.of(VECTOR_ID), "short"))
                .isInstanceOf(ValidationException.class).hasMessageNotContaining("short");
        assertThatThrownBy(() -> new KeyFormat.ParsedKey(CredentialType.PUBLIC_KEY, CredentialId.of(VECTOR_ID),
                VECTOR_SECRET)).isInstanceOf(ValidationException.class);
    }

    private static char[] concat(char[] chars, char last) {
        char[] out = java.util.Arrays.copyOf(chars, chars.length + 1);
        out[chars.length] = last;
        return out;
    }
}
