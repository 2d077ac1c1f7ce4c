package dev.steward.secret;

import dev.steward.SecretIntegrityException;
import dev.steward.ValidationException;
import dev.steward.spi.KeyEncryptionKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link KeyEncryptionKey} held in this process's memory: one or more AES-256 keys, each named
 * by an id. The host loads the key material from where it keeps it (a file readable only by the
 * service, a platform secret store) and builds this once at start-up:
 *
 * <pre>{@code
 * LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.aes256("kek-2026", loadKey("kek-2026"))
 *         .withPrevious(LocalKeyEncryptionKey.aes256("kek-2025", loadKey("kek-2025")));
 * }</pre>
 *
 * <p><b>Wrapping.</b> A data key is wrapped with AES-256-GCM under a random 96-bit nonce; the
 * associated data is the domain {@code "steward/kek/aes256-gcm/v1"}, a zero byte and the key id,
 * so a wrapped key presented under another id does not unwrap. The wrapped form is the nonce
 * followed by the ciphertext and the 128-bit tag (60 bytes for a 32-byte data key). AES-GCM was
 * chosen over AES key wrap (RFC 3394, {@code "AESWrap"}) because its 128-bit tag authenticates
 * more strongly than key wrap's 64-bit check value, it takes associated data that binds the key id,
 * and it is the same primitive the values are encrypted with. Its cost is the random-nonce limit:
 * one key should wrap no more than 2<sup>32</sup> data keys, which is one per secret write, so
 * rotate long before that.
 *
 * <p><b>Rotation.</b> {@link #withPrevious} returns a key-encryption key that wraps with this key
 * and also unwraps with the previous ones, so values written under an old key stay readable while
 * new ones use the new key. An id that is not held fails with a {@link SecretIntegrityException}.
 *
 * <p>The key material never leaves this object: {@code toString} shows key ids only, and messages
 * carry ids only. Immutable and thread-safe. The JCE provider keeps its own copies of the keys,
 * which this class cannot wipe.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {
    private static final byte[] DOMAIN = "steward/kek/aes256-gcm/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_KEY_ID_LENGTH = 128;

    private final String keyId;
    private final Map<String, SecretKey> keys;

    private LocalKeyEncryptionKey(String keyId, Map<String, SecretKey> keys) {
        this.keyId = keyId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * @param keyId the key's id, recorded beside every data key it wraps: 1 to 128 letters, digits
     *     and {@code . _ : -}
     * @param key32 the 32 bytes of the AES-256 key; copied, so the caller should wipe its array
     * @return a key-encryption key holding that one key
     * @throws ValidationException naming {@code keyId} or {@code key} if either is malformed
     */
    public static LocalKeyEncryptionKey aes256(String keyId, byte[] key32) {
        checkKeyId(keyId);
        Objects.requireNonNull(key32, "key32");
        if (key32.length != AesGcm.KEY_BYTES) {
            throw new ValidationException("key", "must be 32 bytes (AES-256), not " + key32.length);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(keyId, new SecretKeySpec(key32, "AES"));
        return new LocalKeyEncryptionKey(keyId, keys);
    }

    /**
     * Draws a new random key. It exists only in this object, so whatever it wraps cannot be read
     * after the process ends: for tests, and for caches that may be lost.
     *
     * @param keyId the key's id, as for {@link #aes256(String, byte[])}
     * @return a key-encryption key holding a new random key
     * @throws ValidationException naming {@code keyId} if it is malformed
     */
    public static LocalKeyEncryptionKey generate(String keyId) {
        byte[] key = AesGcm.random(AesGcm.KEY_BYTES);
        try {
            return aes256(keyId, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Adds keys that this one replaces: the result wraps with this key and unwraps with this key
     * and every key the previous ones hold.
     *
     * @param previous the keys being rotated out, newest first
     * @return a new key-encryption key; this one is unchanged
     * @throws ValidationException naming {@code previous} if a key id would be held twice
     */
    public LocalKeyEncryptionKey withPrevious(LocalKeyEncryptionKey... previous) {
        Objects.requireNonNull(previous, "previous");
        Map<String, SecretKey> all = new LinkedHashMap<>(keys);
        for (LocalKeyEncryptionKey older : previous) {
            Objects.requireNonNull(older, "previous");
            for (Map.Entry<String, SecretKey> entry : older.keys.entrySet()) {
                if (all.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                    throw new ValidationException("previous", "key id " + entry.getKey() + " is held twice");
                }
            }
        }
        return new LocalKeyEncryptionKey(keyId, all);
    }

    /** @return the id of the key that wraps new data keys */
    @Override
    public String keyId() {
        return keyId;
    }

    /** @return every key id this object can unwrap with, the current one first */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /**
     * @param dataKey a data key of at least one byte; not retained
     * @return the nonce, then the AES-GCM ciphertext and tag, under the current key
     */
    @Override
    public byte[] wrap(byte[] dataKey) {
        Objects.requireNonNull(dataKey, "dataKey");
        if (dataKey.length == 0) {
            throw new ValidationException("dataKey", "must not be empty");
        }
        byte[] nonce = AesGcm.random(AesGcm.NONCE_BYTES);
        byte[] sealed = AesGcm.seal(keys.get(keyId), nonce, aad(keyId), dataKey);
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }

    /**
     * @throws SecretIntegrityException naming the key id if it is not held, or if the wrapped key
     *     is truncated or not authentic under that key
     */
    @Override
    public byte[] unwrap(String keyId, byte[] wrapped) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(wrapped, "wrapped");
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new SecretIntegrityException(null, keyId, "key-encryption key is not held");
        }
        if (wrapped.length <= AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
            throw new SecretIntegrityException(null, keyId, "wrapped data key is truncated");
        }
        byte[] nonce = Arrays.copyOf(wrapped, AesGcm.NONCE_BYTES);
        try {
            return AesGcm.open(key, nonce, aad(keyId), wrapped, AesGcm.NONCE_BYTES, wrapped.length - AesGcm.NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new SecretIntegrityException(null, keyId, "wrapped data key is not authentic under this key");
        }
    }

    /** @return the key ids, never key material */
    @Override
    public String toString() {
        return "LocalKeyEncryptionKey[keyId=" + keyId + ", held=" + keys.keySet() + "]";
    }

    private static byte[] aad(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(DOMAIN.length + 1 + id.length).put(DOMAIN).put((byte) 0).put(id).array();
    }

    private static void checkKeyId(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        boolean ok = !keyId.isEmpty() && keyId.length() <= MAX_KEY_ID_LENGTH;
        for (int i = 0; ok && i < keyId.length(); i++) {
            char c = keyId.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
        }
        if (!ok) {
            throw new ValidationException("keyId", "must be 1 to " + MAX_KEY_ID_LENGTH
                    + " letters, digits and . _ : -");
        }
    }
}
