package dev.steward.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ValidationException;
import dev.steward.spi.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a custom certificate authority and an optional client certificate, against the fake Vault on HTTPS. */
class VaultTlsTest {
    private static final SecretRef REF = new SecretRef("tls/db");

    private static VaultSecretBackend backend(FakeVault vault, VaultTls tls) {
        return VaultSecretBackend.builder().connection(VaultConnection.builder().address(vault.address())
                .auth(VaultAuth.token(vault.rootToken())).tls(tls)
                .retries(0, Duration.ofMillis(1), Duration.ofMillis(1)).build()).build();
    }

    @Test
    void aServerCertificateFromTheConfiguredAuthorityIsTrustedAndAnUnknownOneIsNot(@TempDir Path dir) throws Exception {
        TestCertificates pki = new TestCertificates("Test Vault CA");
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(pki.ca().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        try (FakeVault vault = FakeVault.startTls(pki.serverContext(), false)) {
            assertThat(vault.address().getScheme()).isEqualTo("https");
            VaultSecretBackend trusting = backend(vault, VaultTls.trusting(pem));
            assertThat(trusting.put(REF, new byte[] {7}, OptionalLong.of(0))).isEqualTo(1);

            VaultSecretBackend other = backend(vault, VaultTls.trusting(new TestCertificates("Other CA").authorities()));
            assertThatThrownBy(() -> other.get(REF)).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.CONNECTION_FAILED));
            VaultSecretBackend jdkDefaults = backend(vault, VaultTls.systemDefault());
            assertThatThrownBy(() -> jdkDefaults.get(REF)).isInstanceOf(VaultException.class);
        }
    }

    @Test
    void aServerThatRequiresAClientCertificateAcceptsOneFromItsAuthority() throws Exception {
        TestCertificates pki = new TestCertificates("Test Vault CA");
        try (FakeVault vault = FakeVault.startTls(pki.serverContext(), true)) {
            VaultTls trustOnly = VaultTls.trusting(pki.authorities());
            assertThatThrownBy(() -> backend(vault, trustOnly).get(REF)).isInstanceOf(VaultException.class);

            VaultTls withClient = trustOnly.withClientCertificate(pki.keyStore("steward", false), TestCertificates.PASSWORD);
            assertThat(backend(vault, withClient).put(REF, new byte[] {1, 2}, OptionalLong.empty())).isEqualTo(1);
            assertThat(withClient.toString()).contains("1 trusted authorities");
        }
    }

    @Test
    void unreadableTlsFilesAreValidationErrorsNamingTheSetting(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> VaultTls.trusting(empty)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("tls.caCertificates"));
        assertThatThrownBy(() -> VaultTls.systemDefault().withClientCertificate(dir.resolve("missing.p12"), new char[0]))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("tls.clientCertificate"));
    }
}
