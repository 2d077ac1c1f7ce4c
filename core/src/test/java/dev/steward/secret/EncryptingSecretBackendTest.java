package dev.steward.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.BackendUnavailableException;
import dev.steward.SecretIntegrityException;
import dev.steward.memory.InMemorySecretBackend;
import dev.steward.spi.KeyEncryptionKey;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Envelope encryption: what the inner backend sees, the stored format, rotation and plugin failures. */
class EncryptingSecretBackendTest {
    private static final byte[] TEXT = "correct horse battery staple / p\u00e4ss \uD83D\uDD11 0123456789abcdef"
            .getBytes(StandardCharsets.UTF_8);

    private final InMemorySecretBackend inner = InMemorySecretBackend.create();
    private final LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.generate("kek-1");
    private final EncryptingSecretBackend backend = EncryptingSecretBackend.wrap(inner, kek);
    private final SecretRef ref = new SecretRef("apps/api/db-password");

    static byte[] everyByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    static byte[] random(int length) {
        byte[] out = new byte[length];
        new Random(7).nextBytes(out);
        return out;
    }

    static byte[] read(EncryptingSecretBackend backend, SecretRef ref) {
        try (SecretVersion v = backend.get(ref).orElseThrow()) {
            return v.value();
        }
    }

    static byte[] stored(InMemorySecretBackend inner, SecretRef ref, long version) {
        try (SecretVersion v = inner.get(ref, version).orElseThrow()) {
            return v.value();
        }
    }

    static String kekIdOf(byte[] envelope) {
        int length = ByteBuffer.wrap(envelope, 4, 2).getShort();
        return new String(envelope, 6, length, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("text, every byte value and 1 MiB round-trip, and the inner backend holds none of them, raw, hex or base64")
    void roundTripsWithoutPlaintextInInner() {
        byte[][] values = {TEXT, everyByte(), random(1 << 20)};
        for (byte[] value : values) {
            long version = backend.put(ref, value, OptionalLong.empty());
            assertThat(read(backend, ref)).isEqualTo(value);
            byte[] envelope = stored(inner, ref, version);
            assertThat(envelope.length).isEqualTo(value.length + 3 + 1 + 2 + 5 + 2 + 60 + 12 + 16);
            Leaks.assertNotInBytes(envelope, value);
        }
    }

    @Test
    @DisplayName("the envelope follows the documented layout: magic, format 1, key id, wrapped key, nonce, ciphertext and tag")
    void documentedLayout() {
        backend.put(ref, TEXT, OptionalLong.empty());
        ByteBuffer in = ByteBuffer.wrap(stored(inner, ref, 1));
        byte[] magic = new byte[3];
        in.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("STW");
        assertThat(in.get()).isEqualTo((byte) 1);
        byte[] kekId = new byte[in.getShort()];
        in.get(kekId);
        assertThat(new String(kekId, StandardCharsets.UTF_8)).isEqualTo("kek-1");
        byte[] wrapped = new byte[in.getShort()];
        in.get(wrapped);
        byte[] dataKey = kek.unwrap("kek-1", wrapped);
        assertThat(dataKey).hasSize(32);
        Arrays.fill(dataKey, (byte) 0);
        in.position(in.position() + 12);
        assertThat(in.remaining()).isEqualTo(TEXT.length + 16);
    }

    @Test
    @DisplayName("every write draws a fresh data key and nonce: the same value twice gives unrelated envelopes")
    void freshKeyPerWrite() {
        backend.put(ref, TEXT, OptionalLong.empty());
        backend.put(ref, TEXT, OptionalLong.empty());
        byte[] first = stored(inner, ref, 1);
        byte[] second = stored(inner, ref, 2);
        int header = 3 + 1 + 2 + 5 + 2;
        assertThat(ByteBuffer.wrap(first, header, first.length - header))
                .isNotEqualTo(ByteBuffer.wrap(second, header, second.length - header));
        assertThat(ByteBuffer.wrap(first, first.length - TEXT.length - 16, TEXT.length + 16))
                .isNotEqualTo(ByteBuffer.wrap(second, second.length - TEXT.length - 16, TEXT.length + 16));
    }

    @Test
    @DisplayName("check-and-set, versions, delete, destroy and capabilities are the inner backend's")
    void passesThrough() {
        assertThat(backend.capabilities()).isEqualTo(inner.capabilities());
        assertThat(backend.put(ref, TEXT, OptionalLong.of(0))).isEqualTo(1);
        assertThat(backend.put(ref, TEXT, OptionalLong.of(1))).isEqualTo(2);
        backend.delete(ref, 2);
        assertThat(inner.versions(ref)).isEqualTo(backend.versions(ref));
        assertThat(inner.versions(ref).get(1).deletedAt()).isPresent();
        assertThat(backend.get(ref).orElseThrow().version()).isEqualTo(1);
        backend.destroy(ref);
        assertThat(inner.versions(ref)).allSatisfy(i -> assertThat(i.destroyed()).isTrue());
        assertThat(backend.get(ref)).isEmpty();
    }

    @Test
    @DisplayName("rotation: values under k1 read through k2-with-previous-k1, new writes use k2, and k1 alone cannot read them")
    void rotation() {
        LocalKeyEncryptionKey k1 = LocalKeyEncryptionKey.generate("k1");
        EncryptingSecretBackend before = EncryptingSecretBackend.wrap(inner, k1);
        before.put(ref, "old".getBytes(StandardCharsets.UTF_8), OptionalLong.empty());

        LocalKeyEncryptionKey k2 = LocalKeyEncryptionKey.generate("k2").withPrevious(k1);
        EncryptingSecretBackend after = EncryptingSecretBackend.wrap(inner, k2);
        assertThat(new String(read(after, ref), StandardCharsets.UTF_8)).isEqualTo("old");

        long version = after.put(ref, "new".getBytes(StandardCharsets.UTF_8), OptionalLong.of(1));
        assertThat(kekIdOf(stored(inner, ref, version))).isEqualTo("k2");
        assertThat(kekIdOf(stored(inner, ref, 1))).isEqualTo("k1");
        assertThat(new String(read(after, ref), StandardCharsets.UTF_8)).isEqualTo("new");
        try (SecretVersion old = after.get(ref, 1).orElseThrow()) {
            assertThat(new String(old.value(), StandardCharsets.UTF_8)).isEqualTo("old");
        }
        assertThatThrownBy(() -> before.get(ref)).isInstanceOfSatisfying(SecretIntegrityException.class, e -> {
            assertThat(e.keyId()).contains("k2");
            assertThat(e.ref()).contains(ref);
            assertThat(e.getMessage()).contains("not held");
        });
    }

    @Test
    @DisplayName("a key-encryption key that fails with a foreign exception is reported as BackendUnavailableException naming it")
    void pluginFailureIsWrapped() {
        backend.put(ref, TEXT, OptionalLong.empty());
        EncryptingSecretBackend broken = EncryptingSecretBackend.wrap(inner, new BrokenKek(null));
        assertThatThrownBy(() -> broken.get(ref)).isInstanceOfSatisfying(BackendUnavailableException.class,
                e -> assertThat(e.backend()).isEqualTo("BrokenKek"));
        assertThatThrownBy(() -> broken.put(ref, TEXT, OptionalLong.empty()))
                .isInstanceOf(BackendUnavailableException.class);
        assertThat(inner.versions(ref)).hasSize(1);
    }

    @Test
    @DisplayName("a key-encryption key that unwraps to a key of the wrong size gives SecretIntegrityException")
    void wrongSizeDataKey() {
        backend.put(ref, TEXT, OptionalLong.empty());
        EncryptingSecretBackend shortKeys = EncryptingSecretBackend.wrap(inner, new BrokenKek(new byte[16]));
        assertThatThrownBy(() -> shortKeys.get(ref)).isInstanceOfSatisfying(SecretIntegrityException.class,
                e -> assertThat(e.reason()).contains("256 bits"));
    }

    @Test
    @DisplayName("toString and names show no material, and no key material of the key-encryption key")
    void toStringShowsNoMaterial() {
        backend.put(ref, TEXT, OptionalLong.empty());
        try (SecretVersion v = backend.get(ref).orElseThrow()) {
            for (String shown : new String[] {backend.toString(), backend.name(), v.toString(), kek.toString()}) {
                Leaks.assertNotIn(shown, TEXT);
            }
        }
        assertThat(backend.toString()).contains("InMemorySecretBackend").contains("LocalKeyEncryptionKey");
        assertThat(backend.name()).isEqualTo("EncryptingSecretBackend(InMemorySecretBackend)");
    }

    /** A key-encryption key whose key id "kek-1" matches, but which fails or unwraps to a fixed key. */
    private static final class BrokenKek implements KeyEncryptionKey {
        private final byte[] unwrapsTo;

        BrokenKek(byte[] unwrapsTo) {
            this.unwrapsTo = unwrapsTo;
        }

        @Override
        public String keyId() {
            return "kek-1";
        }

        @Override
        public byte[] wrap(byte[] dataKey) {
            throw new IllegalStateException("hardware module offline");
        }

        @Override
        public byte[] unwrap(String keyId, byte[] wrapped) {
            if (unwrapsTo == null) {
                throw new IllegalStateException("hardware module offline");
            }
            return unwrapsTo.clone();
        }
    }
}
