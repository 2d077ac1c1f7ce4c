/**
 * Storage on JDBC: {@link dev.steward.jdbc.JdbcStore} (identities, grants, credentials, the audit
 * log and the change sequence) and {@link dev.steward.jdbc.JdbcSecretBackend} (secret versions as
 * rows), on PostgreSQL, H2 and MariaDB/MySQL, with the schema in {@link dev.steward.jdbc.JdbcSchema}.
 */
package dev.steward.jdbc;
