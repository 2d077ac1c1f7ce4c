package dev.steward.spi;

/**
 * The host's key-encryption key, which wraps the data keys that encrypt secret material at rest
 * (envelope encryption). It may hold several keys so that keys can rotate: {@link #keyId()} names
 * the one new data keys are wrapped with, and {@link #unwrap(String, byte[])} accepts any key it
 * still holds. Implementations keep their key material out of {@code toString}, logs and
 * exceptions, and are thread-safe.
 */
public interface KeyEncryptionKey {
    /** @return the id of the key that wraps new data keys */
    String keyId();

    /**
     * @param dataKey a data key to wrap; not retained
     * @return the wrapped key, to store beside the ciphertext
     */
    byte[] wrap(byte[] dataKey);

    /**
     * @param keyId the id recorded when the data key was wrapped
     * @param wrapped the wrapped data key
     * @return the data key
     * @throws dev.steward.StewardException if the key id is unknown or the wrapped key is not authentic
     */
    byte[] unwrap(String keyId, byte[] wrapped);
}
