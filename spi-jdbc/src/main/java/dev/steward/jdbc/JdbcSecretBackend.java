package dev.steward.jdbc;

import dev.steward.BackendUnavailableException;
import dev.steward.ConflictException;
import dev.steward.StewardException;
import dev.steward.spi.PluginFailures;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretBackendCapabilities;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.spi.SecretVersionInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * A {@link SecretBackend} that keeps secret versions as rows of {@code <prefix>secret_versions},
 * with the latest version number per reference in {@code <prefix>secrets}. It stores what it is
 * given as it is: put it under {@link dev.steward.secret.EncryptingSecretBackend}, so that the rows
 * hold only ciphertext and the key stays with the host. The embedded default keeps identities and
 * encrypted secrets in one H2 file this way:
 *
 * <pre>{@code
 * SecretBackend secrets = EncryptingSecretBackend.wrap(JdbcSecretBackend.create(dataSource), hostKey);
 * }</pre>
 *
 * Semantics are those of the TCK: versions from 1, check-and-set against the latest number
 * (deleted and destroyed versions count), soft delete stamps {@code deleted_at}, destroy sets the
 * material of every version to {@code NULL} (the database may keep freed pages until it reuses or
 * vacuums them; encrypt above this backend so that such pages hold only ciphertext). A write locks
 * the reference's row, so writes to one reference are serialized across instances. Errors carry the
 * SQLState only, never a statement's parameters.
 */
public final class JdbcSecretBackend implements SecretBackend {
    private static final SecretBackendCapabilities CAPABILITIES = new SecretBackendCapabilities(true, true);

    private final DataSource dataSource;
    private final Tables tables;
    private final Clock clock;

    private JdbcSecretBackend(DataSource dataSource, Tables tables, Clock clock) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.clock = clock;
    }

    /**
     * @param dataSource the database, with the schema of {@link JdbcSchema} under the default prefix
     * @return the backend, stamping versions with the system clock (UTC)
     */
    public static JdbcSecretBackend create(DataSource dataSource) {
        return create(dataSource, Tables.DEFAULT_PREFIX, Clock.systemUTC());
    }

    /**
     * @param dataSource the database, with the schema of {@link JdbcSchema}
     * @param tablePrefix its table prefix
     * @param clock stamps {@code createdAt} and {@code deletedAt}
     * @return the backend
     */
    public static JdbcSecretBackend create(DataSource dataSource, String tablePrefix, Clock clock) {
        return new JdbcSecretBackend(Objects.requireNonNull(dataSource, "dataSource"), new Tables(tablePrefix),
                Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public SecretBackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public long put(SecretRef ref, byte[] value, OptionalLong expectedVersion) {
        SecretBackend.checkPut(ref, value, expectedVersion);
        for (int attempt = 1;; attempt++) {
            try {
                return inTransaction(c -> write(c, ref, value, expectedVersion));
            } catch (FirstWriteRace race) {
                // Two first writes of one reference met at its new row: the loser tries once more and
                // now finds the row, so check-and-set decides as it would have done in order.
                if (attempt == 3) {
                    throw new ConflictException("secret " + ref.path() + " was created by a concurrent write");
                }
            }
        }
    }

    private long write(Connection c, SecretRef ref, byte[] value, OptionalLong expected) throws SQLException {
        Long latest;
        try (PreparedStatement ps = c.prepareStatement("SELECT latest FROM " + tables.secrets
                + " WHERE ref = ? FOR UPDATE")) {
            ps.setString(1, ref.path());
            try (ResultSet rs = ps.executeQuery()) {
                latest = rs.next() ? rs.getLong(1) : null;
            }
        }
        long current = latest == null ? 0 : latest;
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw new ConflictException("secret " + ref.path() + " is at version " + current
                    + ", not the expected version " + expected.getAsLong());
        }
        long version = current + 1;
        String head = latest == null ? "INSERT INTO " + tables.secrets + " (latest, ref) VALUES (?, ?)"
                : "UPDATE " + tables.secrets + " SET latest = ? WHERE ref = ?";
        try (PreparedStatement ps = c.prepareStatement(head)) {
            ps.setLong(1, version);
            ps.setString(2, ref.path());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (latest == null && SqlFailures.isUniqueViolation(e)) {
                throw new FirstWriteRace();
            }
            throw e;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.secretVersions
                + " (ref, version, created_at, material) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, ref.path());
            ps.setLong(2, version);
            ps.setBigDecimal(3, Nanos.of(clock.instant()));
            ps.setBytes(4, value);
            ps.executeUpdate();
        }
        return version;
    }

    @Override
    public Optional<SecretVersion> get(SecretRef ref) {
        return readOne(ref, "SELECT version, material, created_at FROM " + tables.secretVersions
                + " WHERE ref = ? AND deleted_at IS NULL AND material IS NOT NULL ORDER BY version DESC LIMIT 1", 0);
    }

    @Override
    public Optional<SecretVersion> get(SecretRef ref, long version) {
        if (version <= 0) {
            Objects.requireNonNull(ref, "ref");
            return Optional.empty();
        }
        return readOne(ref, "SELECT version, material, created_at FROM " + tables.secretVersions
                + " WHERE ref = ? AND version = ? AND deleted_at IS NULL AND material IS NOT NULL", version);
    }

    private Optional<SecretVersion> readOne(SecretRef ref, String sql, long version) {
        Objects.requireNonNull(ref, "ref");
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, ref.path());
                if (version > 0) {
                    ps.setLong(2, version);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] material = rs.getBytes(2);
                    try {
                        return Optional.of(new SecretVersion(rs.getLong(1), material,
                                Nanos.instant(rs.getBigDecimal(3))));
                    } finally {
                        Arrays.fill(material, (byte) 0);
                    }
                }
            }
        });
    }

    @Override
    public List<SecretVersionInfo> versions(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, created_at, deleted_at, "
                    + "CASE WHEN material IS NULL THEN 1 ELSE 0 END FROM " + tables.secretVersions
                    + " WHERE ref = ? ORDER BY version")) {
                ps.setString(1, ref.path());
                try (ResultSet rs = ps.executeQuery()) {
                    List<SecretVersionInfo> infos = new ArrayList<>();
                    while (rs.next()) {
                        infos.add(new SecretVersionInfo(rs.getLong(1), Nanos.instant(rs.getBigDecimal(2)),
                                Optional.ofNullable(rs.getBigDecimal(3)).map(Nanos::instant), rs.getInt(4) == 1));
                    }
                    return List.copyOf(infos);
                }
            }
        });
    }

    @Override
    public void delete(SecretRef ref, long version) {
        Objects.requireNonNull(ref, "ref");
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.secretVersions
                    + " SET deleted_at = ? WHERE ref = ? AND version = ? AND deleted_at IS NULL")) {
                ps.setBigDecimal(1, Nanos.of(clock.instant()));
                ps.setString(2, ref.path());
                ps.setLong(3, version);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void destroy(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.secretVersions
                    + " SET material = NULL WHERE ref = ? AND material IS NOT NULL")) {
                ps.setString(1, ref.path());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public String name() {
        return "jdbc-secrets";
    }

    @Override
    public String toString() {
        return "JdbcSecretBackend[prefix=" + tables.prefix + "]";
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                JdbcStore.rollback(c, e);
                throw e;
            }
        } catch (StewardException | FirstWriteRace e) {
            throw e;
        } catch (SQLException e) {
            // The statement's parameters (secret material) must not travel in the error: keep the
            // SQLState and vendor code only.
            throw new BackendUnavailableException(name(), "the database failed (SQLState " + e.getSQLState()
                    + ", code " + e.getErrorCode() + ")", null);
        } catch (Throwable e) {
            // Nor in a driver's own error (an AssertionError on a lost connection, say): its class only.
            PluginFailures.rethrowFatal(e);
            throw new BackendUnavailableException(name(), "the database driver failed (" + e.getClass().getName()
                    + ")", null);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** The reference's first row was inserted by a concurrent write. */
    private static final class FirstWriteRace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FirstWriteRace() {
            super(null, null, false, false);
        }
    }
}
