package dev.steward.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The Vault the tests talk to: the API-faithful {@link FakeVault} by default, or a real Vault or
 * OpenBao when {@code STEWARD_VAULT_ADDR} and {@code STEWARD_VAULT_TOKEN} are set (KV version 2
 * at {@code secret/}, Transit at {@code transit/}, a token allowed to use both). Tests that need
 * the fake's fault injection or clock run on the fake only.
 */
final class TestVault implements AutoCloseable {
    /** The real server's address, if the environment names one. */
    static final Optional<URI> REAL_ADDRESS = Optional.ofNullable(System.getenv("STEWARD_VAULT_ADDR"))
            .filter(a -> !a.isBlank()).map(URI::create);

    private final FakeVault fake;
    private final URI address;
    private final String token;

    private TestVault(FakeVault fake, URI address, String token) {
        this.fake = fake;
        this.address = address;
        this.token = token;
    }

    private static TestVault shared;

    /**
     * @return one Vault for all the test classes of this run that need no fresh server: the real
     *     one if configured, otherwise a fake that lives as long as the test JVM
     */
    static synchronized TestVault shared() {
        if (shared == null) {
            shared = open();
        }
        return shared;
    }

    /** @return the real Vault if configured, otherwise a new fake */
    static TestVault open() {
        if (REAL_ADDRESS.isPresent()) {
            String token = System.getenv("STEWARD_VAULT_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("STEWARD_VAULT_ADDR is set but STEWARD_VAULT_TOKEN is not");
            }
            return new TestVault(null, REAL_ADDRESS.get(), token);
        }
        try {
            FakeVault fake = FakeVault.start();
            return new TestVault(fake, fake.address(), fake.rootToken());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether this is the fake, so fault tests may run */
    boolean isFake() {
        return fake != null;
    }

    FakeVault fake() {
        return fake;
    }

    /** @return a connection with the token, short timeouts and quick retries */
    VaultConnection connection() {
        return VaultConnection.builder().address(address).auth(VaultAuth.token(token))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .retries(3, Duration.ofMillis(10), Duration.ofMillis(200)).build();
    }

    @Override
    public void close() {
        if (fake != null) {
            fake.close();
        }
    }
}
