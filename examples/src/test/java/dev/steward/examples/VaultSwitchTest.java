package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.vault.FakeVault;
import dev.steward.vault.VaultSecretBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stories keep their secrets in Vault when an address and a token are configured, and run the same. */
class VaultSwitchTest {
    @Test
    void theStoriesRunOnVaultWhenAnAddressAndATokenAreConfigured() throws Exception {
        assertThat(ExampleSecrets.vault()).as("not configured").isEmpty();
        try (FakeVault vault = FakeVault.start()) {
            System.setProperty("steward.vault.addr", vault.address().toString());
            System.setProperty("steward.vault.token", vault.rootToken());
            assertThat(ExampleSecrets.vault()).get().isInstanceOf(VaultSecretBackend.class);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (World world = World.inMemory()) {
                Scenarios.Outcomes outcomes = Scenarios.runAll(new PrintStream(buffer, true, StandardCharsets.UTF_8),
                        world);
                assertThat(outcomes.story6().checkoutWithGrant().allowed()).as("a stored secret checked out of Vault").isTrue();
            }
            assertThat(buffer.toString(StandardCharsets.UTF_8)).isNotBlank();
        } finally {
            System.clearProperty("steward.vault.addr");
            System.clearProperty("steward.vault.token");
        }
    }
}
