package dev.steward.spi;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where secret material lives: passwords and third-party tokens that identities may use. Steward
 * never keeps such material in its store, only a {@link SecretRef}. A backend implements this and
 * proves it with the TCK; wrap it in {@link dev.steward.secret.EncryptingSecretBackend} to keep
 * material encrypted at rest under a key the host holds.
 *
 * <p>Every method throws {@link dev.steward.BackendUnavailableException} when the backend cannot be
 * reached, and {@link dev.steward.ConflictException} when a check-and-set fails. Messages never
 * carry secret material. Implementations are thread-safe.
 */
public interface SecretBackend {
    /** @return what this backend supports */
    SecretBackendCapabilities capabilities();

    /**
     * Writes a new version. Versions of a reference are numbered from 1, one up per write; a number
     * is never reused, even after its version was deleted or destroyed.
     *
     * @param ref where
     * @param value the material; the caller may wipe it after the call
     * @param expectedVersion check-and-set: the current latest version (0 when the secret must not
     *     exist yet); empty to write unconditionally
     * @return the new version number
     * @throws dev.steward.ConflictException if {@code expectedVersion} is not the current version
     * @throws dev.steward.ValidationException if {@code expectedVersion} is negative
     */
    long put(SecretRef ref, byte[] value, OptionalLong expectedVersion);

    /**
     * @param ref where
     * @return the latest readable version, if any
     */
    Optional<SecretVersion> get(SecretRef ref);

    /**
     * @param ref where
     * @param version which version
     * @return that version, if it exists and is readable (not deleted or destroyed); empty for 0 or
     *     a negative number
     */
    Optional<SecretVersion> get(SecretRef ref, long version);

    /**
     * @param ref where
     * @return every version's metadata, oldest first; empty if the secret does not exist
     */
    List<SecretVersionInfo> versions(SecretRef ref);

    /**
     * Soft-deletes one version where supported, so it can no longer be read; destroys it otherwise.
     * Deleting a version again, or one that does not exist, changes nothing.
     *
     * @param ref where
     * @param version which version
     */
    void delete(SecretRef ref, long version);

    /**
     * Destroys the material of every version for good; the metadata may remain. Destroying a
     * secret that does not exist changes nothing.
     *
     * @param ref where
     */
    void destroy(SecretRef ref);

    /** @return a short name for messages */
    default String name() {
        return getClass().getSimpleName();
    }
}
