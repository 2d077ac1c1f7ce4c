package dev.steward;

import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretBackendCapabilities;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.spi.SecretVersionInfo;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A secret backend that cannot be reached. */
final class FailingSecretBackend implements SecretBackend {
    private static IllegalStateException down() {
        return new IllegalStateException("connection refused");
    }

    @Override
    public SecretBackendCapabilities capabilities() {
        return new SecretBackendCapabilities(true, true);
    }

    @Override
    public long put(SecretRef ref, byte[] value, OptionalLong expectedVersion) {
        throw down();
    }

    @Override
    public Optional<SecretVersion> get(SecretRef ref) {
        throw down();
    }

    @Override
    public Optional<SecretVersion> get(SecretRef ref, long version) {
        throw down();
    }

    @Override
    public List<SecretVersionInfo> versions(SecretRef ref) {
        throw down();
    }

    @Override
    public void delete(SecretRef ref, long version) {
        throw down();
    }

    @Override
    public void destroy(SecretRef ref) {
        throw down();
    }
}
