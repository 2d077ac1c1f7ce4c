package dev.steward.examples;

import dev.steward.spi.SecretBackend;
import dev.steward.vault.VaultAuth;
import dev.steward.vault.VaultConnection;
import dev.steward.vault.VaultSecretBackend;
import java.net.URI;
import java.util.Optional;

/**
 * Where the stories keep stored secrets (always behind the encrypting decorator, see {@link World}):
 * beside the store by default, or in a Vault / OpenBao KV version 2 engine when an address and a token are
 * configured, as system properties {@code steward.vault.addr} and {@code steward.vault.token} or as
 * environment variables {@code STEWARD_VAULT_ADDR} and {@code STEWARD_VAULT_TOKEN}. Optional:
 * {@code steward.vault.mount} / {@code STEWARD_VAULT_MOUNT} ({@code secret} by default) and
 * {@code steward.vault.namespace} / {@code STEWARD_VAULT_NAMESPACE}. Secrets go under
 * {@code steward-examples/}.
 */
final class ExampleSecrets {
    private ExampleSecrets() {
    }

    /** @return the Vault backend when an address and a token are configured; empty otherwise */
    static Optional<SecretBackend> vault() {
        Optional<String> address = setting("steward.vault.addr", "STEWARD_VAULT_ADDR");
        Optional<String> token = setting("steward.vault.token", "STEWARD_VAULT_TOKEN");
        if (address.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        VaultConnection.Builder connection = VaultConnection.builder().address(URI.create(address.get()))
                .auth(VaultAuth.token(token.get()));
        setting("steward.vault.namespace", "STEWARD_VAULT_NAMESPACE").ifPresent(connection::namespace);
        return Optional.of(VaultSecretBackend.builder().connection(connection.build())
                .mount(setting("steward.vault.mount", "STEWARD_VAULT_MOUNT").orElse("secret"))
                .pathPrefix("steward-examples/").build());
    }

    private static Optional<String> setting(String property, String variable) {
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(variable)))
                .filter(v -> !v.isBlank());
    }
}
