package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PasswordUtil;

/**
 * The local PostgreSQL the tests use: 127.0.0.1:5432, database {@code test}, superuser
 * {@code postgres} without a password. {@link #adminOrSkip} skips a test, loudly, when the server
 * is unreachable, and fails it instead when {@code STEWARD_REQUIRE_DATABASES} names
 * {@code postgresql}.
 */
final class LocalPostgres {
    /** The server and database. */
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    /** The superuser the tests administer roles as. */
    static final String ADMIN = "postgres";

    private static final Pattern SCRAM = Pattern.compile("SCRAM-SHA-256\\$(\\d+):([A-Za-z0-9+/=]+)\\$.+");
    private static final String INVALID_PASSWORD = "28P01";

    private final PGSimpleDataSource admin;

    private LocalPostgres(PGSimpleDataSource admin) {
        this.admin = admin;
    }

    /**
     * @param test the test that needs the server, named in the skip message
     * @return the server, reachable as {@link #ADMIN}
     */
    static LocalPostgres adminOrSkip(String test) {
        PGSimpleDataSource admin = dataSource();
        admin.setUser(ADMIN);
        try (Connection c = admin.getConnection()) {
            assertThat(c.isValid(5)).as("the admin connection").isTrue();
            return new LocalPostgres(admin);
        } catch (SQLException e) {
            String why = "PostgreSQL is unreachable at " + URL + " as " + ADMIN + ": " + e.getMessage();
            if (System.getenv().getOrDefault("STEWARD_REQUIRE_DATABASES", "").contains("postgresql")) {
                return fail(why + " (STEWARD_REQUIRE_DATABASES requires it)", e);
            }
            System.err.println("*** SKIPPED " + test + ": " + why + " ***");
            return Assumptions.abort(why);
        }
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setConnectTimeout(5);
        return ds;
    }

    /** @param sql a statement to run as the superuser */
    void execute(String sql) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * @param role a role
     * @return its password verifier as {@code pg_authid} holds it
     */
    String verifier(String role) throws SQLException {
        try (Connection c = admin.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
            s.setString(1, role);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("role " + role + " exists").isTrue();
                return r.getString(1);
            }
        }
    }

    /**
     * What SCRAM authentication checks: the password, hashed with the verifier's own salt and
     * iteration count, gives the same verifier.
     *
     * @param verifier a SCRAM-SHA-256 verifier from {@link #verifier}
     * @param password a candidate password
     * @return whether the password matches it
     */
    static boolean matches(String verifier, char[] password) {
        Matcher m = SCRAM.matcher(verifier);
        assertThat(m.matches()).as("a SCRAM-SHA-256 verifier").isTrue();
        return PasswordUtil.encodeScramSha256(password, Integer.parseInt(m.group(1)),
                Base64.getDecoder().decode(m.group(2))).equals(verifier);
    }

    /**
     * @param role a role that may log in
     * @param password a password
     * @return whether the role logs in with it; false only when the server rejects the password
     *     (under {@code trust} authentication any password logs in)
     */
    boolean logsIn(String role, char[] password) throws SQLException {
        try (Connection c = dataSource().getConnection(role, new String(password))) {
            return c.isValid(5);
        } catch (SQLException e) {
            if (INVALID_PASSWORD.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
