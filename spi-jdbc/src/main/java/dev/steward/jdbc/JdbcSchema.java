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
 *   <li>{@link #migrate(DataSource, String)} runs Flyway (add {@code org.flywaydb:flyway-core}, and
 *       {@code flyway-database-postgresql} or {@code flyway-mysql} for those databases). Its history
 *       table is {@code <prefix>schema_history}, so Steward's versions never mix with the host's own.
 *       A database that already holds other tables is baselined at version 0 first.</li>
 *   <li>Or take the SQL of {@link #script(JdbcDialect, String)} (or the files themselves, replacing
 *       {@code ${prefix}}) into the host's own migration tool.</li>
 * </ul>
 */
public final class JdbcSchema {
    /** The versions shipped, oldest first. */
    static final List<String> VERSIONS = List.of("V1__steward_schema.sql", "V2__reviews_and_grant_usage.sql");

    private JdbcSchema() {
    }

    /**
     * Creates or upgrades the schema with Flyway; does nothing when it is current.
     *
     * @param dataSource the database
     * @param tablePrefix the table prefix the store will be given (for example {@code steward_})
     * @return the dialect found
     * @throws BackendUnavailableException if the database cannot be reached or the migration fails
     */
    public static JdbcDialect migrate(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        String prefix = Tables.checkPrefix(tablePrefix);
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
     * @param dialect the database
     * @param tablePrefix the table prefix
     * @return every shipped version's SQL, oldest first, with the prefix filled in
     */
    public static String script(JdbcDialect dialect, String tablePrefix) {
        String prefix = Tables.checkPrefix(tablePrefix);
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
}
