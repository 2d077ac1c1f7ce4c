package dev.steward.vault;

import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import dev.steward.spi.SecretBackend;
import java.util.Optional;

/** The encrypting decorator over the Vault backend, as a host would deploy it, honours the contract. */
class EncryptedVaultSecretBackendCompatibilityTest extends VaultKitFixture {
    private static final LocalKeyEncryptionKey KEK = LocalKeyEncryptionKey.generate("tck-kek");

    @Override
    protected SecretBackend createBackend() {
        return EncryptingSecretBackend.wrap(vaultBackend(), KEK);
    }

    @Override
    protected Optional<SecretBackend> createUnreachableBackend() {
        return super.createUnreachableBackend().map(b -> EncryptingSecretBackend.wrap(b, KEK));
    }
}
