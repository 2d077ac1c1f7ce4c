package dev.steward.secret;

import dev.steward.spi.PluginFailures;
import dev.steward.BackendUnavailableException;
import dev.steward.SecretIntegrityException;
import dev.steward.StewardException;
import dev.steward.spi.KeyEncryptionKey;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretBackendCapabilities;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.spi.SecretVersionInfo;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link SecretBackend} that keeps material encrypted in another backend, under a key the host
 * holds (envelope encryption):
 *
 * <pre>{@code
 * KeyEncryptionKey kek = LocalKeyEncryptionKey.aes256("kek-2026", keyBytesFromHostConfig);
 * SecretBackend secrets = EncryptingSecretBackend.wrap(vaultBackend, kek);
 * }</pre>
 *
 * <p>Each {@link #put} draws a fresh random AES-256 data key, encrypts the value with AES-256-GCM
 * under a random 96-bit nonce, has the {@link KeyEncryptionKey} wrap the data key, and stores one
 * binary envelope in the inner backend. Sizes in bytes; lengths are unsigned big-endian:
 *
 * <pre>
 *   size    field
 *   3       magic "STW" (0x53 0x54 0x57)
 *   1       format version, 0x01
 *   2       k, length of the key-encryption key id (1 to 1024)
 *   k       key-encryption key id, UTF-8, no control characters
 *   2       w, length of the wrapped data key (1 to 65535)
 *   w       wrapped data key, as {@link KeyEncryptionKey#wrap} returned it
 *   12      AES-GCM nonce
 *   n + 16  AES-GCM ciphertext of the n-byte value, then the 128-bit tag
 * </pre>
 *
 * The GCM associated data is the domain {@code "steward/secret-envelope/v1"}, a zero byte, the
 * reference's path in UTF-8, a zero byte, and the envelope's header (magic to wrapped data key).
 *
 * <p><b>What it protects against.</b> Whoever can read the inner backend's storage but does not
 * hold the key-encryption key learns nothing of the material beyond its length. Whoever can write
 * there cannot alter a value undetected: a changed, truncated or re-labelled envelope, an envelope
 * copied from another reference, one wrapped under a key the key-encryption key does not hold, or
 * anything that is not an envelope all fail to read with a {@link SecretIntegrityException} that
 * names the reference and the key id, never with a partly decrypted value.
 *
 * <p><b>What it does not protect against.</b> A version number is not bound into the envelope (the
 * inner backend assigns it after encryption), so an envelope written earlier for the same
 * reference still decrypts: a rollback to an older version, or a replay of a deleted one, is for
 * the inner backend's versioning and access control to prevent. Metadata (reference paths,
 * version numbers, timestamps, value lengths, key ids) stays in the clear, and deleting or
 * destroying is not prevented. In this process the plaintext exists while it is used; this class
 * wipes its own copies of data keys and plaintext, but not the copies the JCE provider makes
 * internally.
 *
 * <p>Keys rotate in the {@link KeyEncryptionKey}: new values are wrapped under its current
 * {@link KeyEncryptionKey#keyId()}, and each envelope records the id it was wrapped under, so old
 * values stay readable while the key-encryption key still holds that id. Writing a value again
 * re-encrypts it under the current key.
 *
 * <p>Capabilities, version numbers, check-and-set, delete and destroy are the inner backend's.
 * Failures of the inner backend pass through unchanged; a key-encryption key that fails with an
 * exception other than a {@link StewardException} is reported as a
 * {@link BackendUnavailableException} naming it. Thread-safe when the inner backend and the
 * key-encryption key are, as the SPI requires.
 */
public final class EncryptingSecretBackend implements SecretBackend {
    private final SecretBackend inner;
    private final KeyEncryptionKey kek;

    private EncryptingSecretBackend(SecretBackend inner, KeyEncryptionKey kek) {
        this.inner = inner;
        this.kek = kek;
    }

    /**
     * @param inner where the envelopes are stored
     * @param kek the key that wraps each value's data key
     * @return a backend that encrypts values before {@code inner} sees them
     */
    public static EncryptingSecretBackend wrap(SecretBackend inner, KeyEncryptionKey kek) {
        return new EncryptingSecretBackend(Objects.requireNonNull(inner, "inner"), Objects.requireNonNull(kek, "kek"));
    }

    /** @return the inner backend's capabilities */
    @Override
    public SecretBackendCapabilities capabilities() {
        return inner.capabilities();
    }

    /**
     * Encrypts the value under a fresh data key and writes the envelope to the inner backend.
     *
     * @throws dev.steward.ValidationException if the key-encryption key's id or wrapped key does
     *     not fit the envelope format
     */
    @Override
    public long put(SecretRef ref, byte[] value, OptionalLong expectedVersion) {
        return put(ref, value, expectedVersion, Map.of());
    }

    /**
     * Encrypts the value as {@link #put(SecretRef, byte[], OptionalLong)} does and hands the labels,
     * which are not secret and stay in the clear, to the inner backend.
     */
    @Override
    public long put(SecretRef ref, byte[] value, OptionalLong expectedVersion, Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        byte[] dataKey = AesGcm.random(AesGcm.KEY_BYTES);
        byte[] envelope;
        try {
            String kekId = callKek("keyId", kek::keyId);
            byte[] wrapped = callKek("wrap", () -> kek.wrap(dataKey));
            envelope = Envelope.seal(ref, kekId, wrapped, new SecretKeySpec(dataKey, "AES"), value);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
        return labels.isEmpty() ? inner.put(ref, envelope, expectedVersion)
                : inner.put(ref, envelope, expectedVersion, labels);
    }

    /**
     * {@inheritDoc}
     *
     * @throws SecretIntegrityException if the stored envelope does not decrypt for this reference
     */
    @Override
    public Optional<SecretVersion> get(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        return inner.get(ref).map(stored -> decrypt(ref, stored));
    }

    /**
     * {@inheritDoc}
     *
     * @throws SecretIntegrityException if the stored envelope does not decrypt for this reference
     */
    @Override
    public Optional<SecretVersion> get(SecretRef ref, long version) {
        Objects.requireNonNull(ref, "ref");
        return inner.get(ref, version).map(stored -> decrypt(ref, stored));
    }

    @Override
    public List<SecretVersionInfo> versions(SecretRef ref) {
        return inner.versions(ref);
    }

    @Override
    public void delete(SecretRef ref, long version) {
        inner.delete(ref, version);
    }

    @Override
    public void destroy(SecretRef ref) {
        inner.destroy(ref);
    }

    /** @return this decorator's name with the inner backend's */
    @Override
    public String name() {
        return "EncryptingSecretBackend(" + inner.name() + ")";
    }

    @Override
    public String toString() {
        return "EncryptingSecretBackend[inner=" + inner.name() + ", kek=" + kek.getClass().getSimpleName() + "]";
    }

    private SecretVersion decrypt(SecretRef ref, SecretVersion stored) {
        try (stored) {
            Envelope envelope = Envelope.parse(ref, stored.value());
            byte[] dataKey = unwrap(ref, envelope);
            byte[] plaintext = null;
            try {
                plaintext = envelope.open(new SecretKeySpec(dataKey, "AES"));
                return new SecretVersion(stored.version(), plaintext, stored.createdAt());
            } catch (GeneralSecurityException e) {
                throw new SecretIntegrityException(ref, envelope.kekId(),
                        "ciphertext is not authentic for this reference and data key");
            } finally {
                Arrays.fill(dataKey, (byte) 0);
                if (plaintext != null) {
                    Arrays.fill(plaintext, (byte) 0);
                }
            }
        }
    }

    private byte[] unwrap(SecretRef ref, Envelope envelope) {
        byte[] dataKey;
        try {
            dataKey = callKek("unwrap", () -> kek.unwrap(envelope.kekId(), envelope.wrappedKey()));
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (StewardException e) {
            String reason = e instanceof SecretIntegrityException
                    ? ((SecretIntegrityException) e).reason()
                    : "the key-encryption key refused to unwrap the data key";
            throw new SecretIntegrityException(ref, envelope.kekId(), reason, e);
        }
        if (dataKey == null || dataKey.length != AesGcm.KEY_BYTES) {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
            throw new SecretIntegrityException(ref, envelope.kekId(), "unwrapped data key is not 256 bits");
        }
        return dataKey;
    }

    /** Calls plugin code, so that its failure surfaces as a Steward exception naming it. */
    private <T> T callKek(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (Throwable e) {
            throw PluginFailures.unavailable(kek.getClass().getSimpleName(), "key-encryption key failed in " + operation,
                    e);
        }
    }
}
