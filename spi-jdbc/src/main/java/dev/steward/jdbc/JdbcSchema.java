package dev.steward.jdbc;

import dev.steward.BackendUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The tables of {@link JdbcStore} and {@link JdbcSecretBackend}, as versioned SQL per dialect under
 * Flyway's naming convention: {@code db/steward/<dialect>/V1__steward_schema.sql} and later
 * versions, with the placeholder {@code ${prefix}} for the table prefix.
 *
 * <p>Two ways to create them:
 * <ul>
 *   <li>{@link #migrate(DataSource)} runs Flyway (add {@code org.flywaydb:flyway-core}, and
 *       {@code flyway-database-postgresql} or {@code flyway-mysql} for those databases). Its history
 *       table is {@code <prefix>schema_history}, so Steward's versions never mix with the host's own.
 *       A database that already holds other tables is baselined at version 0 first.</li>
 *   <li>Or take the SQL of {@link #script(JdbcDialect)} (or the files themselves, replacing
 *       {@code ${prefix}}) into the host's own migration tool.</li>
 * </ul>
 *
 * <pre>{@code
 * JdbcSchema.builder().tablePrefix("steward_").build().migrate(pool);   // or JdbcSchema.create() for "steward_"
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class JdbcSchema {
    /** The versions shipped, oldest first. */
    static final List<String> VERSIONS = List.of("V1__steward_schema.sql", "V2__reviews_and_grant_usage.sql");

    private final String prefix;

    private JdbcSchema(String prefix) {
        this.prefix = prefix;
    }

    /** {@return the schema under the default table prefix, {@code steward_}} */
    public static JdbcSchema create() {
        return builder().build();
    }

    /** {@return a builder of the schema's options} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates or upgrades the schema with Flyway; does nothing when it is current.
     *
     * @param dataSource the database
     * @return the dialect found
     * @throws BackendUnavailableException if the database cannot be reached or the migration fails
     */
    public JdbcDialect migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        JdbcDialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = JdbcDialect.of(c);
        } catch (SQLException e) {
            throw new BackendUnavailableException("jdbc", "no connection to the database", e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + dialect.schemaLocation())
                    .placeholders(Map.of("prefix", prefix))
                    .table(prefix + "schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new BackendUnavailableException("jdbc(" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ")",
                    "the schema migration failed", e);
        }
        return dialect;
    }

    /**
     * {@return every shipped version's SQL, oldest first, with the table prefix filled in}
     *
     * @param dialect the database
     */
    public String script(JdbcDialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        StringBuilder sql = new StringBuilder();
        for (String version : VERSIONS) {
            String path = dialect.schemaLocation() + "/" + version;
            try (InputStream in = JdbcSchema.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + path);
                }
                sql.append(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", prefix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sql.toString();
    }

    /** Options of a {@link JdbcSchema}. */
    public static final class Builder {
        private String prefix = Tables.DEFAULT_PREFIX;

        private Builder() {
        }

        /**
         * Sets the tables' prefix; {@code steward_} by default.
         *
         * @param prefix the prefix the store will be given: a lowercase letter, then lowercase
         *     letters, digits or underscores, at most 32 characters in all
         * @return this builder
         * @throws dev.steward.ValidationException if the prefix breaks those rules
         */
        public Builder tablePrefix(String prefix) {
            this.prefix = Tables.checkPrefix(prefix);
            return this;
        }

        /** {@return the schema} */
        public JdbcSchema build() {
            return new JdbcSchema(prefix);
        }
    }
}
