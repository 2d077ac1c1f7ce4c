package dev.steward.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.SecretRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AppRole login, renewal before the lease ends, a fresh login when Vault refuses the token, and static tokens. */
class VaultAppRoleTest {
    private static final String ROLE_ID = "role-5f1c";
    private static final String SECRET_ID = "secret-id-9b2e7a";
    private static final SecretRef REF = new SecretRef("app/db");

    private final FakeVault vault = start();

    private static FakeVault start() {
        FakeVault v = FakeVault.startOrFail();
        v.tokens().role(ROLE_ID, SECRET_ID, Duration.ofSeconds(60), Duration.ofSeconds(90));
        return v;
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private VaultSecretBackend backend(VaultAuth auth) {
        VaultConnection connection = VaultConnection.builder().address(vault.address()).auth(auth).clock(vault.clock())
                .retries(1, Duration.ofMillis(5), Duration.ofMillis(20)).build();
        return VaultSecretBackend.builder().connection(connection).build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void logsInOnceAndReusesTheTokenWithinItsLease() {
        VaultSecretBackend backend = backend(VaultAuth.appRole(ROLE_ID, SECRET_ID));
        backend.put(REF, utf8("a"), OptionalLong.of(0));
        vault.clock().advance(Duration.ofSeconds(30));
        assertThat(backend.get(REF)).isPresent();
        assertThat(vault.tokens().logins()).isEqualTo(1);
        assertThat(vault.tokens().renewals()).isZero();
    }

    @Test
    void renewsOnceTwoThirdsOfTheLeaseHavePassedAndLogsInAnewWhenTheMaxTtlCapsIt() {
        VaultSecretBackend backend = backend(VaultAuth.appRole(ROLE_ID, SECRET_ID));
        backend.put(REF, utf8("a"), OptionalLong.empty());
        vault.clock().advance(Duration.ofSeconds(41));
        backend.put(REF, utf8("b"), OptionalLong.empty());
        // 41 s + 60 s would pass the 90 s max TTL: Vault caps the renewal at 49 s.
        assertThat(vault.tokens().renewals()).isEqualTo(1);
        assertThat(vault.tokens().logins()).isEqualTo(1);
        vault.clock().advance(Duration.ofSeconds(33));
        assertThat(backend.get(REF)).isPresent();
        assertThat(vault.tokens().logins()).isEqualTo(2);
    }

    @Test
    void keepsWorkingAcrossManyLeasesAsTheClockRuns() {
        VaultSecretBackend backend = backend(VaultAuth.appRole(ROLE_ID, SECRET_ID));
        for (int i = 1; i <= 40; i++) {
            assertThat(backend.put(REF, utf8("v" + i), OptionalLong.of(i - 1))).isEqualTo(i);
            vault.clock().advance(Duration.ofSeconds(15));
        }
        assertThat(vault.tokens().logins()).isGreaterThan(1);
        assertThat(vault.tokens().renewals()).isGreaterThan(0);
    }

    @Test
    void aTokenRevokedInTheMiddleOfARunIsReplacedByAFreshLoginAndTheCallSentAgain() {
        VaultSecretBackend backend = backend(VaultAuth.appRole(ROLE_ID, SECRET_ID));
        backend.put(REF, utf8("a"), OptionalLong.of(0));
        vault.tokens().revokeAll();
        assertThat(backend.put(REF, utf8("b"), OptionalLong.of(1))).isEqualTo(2);
        assertThat(vault.tokens().logins()).isEqualTo(2);
    }

    @Test
    void aRefusedLoginIsLoginFailedAndNamesNeitherRoleIdNorSecretId() {
        VaultSecretBackend backend = backend(VaultAuth.appRole(ROLE_ID, "wrong-" + SECRET_ID));
        assertThatThrownBy(() -> backend.get(REF)).isInstanceOfSatisfying(VaultException.class, e -> {
            assertThat(e.reason()).isEqualTo(VaultException.Reason.LOGIN_FAILED);
            assertThat(e.status()).hasValue(400);
            assertThat(e.getMessage()).contains("invalid role or secret ID").doesNotContain(SECRET_ID)
                    .doesNotContain(ROLE_ID);
        });
    }

    @Test
    void aStaticTokenThatVaultRefusesIsPermissionDeniedWithoutTheToken() {
        String token = "hvs.not-a-token-4471";
        VaultSecretBackend backend = backend(VaultAuth.token(token));
        assertThatThrownBy(() -> backend.put(REF, utf8("a"), OptionalLong.empty()))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultException.Reason.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("403").doesNotContain(token);
                });
        assertThat(vault.seen()).filteredOn(s -> s.path().startsWith("/v1/secret/")).hasSize(1);
    }

    @Test
    void credentialsNeverPrint() {
        VaultAuth appRole = VaultAuth.appRole(ROLE_ID, SECRET_ID);
        VaultAuth token = VaultAuth.token(vault.rootToken());
        VaultConnection connection = VaultConnection.builder().address(vault.address()).auth(appRole).build();
        assertThat(appRole + " " + token + " " + connection + " " + VaultSecretBackend.builder().connection(connection).build())
                .doesNotContain(ROLE_ID).doesNotContain(SECRET_ID).doesNotContain(vault.rootToken()).contains("redacted");
    }
}
