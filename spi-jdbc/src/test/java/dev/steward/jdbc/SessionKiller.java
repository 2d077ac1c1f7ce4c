package dev.steward.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ends a database session from a separate administrator connection, as an operator or a failing
 * network would: {@code pg_terminate_backend} on PostgreSQL, {@code KILL CONNECTION} on MariaDB.
 * H2 has no way to end another session of an embedded database, so it is not supported.
 */
final class SessionKiller {
    private SessionKiller() {
    }

    /**
     * @param dialect the database
     * @param c an open connection
     * @return its server-side session id
     */
    static long sessionId(JdbcDialect dialect, Connection c) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT pg_backend_pid()";
            case MARIADB -> "SELECT CONNECTION_ID()";
            case H2 -> "SELECT SESSION_ID()";
        };
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Ends a session and waits until the server no longer lists it.
     *
     * @param dialect PostgreSQL or MariaDB
     * @param session the session id
     */
    static void kill(JdbcDialect dialect, long session) {
        try (Connection admin = DriverManager.getConnection(switch (dialect) {
            case POSTGRESQL -> TestDatabase.POSTGRES_URL + "?user=postgres";
            case MARIADB -> TestDatabase.MARIADB_URL + "?user=root";
            case H2 -> throw new IllegalArgumentException("H2 cannot end another embedded session");
        })) {
            String listed;
            if (dialect == JdbcDialect.POSTGRESQL) {
                try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, Math.toIntExact(session));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(1)) {
                            throw new IllegalStateException("PostgreSQL did not terminate backend " + session);
                        }
                    }
                }
                listed = "SELECT count(*) FROM pg_stat_activity WHERE pid = ?";
            } else {
                try (Statement s = admin.createStatement()) {
                    s.execute("KILL CONNECTION " + session);
                }
                listed = "SELECT count(*) FROM information_schema.processlist WHERE id = ?";
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (true) {
                try (PreparedStatement ps = admin.prepareStatement(listed)) {
                    ps.setLong(1, session);
                    if (dialect == JdbcDialect.POSTGRESQL) {
                        ps.setInt(1, Math.toIntExact(session));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            return;
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("session " + session + " is still listed 5 s after it was killed");
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not kill session " + session, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
