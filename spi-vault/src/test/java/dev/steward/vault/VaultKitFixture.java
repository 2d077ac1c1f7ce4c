package dev.steward.vault;

import dev.steward.tck.SecretBackendCompatibilityKit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts one Vault per kit subclass ({@link TestVault}: the fake, or the real one the environment
 * names) and builds Vault backends on it under a prefix of their own.
 */
abstract class VaultKitFixture extends SecretBackendCompatibilityKit {
    private static TestVault vault;
    private static VaultConnection connection;

    @BeforeAll
    static void startVault() {
        vault = TestVault.open();
        connection = vault.connection();
    }

    @AfterAll
    static void stopVault() {
        vault.close();
    }

    /** @return a Vault backend under a new prefix; the kit writes up to 80 versions of one secret, all listed */
    static VaultSecretBackend vaultBackend() {
        return VaultSecretBackend.builder().connection(connection).pathPrefix("steward-tck-" + UUID.randomUUID() + "/")
                .maxVersions(200).build();
    }
}
