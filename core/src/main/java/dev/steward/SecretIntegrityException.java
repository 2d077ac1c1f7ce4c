package dev.steward;

import dev.steward.spi.SecretRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored secret material could not be authenticated, so it was not returned: the ciphertext was
 * altered or truncated, it was moved from another reference, it is not an envelope at all, or it
 * was encrypted under a key-encryption key that is not held (or is not the one that wrapped it).
 * Names the reference and the key-encryption key id where known; never carries material.
 * Nothing was changed.
 */
public final class SecretIntegrityException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** The path of the reference that was read, or {@code null} when not known. */
    private final String ref;
    /** The key-encryption key id involved, or {@code null} when not known. */
    private final String keyId;
    /** What failed, without reference or key id. */
    private final String reason;

    /**
     * Creates an integrity failure.
     *
     * @param ref the reference that was read, or {@code null} when the failing component does not
     *     know it (a key-encryption key unwrapping a data key)
     * @param keyId the key-encryption key id involved, or {@code null} when it could not be read
     * @param reason what failed, in words, e.g. {@code "ciphertext is not authentic"}
     */
    public SecretIntegrityException(SecretRef ref, String keyId, String reason) {
        super(message(ref, keyId, Objects.requireNonNull(reason, "reason")));
        this.ref = ref == null ? null : ref.path();
        this.keyId = keyId;
        this.reason = reason;
    }

    /**
     * Creates an integrity failure reported by another component, such as a key-encryption key.
     *
     * @param ref the reference that was read, or {@code null} when not known
     * @param keyId the key-encryption key id involved, or {@code null} when it could not be read
     * @param reason what failed, in words
     * @param cause the component's own exception, which carries no material either
     */
    public SecretIntegrityException(SecretRef ref, String keyId, String reason, StewardException cause) {
        super(message(ref, keyId, Objects.requireNonNull(reason, "reason")), cause);
        this.ref = ref == null ? null : ref.path();
        this.keyId = keyId;
        this.reason = reason;
    }

    private static String message(SecretRef ref, String keyId, String reason) {
        StringBuilder b = new StringBuilder();
        if (ref != null) {
            b.append("secret ").append(ref.path());
        }
        if (keyId != null) {
            b.append(b.length() == 0 ? "" : ", ").append("key-encryption key ").append(keyId);
        }
        return b.append(b.length() == 0 ? "" : ": ").append(reason).toString();
    }

    /** @return the reference that was read, if known */
    public Optional<SecretRef> ref() {
        return Optional.ofNullable(ref).map(SecretRef::new);
    }

    /** @return the key-encryption key id involved, if known */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** @return what failed, without reference or key id */
    public String reason() {
        return reason;
    }
}
