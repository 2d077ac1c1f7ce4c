package dev.steward.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One version of a secret as read from a {@link SecretBackend}. Holds the material in a buffer
 * that {@link #close()} wipes; {@code toString} never shows it. Not thread-safe.
 */
public final class SecretVersion implements AutoCloseable {
    private final long version;
    private final byte[] value;
    private final Instant createdAt;

    /**
     * @param version the version number, from 1
     * @param value the material; copied
     * @param createdAt when the version was written
     */
    public SecretVersion(long version, byte[] value, Instant createdAt) {
        this.version = version;
        this.value = Objects.requireNonNull(value, "value").clone();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return the version number */
    public long version() {
        return version;
    }

    /** @return a copy of the material; wipe it after use */
    public byte[] value() {
        return value.clone();
    }

    /** @return when the version was written */
    public Instant createdAt() {
        return createdAt;
    }

    /** Overwrites the material with zeros. */
    @Override
    public void close() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public String toString() {
        return "SecretVersion[version=" + version + ", createdAt=" + createdAt + ", value=redacted]";
    }
}
