package dev.steward.memory;

import dev.steward.ConflictException;
import dev.steward.ValidationException;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretBackendCapabilities;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.spi.SecretVersionInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SecretBackend} in memory: for tests, and for hosts that keep secrets only for the life
 * of the process. It declares versioning and soft delete:
 *
 * <ul>
 *   <li>versions of a reference are numbered from 1, one up per write, and every version stays
 *       readable until it is deleted or destroyed;
 *   <li>{@link #put} checks {@code expectedVersion} against the latest version number, including
 *       deleted and destroyed versions (0 when the reference has never been written);
 *   <li>{@link #delete} soft-deletes one version: it can no longer be read, its metadata records
 *       {@code deletedAt}, and its material is kept; {@link #get(SecretRef)} then returns the
 *       newest version still readable;
 *   <li>{@link #destroy} overwrites the material of every version with zeros and drops it; the
 *       metadata stays (marked destroyed), so version numbers keep counting up afterwards;
 *   <li>deleting or destroying what does not exist changes nothing.
 * </ul>
 *
 * <p>Values are copied in and out, so neither the caller's array nor a returned one aliases the
 * stored material. Material is held unencrypted on the heap; wrap this backend in
 * {@link dev.steward.secret.EncryptingSecretBackend} to keep it encrypted.
 *
 * <p>Thread-safe: each reference has its own lock, so writes to one reference are serialized and
 * writes to different references run in parallel.
 */
public final class InMemorySecretBackend implements SecretBackend {
    private static final SecretBackendCapabilities CAPABILITIES = new SecretBackendCapabilities(true, true);

    private final Clock clock;
    private final ConcurrentHashMap<SecretRef, Versions> secrets = new ConcurrentHashMap<>();

    private InMemorySecretBackend(Clock clock) {
        this.clock = clock;
    }

    /** @return a new, empty backend on the system clock (UTC) */
    public static InMemorySecretBackend create() {
        return new InMemorySecretBackend(Clock.systemUTC());
    }

    /**
     * @param clock the clock that stamps {@code createdAt} and {@code deletedAt}
     * @return a new, empty backend on that clock
     */
    public static InMemorySecretBackend create(Clock clock) {
        return new InMemorySecretBackend(Objects.requireNonNull(clock, "clock"));
    }

    /** @return versioning and soft delete, both supported */
    @Override
    public SecretBackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ValidationException if {@code expectedVersion} is negative
     */
    @Override
    public long put(SecretRef ref, byte[] value, OptionalLong expectedVersion) {
        SecretBackend.checkPut(ref, value, expectedVersion);
        boolean mustExist = expectedVersion.isPresent() && expectedVersion.getAsLong() > 0;
        Versions versions = mustExist ? secrets.get(ref) : secrets.computeIfAbsent(ref, r -> new Versions());
        if (versions == null) {
            throw conflict(ref, 0, expectedVersion.getAsLong());
        }
        synchronized (versions) {
            long latest = versions.list.size();
            if (expectedVersion.isPresent() && expectedVersion.getAsLong() != latest) {
                throw conflict(ref, latest, expectedVersion.getAsLong());
            }
            versions.list.add(new Stored(latest + 1, value.clone(), clock.instant()));
            return latest + 1;
        }
    }

    @Override
    public Optional<SecretVersion> get(SecretRef ref) {
        Versions versions = lookup(ref);
        if (versions == null) {
            return Optional.empty();
        }
        synchronized (versions) {
            for (int i = versions.list.size() - 1; i >= 0; i--) {
                Stored stored = versions.list.get(i);
                if (stored.readable()) {
                    return Optional.of(stored.read());
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public Optional<SecretVersion> get(SecretRef ref, long version) {
        Versions versions = lookup(ref);
        if (versions == null) {
            return Optional.empty();
        }
        synchronized (versions) {
            Stored stored = versions.find(version);
            return stored != null && stored.readable() ? Optional.of(stored.read()) : Optional.empty();
        }
    }

    @Override
    public List<SecretVersionInfo> versions(SecretRef ref) {
        Versions versions = lookup(ref);
        if (versions == null) {
            return List.of();
        }
        synchronized (versions) {
            List<SecretVersionInfo> infos = new ArrayList<>(versions.list.size());
            for (Stored stored : versions.list) {
                infos.add(new SecretVersionInfo(stored.version, stored.createdAt,
                        Optional.ofNullable(stored.deletedAt), stored.material == null));
            }
            return List.copyOf(infos);
        }
    }

    /**
     * Soft-deletes one version: it can no longer be read and its metadata records when it was
     * deleted. Deleting a version again, or one that does not exist, changes nothing.
     */
    @Override
    public void delete(SecretRef ref, long version) {
        Versions versions = lookup(ref);
        if (versions == null) {
            return;
        }
        synchronized (versions) {
            Stored stored = versions.find(version);
            if (stored != null && stored.deletedAt == null) {
                stored.deletedAt = clock.instant();
            }
        }
    }

    /**
     * Overwrites the material of every version with zeros and drops it; the metadata stays, marked
     * destroyed. Destroying a reference that does not exist changes nothing.
     */
    @Override
    public void destroy(SecretRef ref) {
        Versions versions = lookup(ref);
        if (versions == null) {
            return;
        }
        synchronized (versions) {
            for (Stored stored : versions.list) {
                if (stored.material != null) {
                    Arrays.fill(stored.material, (byte) 0);
                    stored.material = null;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "InMemorySecretBackend[refs=" + secrets.size() + "]";
    }

    private static ConflictException conflict(SecretRef ref, long latest, long expected) {
        return new ConflictException("secret " + ref.path() + " is at version " + latest
                + ", not the expected version " + expected);
    }

    private Versions lookup(SecretRef ref) {
        return secrets.get(Objects.requireNonNull(ref, "ref"));
    }

    /** The versions of one reference, oldest first; guarded by its own monitor. */
    private static final class Versions {
        private final List<Stored> list = new ArrayList<>();

        private Stored find(long version) {
            return version >= 1 && version <= list.size() ? list.get((int) (version - 1)) : null;
        }
    }

    /** One version; mutable fields are guarded by the monitor of its {@link Versions}. */
    private static final class Stored {
        private final long version;
        private final Instant createdAt;
        private byte[] material;
        private Instant deletedAt;

        private Stored(long version, byte[] material, Instant createdAt) {
            this.version = version;
            this.material = material;
            this.createdAt = createdAt;
        }

        private boolean readable() {
            return material != null && deletedAt == null;
        }

        private SecretVersion read() {
            return new SecretVersion(version, material, createdAt);
        }
    }
}
