package dev.steward.credential;

import java.util.Objects;

/**
 * A credential Steward just issued, with its plaintext key. This is the only time the plaintext
 * exists outside the caller's own systems: hand it over, then {@link #close()} to wipe it.
 * {@code toString} shows the credential's metadata only.
 */
public final class IssuedCredential implements AutoCloseable {
    private final Credential credential;
    private final Secret secret;

    /**
     * @param credential the stored metadata
     * @param secret the plaintext key
     */
    public IssuedCredential(Credential credential, Secret secret) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** @return the stored metadata */
    public Credential credential() {
        return credential;
    }

    /** @return the plaintext key, readable until {@link #close()} */
    public Secret secret() {
        return secret;
    }

    /** Wipes the plaintext. */
    @Override
    public void close() {
        secret.close();
    }

    @Override
    public String toString() {
        return "IssuedCredential[" + credential + ", secret=redacted]";
    }
}
