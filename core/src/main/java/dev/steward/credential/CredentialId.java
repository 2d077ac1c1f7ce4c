package dev.steward.credential;

import dev.steward.ValidationException;
import dev.steward.internal.credential.Base62;
import java.security.SecureRandom;

/**
 * The id of a {@link Credential}: 22 base62 characters (128 random bits). It is the id part of
 * the keys Steward issues, so a presented key is looked up by it in constant time.
 *
 * @param value the id's text
 */
public record CredentialId(String value) implements Comparable<CredentialId> {
    /** Length of an id. */
    public static final int LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the id's format.
     *
     * @param value the id's text
     */
    public CredentialId {
        if (!isWellFormed(value)) {
            throw new ValidationException("credentialId", "must be " + LENGTH + " base62 characters");
        }
    }

    /**
     * {@return the credential id with this text}
     *
     * @param value the id's text: {@value #LENGTH} base62 characters
     * @throws ValidationException if the text is not a valid id
     */
    public static CredentialId of(String value) {
        return new CredentialId(value);
    }

    /** @return a new random id */
    public static CredentialId random() {
        return new CredentialId(Base62.random(RANDOM, LENGTH));
    }

    /**
     * {@return whether this text is a credential id: {@value #LENGTH} base62 characters}
     *
     * @param value a candidate id; may be {@code null}
     */
    public static boolean isWellFormed(String value) {
        return value != null && value.length() == LENGTH && Base62.isBase62(value, 0, LENGTH);
    }

    @Override
    public int compareTo(CredentialId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
