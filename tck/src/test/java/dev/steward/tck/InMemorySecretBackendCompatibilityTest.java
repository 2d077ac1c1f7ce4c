package dev.steward.tck;

import dev.steward.memory.InMemorySecretBackend;
import dev.steward.spi.SecretBackend;

/** The in-memory secret backend honours the secret-backend contract. */
class InMemorySecretBackendCompatibilityTest extends SecretBackendCompatibilityKit {
    @Override
    protected SecretBackend createBackend() {
        return InMemorySecretBackend.create();
    }
}
