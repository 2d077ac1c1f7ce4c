package dev.steward.examples;

import dev.steward.memory.InMemorySecretBackend;
import dev.steward.spi.SecretBackend;
import dev.steward.vault.VaultAuth;
import dev.steward.vault.VaultConnection;
import dev.steward.vault.VaultSecretBackend;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Where the stories keep stored secrets (always behind the encrypting decorator, see {@link World}):
 * in memory by default, or in a Vault / OpenBao KV version 2 engine when an address and a token are
 * configured, as system properties {@code steward.vault.addr} and {@code steward.vault.token} or as
 * environment variables {@code STEWARD_VAULT_ADDR} and {@code STEWARD_VAULT_TOKEN}. Optional:
 * {@code steward.vault.mount} / {@code STEWARD_VAULT_MOUNT} ({@code secret} by default) and
 * {@code steward.vault.namespace} / {@code STEWARD_VAULT_NAMESPACE}. Secrets go under
 * {@code steward-examples/}.
 */
final class ExampleSecrets {
    private ExampleSecrets() {
    }

    /**
     * @param clock the stories' clock, for the in-memory backend
     * @return the configured backend
     */
    static SecretBackend backend(Clock clock) {
        Optional<String> address = setting("steward.vault.addr", "STEWARD_VAULT_ADDR");
        Optional<String> token = setting("steward.vault.token", "STEWARD_VAULT_TOKEN");
        if (address.isEmpty() || token.isEmpty()) {
            return InMemorySecretBackend.create(clock);
        }
        VaultConnection.Builder connection = VaultConnection.builder().address(URI.create(address.get()))
                .auth(VaultAuth.token(token.get()));
        setting("steward.vault.namespace", "STEWARD_VAULT_NAMESPACE").ifPresent(connection::namespace);
        return VaultSecretBackend.builder().connection(connection.build())
                .mount(setting("steward.vault.mount", "STEWARD_VAULT_MOUNT").orElse("secret"))
                .pathPrefix("steward-examples/").build();
    }

    private static Optional<String> setting(String property, String variable) {
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(variable)))
                .filter(v -> !v.isBlank());
    }
}
