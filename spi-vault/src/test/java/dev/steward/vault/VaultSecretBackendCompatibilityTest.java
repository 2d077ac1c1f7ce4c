package dev.steward.vault;

import dev.steward.spi.SecretBackend;

/**
 * The Vault backend honours the secret-backend contract: against the API-faithful fake server, or
 * a real Vault when {@code STEWARD_VAULT_ADDR} and {@code STEWARD_VAULT_TOKEN} are set.
 */
class VaultSecretBackendCompatibilityTest extends VaultKitFixture {
    @Override
    protected SecretBackend createBackend() {
        return vaultBackend();
    }
}
