package dev.steward.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.SecretIntegrityException;
import dev.steward.ValidationException;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory key-encryption key: validation, wrapping, rotation, and keeping its keys to itself. */
class LocalKeyEncryptionKeyTest {
    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        key[0] = 1;
        return key;
    }

    private static byte[] dataKey() {
        byte[] dataKey = new byte[32];
        for (int i = 0; i < dataKey.length; i++) {
            dataKey[i] = (byte) (i * 7 + 3);
        }
        return dataKey;
    }

    @Test
    @DisplayName("a key that is not 32 bytes is rejected with ValidationException naming key")
    void keyLength() {
        for (int length : new int[] {0, 16, 31, 33, 64}) {
            assertThatThrownBy(() -> LocalKeyEncryptionKey.aes256("k1", new byte[length]))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("key"));
        }
    }

    @Test
    @DisplayName("a key id that is empty, too long or has other characters is rejected with ValidationException naming keyId")
    void keyIdFormat() {
        for (String id : new String[] {"", "k 1", "k/1", "k\n1", "ключ", "k".repeat(129)}) {
            assertThatThrownBy(() -> LocalKeyEncryptionKey.aes256(id, key(9)))
                    .as("key id %s", id)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("keyId"));
            assertThatThrownBy(() -> LocalKeyEncryptionKey.generate(id)).isInstanceOf(ValidationException.class);
        }
        assertThat(LocalKeyEncryptionKey.aes256("kek_2026-01.prod:eu", key(9)).keyId()).isEqualTo("kek_2026-01.prod:eu");
        assertThat(LocalKeyEncryptionKey.generate("k".repeat(128)).keyId()).hasSize(128);
    }

    @Test
    @DisplayName("wrap then unwrap gives the data key back; each wrap is 60 bytes and differs (random nonce)")
    void roundTrip() {
        LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.aes256("k1", key(9));
        byte[] first = kek.wrap(dataKey());
        byte[] second = kek.wrap(dataKey());
        assertThat(first).hasSize(60).isNotEqualTo(second);
        assertThat(kek.unwrap("k1", first)).isEqualTo(dataKey());
        assertThat(kek.unwrap("k1", second)).isEqualTo(dataKey());
        assertThatThrownBy(() -> kek.wrap(new byte[0])).isInstanceOf(ValidationException.class);
    }

    @Test
    @DisplayName("the caller's key array is copied: wiping it afterwards does not change the key")
    void keyIsCopied() {
        byte[] material = key(9);
        LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.aes256("k1", material);
        byte[] wrapped = kek.wrap(dataKey());
        Arrays.fill(material, (byte) 0);
        assertThat(kek.unwrap("k1", wrapped)).isEqualTo(dataKey());
        assertThat(LocalKeyEncryptionKey.aes256("k1", key(9)).unwrap("k1", wrapped)).isEqualTo(dataKey());
    }

    @Test
    @DisplayName("an unknown id, another key under the same id, a tampered or truncated wrap give SecretIntegrityException naming the id")
    void unwrapFailures() {
        LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.aes256("k1", key(9));
        byte[] wrapped = kek.wrap(dataKey());
        assertThatThrownBy(() -> kek.unwrap("k9", wrapped)).isInstanceOfSatisfying(SecretIntegrityException.class, e -> {
            assertThat(e.keyId()).contains("k9");
            assertThat(e.ref()).isEmpty();
            assertThat(e.reason()).contains("not held");
        });
        assertThatThrownBy(() -> LocalKeyEncryptionKey.aes256("k1", key(8)).unwrap("k1", wrapped))
                .isInstanceOf(SecretIntegrityException.class).hasMessageContaining("k1");
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= 0x40;
            assertThatThrownBy(() -> kek.unwrap("k1", tampered)).as("byte %d", i)
                    .isInstanceOf(SecretIntegrityException.class);
        }
        for (int length = 0; length < wrapped.length; length++) {
            byte[] truncated = Arrays.copyOf(wrapped, length);
            assertThatThrownBy(() -> kek.unwrap("k1", truncated)).as("length %d", length)
                    .isInstanceOf(SecretIntegrityException.class);
        }
    }

    @Test
    @DisplayName("the key id is bound: a key wrapped under one id does not unwrap under another id with the same material")
    void keyIdIsBound() {
        LocalKeyEncryptionKey a = LocalKeyEncryptionKey.aes256("a", key(9));
        LocalKeyEncryptionKey both = a.withPrevious(LocalKeyEncryptionKey.aes256("b", key(9)));
        byte[] wrapped = a.wrap(dataKey());
        assertThat(both.unwrap("a", wrapped)).isEqualTo(dataKey());
        assertThatThrownBy(() -> both.unwrap("b", wrapped)).isInstanceOf(SecretIntegrityException.class);
    }

    @Test
    @DisplayName("withPrevious wraps with the new key and unwraps with every held key; the original is unchanged")
    void rotation() {
        LocalKeyEncryptionKey k1 = LocalKeyEncryptionKey.generate("k1");
        LocalKeyEncryptionKey k2 = LocalKeyEncryptionKey.generate("k2").withPrevious(k1);
        LocalKeyEncryptionKey k3 = LocalKeyEncryptionKey.generate("k3");
        LocalKeyEncryptionKey rotated = k3.withPrevious(k2);
        byte[] underK1 = k1.wrap(dataKey());
        assertThat(rotated.keyId()).isEqualTo("k3");
        assertThat(rotated.keyIds()).containsExactly("k3", "k2", "k1");
        assertThat(rotated.unwrap("k1", underK1)).isEqualTo(dataKey());
        assertThat(rotated.unwrap("k2", k2.wrap(dataKey()))).isEqualTo(dataKey());
        assertThat(rotated.unwrap("k3", rotated.wrap(dataKey()))).isEqualTo(dataKey());
        assertThat(k3.keyIds()).containsExactly("k3");
        assertThatThrownBy(() -> k3.unwrap("k1", underK1)).isInstanceOf(SecretIntegrityException.class);
    }

    @Test
    @DisplayName("holding one key id twice is rejected with ValidationException naming previous")
    void duplicateIds() {
        LocalKeyEncryptionKey k1 = LocalKeyEncryptionKey.generate("k1");
        assertThatThrownBy(() -> LocalKeyEncryptionKey.generate("k1").withPrevious(k1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("previous"));
        assertThatThrownBy(() -> LocalKeyEncryptionKey.generate("k2").withPrevious(k1, k1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("k1");
    }

    @Test
    @DisplayName("toString and every failure show key ids only, never key material, raw, hex or base64")
    void noMaterialShown() {
        byte[] material = key(0x5A);
        LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.aes256("k2", material)
                .withPrevious(LocalKeyEncryptionKey.aes256("k1", key(0x33)));
        assertThat(kek.toString()).isEqualTo("LocalKeyEncryptionKey[keyId=k2, held=[k2, k1]]");
        Leaks.assertNotIn(kek.toString(), material);
        byte[] wrapped = kek.wrap(dataKey());
        wrapped[20] ^= 1;
        Throwable failure = catchThrowable(() -> kek.unwrap("k2", wrapped));
        assertThat(failure).isInstanceOf(SecretIntegrityException.class);
        Leaks.assertNotIn(failure, material);
        Leaks.assertNotIn(failure, dataKey());
    }
}
