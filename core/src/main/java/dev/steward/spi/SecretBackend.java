package dev.steward.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /** The label naming the identity a secret belongs to (see {@link #put(SecretRef, byte[], OptionalLong, Map)}). */
    String LABEL_IDENTITY = "steward-identity";
    /** The label naming the credential a secret version belongs to. */
    String LABEL_CREDENTIAL = "steward-credential";

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
     * Writes a new version, as {@link #put(SecretRef, byte[], OptionalLong)} does, and hands the
     * backend labels to keep beside the secret where it can: plain, non-secret text that ties the
     * secret to what it belongs to, e.g. {@link #LABEL_IDENTITY} and {@link #LABEL_CREDENTIAL}
     * (a vault's custom metadata). Labels never change what is stored or how versions count; a
     * backend that cannot keep them ignores them, which is what this default does.
     *
     * @param ref where
     * @param value the material; the caller may wipe it after the call
     * @param expectedVersion check-and-set, as for {@link #put(SecretRef, byte[], OptionalLong)}
     * @param labels up to 16 labels; keys of 1 to 64 and values of up to 256 characters
     * @return the new version number
     * @throws dev.steward.ConflictException if {@code expectedVersion} is not the current version
     * @throws dev.steward.ValidationException if {@code expectedVersion} is negative
     */
    default long put(SecretRef ref, byte[] value, OptionalLong expectedVersion, Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        return put(ref, value, expectedVersion);
    }

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

    /**
     * The argument checks every {@link #put} makes before it touches storage, for backends to call
     * first.
     *
     * @param ref where
     * @param value the material
     * @param expectedVersion the check-and-set version
     * @throws NullPointerException if an argument is null
     * @throws dev.steward.ValidationException if {@code expectedVersion} is negative
     */
    static void checkPut(SecretRef ref, byte[] value, OptionalLong expectedVersion) {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(value, "value");
        java.util.Objects.requireNonNull(expectedVersion, "expectedVersion");
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() < 0) {
            throw new dev.steward.ValidationException("expectedVersion", "must be 0 or more");
        }
    }

    /** @return a short name for messages */
    default String name() {
        return getClass().getSimpleName();
    }
}
