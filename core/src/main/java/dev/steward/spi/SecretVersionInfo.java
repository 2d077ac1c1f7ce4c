package dev.steward.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata of one version of a secret, without its material.
 *
 * @param version the version number, from 1
 * @param createdAt when it was written
 * @param deletedAt when it was soft-deleted, if it was
 * @param destroyed whether its material was destroyed for good
 */
public record SecretVersionInfo(long version, Instant createdAt, Optional<Instant> deletedAt, boolean destroyed) {
    /**
     * Checks that nothing is null.
     *
     * @param version the version number, from 1
     * @param createdAt when it was written
     * @param deletedAt when it was soft-deleted, if it was
     * @param destroyed whether its material was destroyed for good
     */
    public SecretVersionInfo {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }
}
