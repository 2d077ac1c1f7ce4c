/**
 * Storage on JDBC (PostgreSQL, H2, MariaDB/MySQL). Not implemented yet: this release ships the
 * in-memory store only; the JDBC store is planned work tracked in the project's issues.
 */
package dev.steward.jdbc;
