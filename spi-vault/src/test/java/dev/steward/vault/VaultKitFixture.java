package dev.steward.vault;

import dev.steward.spi.SecretBackend;
import dev.steward.tck.SecretBackendCompatibilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds Vault backends under prefixes of their own on the shared {@link TestVault}: the fake, or
 * the real one the environment names.
 */
abstract class VaultKitFixture extends SecretBackendCompatibilityKit {
    /** A Vault backend at a loopback port that was free a moment ago, so nothing answers there. */
    @Override
    protected Optional<SecretBackend> createUnreachableBackend() {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(VaultSecretBackend.builder().connection(VaultConnection.builder()
                .address(URI.create("http://127.0.0.1:" + port)).auth(VaultAuth.token("unreachable-token"))
                .retries(1, Duration.ofMillis(1), Duration.ofMillis(2)).build()).build());
    }

    /** @return a Vault backend under a new prefix; the kit writes up to 80 versions of one secret, all listed */
    static VaultSecretBackend vaultBackend() {
        return VaultSecretBackend.builder().connection(TestVault.shared().connection()).pathPrefix("steward-tck-" + UUID.randomUUID() + "/")
                .maxVersions(200).build();
    }
}
