package dev.steward.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.SecretIntegrityException;
import dev.steward.memory.InMemorySecretBackend;
import dev.steward.spi.SecretRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Whatever is stored in the inner backend, a read either returns the value that was written for
 * that reference or fails with {@link SecretIntegrityException}, and no failure shows the value.
 */
class EnvelopeIntegrityTest {
    private static final byte[] SECRET = "ghp_4f1cT0k3nThatMustNeverLeak-9Xk2LmQ7vR".getBytes(StandardCharsets.UTF_8);

    private final InMemorySecretBackend inner = InMemorySecretBackend.create();
    private final LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.generate("k1");
    private final EncryptingSecretBackend backend = EncryptingSecretBackend.wrap(inner, kek);
    private final SecretRef ref = new SecretRef("agents/code-assistant/github-token");
    private final List<Throwable> thrown = new ArrayList<>();

    @AfterEach
    void nothingThrownShowsTheSecret() {
        for (Throwable t : thrown) {
            Leaks.assertNotIn(t, SECRET);
        }
    }

    private byte[] envelope() {
        long version = backend.put(ref, SECRET, OptionalLong.empty());
        return EncryptingSecretBackendTest.stored(inner, ref, version);
    }

    /** Stores {@code blob} at {@code at} through the inner backend and reads it through the decorator. */
    private SecretIntegrityException readFails(SecretRef at, byte[] blob) {
        long version = inner.put(at, blob, OptionalLong.empty());
        Throwable failure = catchThrowable(() -> backend.get(at, version));
        if (failure != null) {
            thrown.add(failure);
        }
        assertThat(failure).as("reading a stored blob of %d bytes", blob.length)
                .isInstanceOf(SecretIntegrityException.class);
        SecretIntegrityException e = (SecretIntegrityException) failure;
        assertThat(e.ref()).contains(at);
        assertThat(e.getMessage()).contains(at.path());
        return e;
    }

    @Test
    @DisplayName("flipping any bit pattern at any byte position of the envelope fails as SecretIntegrityException")
    void everyBytePositionIsAuthenticated() {
        byte[] envelope = envelope();
        int afterKeyId = 3 + 1 + 2 + "k1".length();
        for (int position = 0; position < envelope.length; position++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] tampered = envelope.clone();
                tampered[position] ^= (byte) mask;
                SecretIntegrityException e = readFails(ref, tampered);
                if (position >= afterKeyId) {
                    assertThat(e.keyId()).as("key id at position %d", position).contains("k1");
                    assertThat(e.getMessage()).contains("k1");
                }
            }
        }
        try (var original = backend.get(ref, 1).orElseThrow()) {
            assertThat(original.value()).as("the untampered version 1").isEqualTo(SECRET);
        }
    }

    @Test
    @DisplayName("every truncation of the envelope, down to nothing, fails as SecretIntegrityException")
    void everyTruncationFails() {
        byte[] envelope = envelope();
        for (int length = 0; length < envelope.length; length++) {
            readFails(ref, Arrays.copyOf(envelope, length));
        }
        readFails(ref, Arrays.copyOf(envelope, envelope.length + 1));
    }

    @Test
    @DisplayName("random garbage, also behind a valid magic and format byte, fails as SecretIntegrityException")
    void garbageFails() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            readFails(ref, garbage);
            byte[] framed = garbage.clone();
            System.arraycopy(new byte[] {'S', 'T', 'W', 1}, 0, framed, 0, Math.min(4, framed.length));
            readFails(ref, framed);
        }
        readFails(ref, ByteBuffer.allocate(8).put(new byte[] {'S', 'T', 'W', 1}).putShort((short) 0xFFFF).array());
        readFails(ref, new byte[] {'S', 'T', 'W', 2, 0, 2, 'k', '1'});
        readFails(ref, new byte[] {'S', 'T', 'W', 1, 0, 2, (byte) 0xC3, 0x28});
        readFails(ref, new byte[] {'S', 'T', 'W', 1, 0, 2, 'k', '\n'});
    }

    @Test
    @DisplayName("an envelope copied to another reference does not decrypt there; the original still does")
    void swappedReferenceFails() {
        SecretRef other = new SecretRef("agents/other-agent/github-token");
        backend.put(other, "other".getBytes(StandardCharsets.UTF_8), OptionalLong.empty());
        byte[] envelope = envelope();
        SecretIntegrityException e = readFails(other, envelope);
        assertThat(e.keyId()).contains("k1");
        assertThat(e.reason()).contains("not authentic");
        assertThat(EncryptingSecretBackendTest.read(backend, ref)).isEqualTo(SECRET);
    }

    @Test
    @DisplayName("a key-encryption key with the same id but other material, or without the id, fails as SecretIntegrityException")
    void wrongKeyFails() {
        envelope();
        EncryptingSecretBackend sameIdOtherKey = EncryptingSecretBackend.wrap(inner, LocalKeyEncryptionKey.generate("k1"));
        EncryptingSecretBackend otherId = EncryptingSecretBackend.wrap(inner, LocalKeyEncryptionKey.generate("k2"));
        for (EncryptingSecretBackend wrong : List.of(sameIdOtherKey, otherId)) {
            Throwable failure = catchThrowable(() -> wrong.get(ref));
            if (failure != null) {
                thrown.add(failure);
            }
            assertThat(failure).isInstanceOfSatisfying(SecretIntegrityException.class, e -> {
                assertThat(e.ref()).contains(ref);
                assertThat(e.keyId()).contains("k1");
                assertThat(e.getCause()).isInstanceOf(SecretIntegrityException.class);
            });
        }
        assertThatThrownBy(() -> otherId.get(ref)).hasMessageContaining("not held");
        assertThatThrownBy(() -> sameIdOtherKey.get(ref)).hasMessageContaining("not authentic");
    }

    @Test
    @DisplayName("a failed read changes nothing: the stored versions are as before")
    void failedReadChangesNothing() {
        envelope();
        byte[] tampered = EncryptingSecretBackendTest.stored(inner, ref, 1);
        tampered[tampered.length - 1] ^= 1;
        readFails(ref, tampered);
        assertThat(inner.versions(ref)).hasSize(2).allSatisfy(i -> {
            assertThat(i.deletedAt()).isEmpty();
            assertThat(i.destroyed()).isFalse();
        });
        try (var first = backend.get(ref, 1).orElseThrow()) {
            assertThat(first.value()).isEqualTo(SECRET);
        }
    }
}
