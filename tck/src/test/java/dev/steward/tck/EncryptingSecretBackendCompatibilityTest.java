package dev.steward.tck;

import dev.steward.memory.InMemorySecretBackend;
import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import dev.steward.spi.SecretBackend;

/** The encrypting decorator over the in-memory backend honours the secret-backend contract. */
class EncryptingSecretBackendCompatibilityTest extends SecretBackendCompatibilityKit {
    @Override
    protected SecretBackend createBackend() {
        return EncryptingSecretBackend.wrap(InMemorySecretBackend.create(), LocalKeyEncryptionKey.generate("tck-kek"));
    }
}
