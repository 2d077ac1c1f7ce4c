package dev.steward.credential;

import dev.steward.ValidationException;
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

    /** Checks the id's format. */
    public CredentialId {
        if (!isWellFormed(value)) {
            throw new ValidationException("credentialId", "must be " + LENGTH + " base62 characters");
        }
    }

    /** @param value the id's text @return the id */
    public static CredentialId of(String value) {
        return new CredentialId(value);
    }

    /** @return a new random id */
    public static CredentialId random() {
        return new CredentialId(Base62.random(RANDOM, LENGTH));
    }

    /** @param value a candidate id @return whether it is 22 base62 characters */
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
