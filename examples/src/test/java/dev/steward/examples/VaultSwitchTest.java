package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.memory.InMemorySecretBackend;
import dev.steward.vault.FakeVault;
import dev.steward.vault.VaultSecretBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The stories keep their secrets in Vault when an address and a token are configured, and run the same. */
class VaultSwitchTest {
    @Test
    void theStoriesRunOnVaultWhenAnAddressAndATokenAreConfigured() throws Exception {
        assertThat(ExampleSecrets.backend(Clock.systemUTC())).isInstanceOf(InMemorySecretBackend.class);
        try (FakeVault vault = FakeVault.start()) {
            System.setProperty("steward.vault.addr", vault.address().toString());
            System.setProperty("steward.vault.token", vault.rootToken());
            assertThat(ExampleSecrets.backend(Clock.systemUTC())).isInstanceOf(VaultSecretBackend.class);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            Scenarios.Outcomes outcomes = Scenarios.runAll(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            assertThat(outcomes).isNotNull();
            assertThat(buffer.toString(StandardCharsets.UTF_8)).isNotBlank();
        } finally {
            System.clearProperty("steward.vault.addr");
            System.clearProperty("steward.vault.token");
        }
    }
}
