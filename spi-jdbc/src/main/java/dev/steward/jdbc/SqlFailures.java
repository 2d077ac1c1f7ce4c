package dev.steward.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** What a database error means to Steward, by SQLState and vendor code, for the three dialects. */
final class SqlFailures {
    private SqlFailures() {
    }

    /** A duplicate key: PostgreSQL and H2 report 23505; MariaDB and MySQL report 23000 with code 1062. */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ("23505".equals(state) || ("23000".equals(state) && s.getErrorCode() == 1062)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure that a fresh attempt of the same unit of work may not meet: a serialization failure
     * (40001, which MariaDB and MySQL also use for a deadlock), a PostgreSQL deadlock (40P01), a lock
     * wait timeout (H2's HYT00; MariaDB's code 1205).
     */
    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)
                        || s.getErrorCode() == 1205) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A lost or refused connection (SQLState class 08, or a pool that gave none). */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"));
    }
}
