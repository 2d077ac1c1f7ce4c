package dev.steward.jdbc;

import dev.steward.ValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases {@link JdbcStore} and {@link JdbcSecretBackend} support. Each has its own schema
 * under {@code db/steward/<name>} on the class path; the SQL the store runs is the same on all.
 */
public enum JdbcDialect {
    /** PostgreSQL 13 or later: the production choice. */
    POSTGRESQL("postgresql"),
    /** H2 2.x, embedded (file or memory mode): the default for a single process. */
    H2("h2"),
    /** MariaDB 10.11 or later, and MySQL 8: one schema serves both. */
    MARIADB("mariadb");

    private final String folder;

    JdbcDialect(String folder) {
        this.folder = folder;
    }

    /** @return the class-path folder of this dialect's versioned SQL, e.g. {@code db/steward/h2} */
    public String schemaLocation() {
        return "db/steward/" + folder;
    }

    /**
     * Recognises the database behind a connection.
     *
     * @param connection an open connection
     * @return its dialect
     * @throws ValidationException if the database is none of the supported ones
     * @throws SQLException if the connection's metadata cannot be read
     */
    public static JdbcDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new ValidationException("dataSource", "must be PostgreSQL, H2, MariaDB or MySQL, not " + product);
    }
}
