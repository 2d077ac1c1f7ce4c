package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.Steward;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.Secret;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.secret.EncryptingSecretBackend;
import dev.steward.secret.LocalKeyEncryptionKey;
import dev.steward.spi.RotationHandler;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule 7 at rest: with the full embedded stack ({@code Steward} on {@link JdbcStore}, stored secrets
 * in {@link JdbcSecretBackend} under {@link EncryptingSecretBackend}, all in one database), no
 * secret Steward handled (a stored secret that was checked out, its rotated successor, issued and
 * rotated API keys) appears in any column of any row of any table, neither as UTF-8 nor in Base64
 * or hex. A control value written to the bare backend without encryption is found by the same scan,
 * so the scan does read the stored material.
 */
class JdbcSecretCanaryTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    @RegisterExtension
    static final Databases DATABASES = new Databases();

    private static String canary(String kind) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "canary-" + kind + "-" + HexFormat.of().formatHex(bytes);
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    @DisplayName("no stored secret, checked-out secret or issued key appears anywhere in the database")
    void noCanaryAtRest(JdbcDialect dialect) throws SQLException {
        TestDatabase db = DATABASES.fresh(dialect);
        List<String> canaries = new ArrayList<>();
        String storedValue = canary("stored");
        String rotatedValue = canary("rotated");
        canaries.add(storedValue);
        canaries.add(rotatedValue);
        SecretBackend plain = JdbcSecretBackend.builder(db.dataSource()).tablePrefix(TestDatabase.PREFIX).build();
        SecretBackend encrypted = EncryptingSecretBackend.wrap(plain, LocalKeyEncryptionKey.generate("kek"));
        RotationHandler handler = new RotationHandler() {
            @Override
            public boolean supports(Credential credential) {
                return true;
            }

            @Override
            public Secret rotate(Credential credential, Secret current) {
                return Secret.of(rotatedValue.toCharArray());
            }
        };
        String identityName = "canary-holder-" + HexFormat.of().formatHex(new byte[] {(byte) RANDOM.nextInt()});
        try (Steward steward = Steward.builder().store(db.store()).secrets(encrypted).rotationHandler(handler)
                .auditSigner(People.signer()).build()) {
            CredentialService credentials = steward.credentials();
            Identity alice = People.human(steward, "alice");
            Identity bob = People.human(steward, "bob");
            Identity bot = People.agent(steward, identityName, alice, bob);

            Credential stored = credentials.storeSecret(CredentialSpec.storedSecret(bot.id()).name("db"),
                    Secret.of(storedValue.toCharArray()), alice.asActor());
            People.grant(steward, GrantSpec.to(bot.id()).allow(CredentialService.CHECKOUT_ACTION)
                    .on(CredentialService.checkoutResource(stored)).validFor(Duration.ofHours(1))
                    .justification("job"), bob);
            try (Secret s = credentials.checkout(stored.id(), bot.id(), "call-1")) {
                assertThat(new String(s.chars())).isEqualTo(storedValue);
            }
            Credential next = credentials.rotateSecret(stored.id(), alice.asActor(), "quarterly");
            try (Secret s = credentials.checkout(next.id(), bot.id(), "call-2")) {
                assertThat(new String(s.chars())).isEqualTo(rotatedValue);
            }

            IssuedCredential key = credentials.issue(CredentialSpec.apiKey(bot.id()).name("ci"), alice.asActor());
            String plaintext = new String(key.secret().chars());
            IssuedCredential rotatedKey = credentials.rotateKey(key.credential().id(), alice.asActor(), "scheduled");
            String rotatedPlaintext = new String(rotatedKey.secret().chars());
            assertThat(credentials.verify(rotatedPlaintext).isValid()).isTrue();
            for (String k : List.of(plaintext, rotatedPlaintext)) {
                canaries.add(k);
                canaries.add(KeyFormat.parse(k).orElseThrow().secret());
            }
            assertThat(steward.audit().verify().valid()).isTrue();
        }
        String control = canary("control");
        plain.put(new SecretRef("control/plain"), control.getBytes(StandardCharsets.UTF_8), OptionalLong.empty());

        Scan scan = scan(db.dataSource(), dialect, canaries, control, identityName);
        assertThat(scan.rows).as("rows visited per table")
                .hasEntrySatisfying("steward_secret_versions", n -> assertThat(n).isGreaterThanOrEqualTo(3))
                .hasEntrySatisfying("steward_credentials", n -> assertThat(n).isGreaterThanOrEqualTo(4))
                .hasEntrySatisfying("steward_audit_events", n -> assertThat(n).isPositive())
                .containsKeys("steward_secrets", "steward_identities", "steward_grants", "steward_changes",
                        "steward_head", "steward_audit_checkpoints");
        assertThat(scan.controlFound).as("the scan reads stored material: the unencrypted control is found").isTrue();
        assertThat(scan.markerFound).as("the scan reads text columns: the identity's name is found").isTrue();
        assertThat(scan.hits).as("secret material at rest").isEmpty();
        System.out.printf("[canary] %s: scanned %s, %d cells%n", dialect, scan.rows, scan.cells);
    }

    /** What a scan of every table found. */
    private static final class Scan {
        final Map<String, Integer> rows = new TreeMap<>();
        final List<String> hits = new ArrayList<>();
        boolean controlFound;
        boolean markerFound;
        long cells;
    }

    private static Scan scan(DataSource ds, JdbcDialect dialect, List<String> canaries, String control, String marker)
            throws SQLException {
        Map<String, byte[]> needles = new TreeMap<>();
        for (String canary : canaries) {
            byte[] utf8 = canary.getBytes(StandardCharsets.UTF_8);
            needles.put("utf8 of " + fingerprint(canary), utf8);
            needles.put("base64 of " + fingerprint(canary), ascii(Base64.getEncoder().encodeToString(utf8)));
            needles.put("base64url of " + fingerprint(canary),
                    ascii(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8)));
            needles.put("hex of " + fingerprint(canary), ascii(HexFormat.of().formatHex(utf8)));
            needles.put("HEX of " + fingerprint(canary), ascii(HexFormat.of().withUpperCase().formatHex(utf8)));
        }
        byte[] controlBytes = control.getBytes(StandardCharsets.UTF_8);
        byte[] markerBytes = marker.getBytes(StandardCharsets.UTF_8);
        Scan scan = new Scan();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            String schema = dialect == JdbcDialect.MARIADB ? null : c.getSchema();
            try (ResultSet rs = meta.getTables(c.getCatalog(), schema, "%", null)) {
                while (rs.next()) {
                    String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                    if (type.contains("TABLE") && !type.contains("SYSTEM") && !type.contains("TEMP")) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables).as("tables of the test schema").hasSizeGreaterThanOrEqualTo(9);
            for (String table : tables) {
                int rows = 0;
                String quote = meta.getIdentifierQuoteString().trim();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    ResultSetMetaData columns = rs.getMetaData();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            scan.cells++;
                            String where = table + "." + columns.getColumnName(i) + " row " + rows;
                            String text = rs.getString(i);
                            byte[] raw = bytes(rs, i, columns.getColumnType(i));
                            for (byte[] cell : new byte[][] {text == null ? null : text.getBytes(StandardCharsets.UTF_8), raw}) {
                                if (cell == null) {
                                    continue;
                                }
                                needles.forEach((what, needle) -> {
                                    if (indexOf(cell, needle) >= 0) {
                                        scan.hits.add(what + " in " + where);
                                    }
                                });
                                scan.controlFound |= indexOf(cell, controlBytes) >= 0;
                                scan.markerFound |= indexOf(cell, markerBytes) >= 0;
                            }
                        }
                    }
                }
                scan.rows.put(table.toLowerCase(Locale.ROOT), rows);
            }
        }
        return scan;
    }

    /**
     * A cell's byte form. Binary columns must give one; other types give one on some drivers and
     * refuse on others (numbers, timestamps), and for those the text form scanned already covers it.
     */
    private static byte[] bytes(ResultSet rs, int column, int sqlType) throws SQLException {
        boolean binary = sqlType == Types.BINARY || sqlType == Types.VARBINARY || sqlType == Types.LONGVARBINARY
                || sqlType == Types.BLOB;
        try {
            return rs.getBytes(column);
        } catch (SQLException e) {
            if (binary) {
                throw e;
            }
            return null;
        }
    }

    /** Names a canary in a failure message without printing it. */
    private static String fingerprint(String canary) {
        return canary.substring(0, canary.indexOf('-', 7) + 1) + "#" + Integer.toHexString(canary.hashCode());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
