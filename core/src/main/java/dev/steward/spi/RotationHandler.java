package dev.steward.spi;

import dev.steward.credential.Credential;
import dev.steward.credential.Secret;

/**
 * Changes a {@link dev.steward.credential.CredentialType#STORED_SECRET} at the system it belongs to
 * (a database role's password, a third-party token), so that Steward can rotate it. Supplied by
 * the host through the builder. Implementations are thread-safe and never log the secrets.
 */
public interface RotationHandler {
    /**
     * @param credential a stored-secret credential
     * @return whether this handler can rotate it
     */
    boolean supports(Credential credential);

    /**
     * Sets a new secret at the target system.
     *
     * @param credential the credential being rotated
     * @param current the secret in use now
     * @return the new secret, already in effect at the target
     */
    Secret rotate(Credential credential, Secret current);
}
