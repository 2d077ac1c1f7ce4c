package dev.steward.examples;

import dev.steward.credential.Credential;
import dev.steward.credential.CredentialType;
import dev.steward.credential.Secret;
import dev.steward.spi.RotationHandler;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PasswordUtil;

/**
 * Rotates the password of a PostgreSQL role, so that Steward can rotate a stored secret named
 * {@code pg-role:<role>} with {@link dev.steward.credential.CredentialService#rotateSecret}.
 *
 * <p>The new password is {@value #PASSWORD_LENGTH} random base62 characters (about 190 bits). It
 * never leaves this JVM: it is hashed here into a SCRAM-SHA-256 verifier, and {@code ALTER ROLE}
 * carries only the verifier, so the server's statement log and {@code pg_stat_activity} never see
 * the password. {@code ALTER ROLE} takes no bind parameters, so the statement is built as text,
 * from parts that cannot break out of it: the role name must match {@code [a-z_][a-z0-9_]{0,62}}
 * and is quoted as an identifier, and the verifier must consist of base64 characters,
 * {@code $} and {@code :} (no quote, no backslash). Nothing here logs a password; errors name the
 * role and the SQLSTATE only. Thread-safe.
 */
public final class PostgresRoleRotation implements RotationHandler {
    /** The prefix of the credential names this handler rotates; the role's name follows it. */
    public static final String NAME_PREFIX = "pg-role:";
    /** The length of the passwords it generates, in characters. */
    public static final int PASSWORD_LENGTH = 32;

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern VERIFIER =
            Pattern.compile("SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource admin;

    /** @param admin connections as a role that may alter the rotated roles (a superuser or CREATEROLE) */
    public PostgresRoleRotation(DataSource admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * @param jdbcUrl the server and database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}
     * @param adminUser a role that may alter the rotated roles, authenticated without a password
     *     (trust, peer or certificate); use {@link #PostgresRoleRotation(DataSource)} otherwise
     */
    public PostgresRoleRotation(String jdbcUrl, String adminUser) {
        this(dataSource(jdbcUrl, adminUser));
    }

    private static DataSource dataSource(String jdbcUrl, String adminUser) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        ds.setUser(Objects.requireNonNull(adminUser, "adminUser"));
        ds.setApplicationName("steward-rotation");
        return ds;
    }

    /** @return a new password: {@value #PASSWORD_LENGTH} characters of {@code 0-9A-Za-z} from a {@link SecureRandom} */
    public static Secret newPassword() {
        char[] chars = new char[PASSWORD_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BASE62.charAt(RANDOM.nextInt(BASE62.length()));
        }
        try {
            return Secret.of(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** @return whether the credential is a stored secret named {@code pg-role:<role>} with an allowed role name */
    @Override
    public boolean supports(Credential credential) {
        return credential.type() == CredentialType.STORED_SECRET && credential.name().startsWith(NAME_PREFIX)
                && ROLE.matcher(credential.name().substring(NAME_PREFIX.length())).matches();
    }

    /**
     * Sets a new password on the role, through the admin connection.
     *
     * @param credential a credential this handler {@link #supports supports}
     * @param current not needed: the admin role sets the password
     * @return the new password, already in effect
     * @throws IllegalArgumentException if the handler does not support the credential
     * @throws IllegalStateException if the server refused the change; the old password still holds
     */
    @Override
    public Secret rotate(Credential credential, Secret current) {
        if (!supports(credential)) {
            throw new IllegalArgumentException(credential.id() + " is not a stored secret named "
                    + NAME_PREFIX + "<role> with a role matching " + ROLE.pattern());
        }
        String role = credential.name().substring(NAME_PREFIX.length());
        Secret password = newPassword();
        char[] chars = password.chars();
        String verifier;
        try {
            verifier = PasswordUtil.encodeScramSha256(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
        if (!VERIFIER.matcher(verifier).matches()) {
            password.close();
            throw new IllegalStateException("the driver produced an unexpected SCRAM verifier format");
        }
        boolean applied = false;
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("ALTER ROLE \"" + role + "\" PASSWORD '" + verifier + "'");
            applied = true;
        } catch (SQLException e) {
            if (!applied) {
                password.close();
                throw new IllegalStateException("could not set a new password for role " + role + " (SQLSTATE "
                        + e.getSQLState() + ")", e);
            }
            // Only closing the connection failed: the role already uses the new password.
        }
        return password;
    }
}
