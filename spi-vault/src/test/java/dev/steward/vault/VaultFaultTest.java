package dev.steward.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.BackendUnavailableException;
import dev.steward.spi.SecretRef;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures on the wire: sealed and standby nodes, rate limits, server errors, slow answers past the
 * timeout and dropped connections. Reads are retried; a write is retried only when Vault said it
 * did not carry it out.
 */
class VaultFaultTest {
    private static final SecretRef REF = new SecretRef("app/db");

    private final FakeVault vault = FakeVault.startOrFail();
    private final VaultSecretBackend backend = VaultSecretBackend.builder().connection(VaultConnection.builder()
            .address(vault.address()).auth(VaultAuth.token(vault.rootToken()))
            .timeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
            .retries(2, Duration.ofMillis(5), Duration.ofMillis(50)).build()).build();

    @AfterEach
    void stop() {
        vault.close();
    }

    private long put(String value) {
        return backend.put(REF, value.getBytes(StandardCharsets.UTF_8), OptionalLong.empty());
    }

    private long requestsTo(String path) {
        return vault.seen().stream().filter(s -> s.path().equals(path)).count();
    }

    private VaultException failure(Runnable call) {
        try {
            call.run();
        } catch (VaultException e) {
            assertThat(e.getMessage()).doesNotContain(vault.rootToken()).contains(vault.address().toString());
            return e;
        }
        throw new AssertionError("expected a VaultException");
    }

    @Test
    void aBrieflySealedNodeIsRetriedAndAPersistentlySealedOneIsReportedAsSealed() {
        put("a");
        vault.failNext(2, 503, "Vault is sealed", 0);
        assertThat(backend.get(REF)).isPresent();

        vault.seal(true);
        VaultException e = failure(() -> put("b"));
        assertThat(e.reason()).isEqualTo(VaultException.Reason.SEALED);
        assertThat(e.status()).hasValue(503);
        assertThat(e).isInstanceOf(BackendUnavailableException.class);
        assertThat(requestsTo("/v1/secret/data/app/db")).as("1 write, 3 reads, 3 writes").isEqualTo(7);
        vault.seal(false);
        assertThat(put("c")).isEqualTo(2);
    }

    @Test
    void aRateLimitIsWaitedOutEvenForWritesAndReportedWhenItLasts() {
        vault.failNext(1, 429, "request path \"secret/data/app/db\": rate limit quota exceeded", 1);
        assertThat(put("a")).isEqualTo(1);
        vault.failNext(3, 429, "request path \"secret/data/app/db\": rate limit quota exceeded", 0);
        assertThat(failure(() -> put("b")).reason()).isEqualTo(VaultException.Reason.RATE_LIMITED);
    }

    @Test
    void standbyAnswersAreRetried() {
        vault.failNext(1, 473, "performance standby", 0);
        vault.failNext(1, 429, "standby", 0);
        assertThat(put("a")).isEqualTo(1);
        vault.failNext(3, 473, "performance standby", 0);
        assertThat(failure(() -> backend.get(REF)).reason()).isEqualTo(VaultException.Reason.STANDBY);
    }

    @Test
    void aServerErrorIsRetriedForAReadButNotForAWrite() {
        put("a");
        vault.failNext(2, 500, "internal error", 0);
        assertThat(backend.versions(REF)).hasSize(1);
        vault.failNext(1, 500, "internal error", 0);
        VaultException e = failure(() -> put("b"));
        assertThat(e.reason()).isEqualTo(VaultException.Reason.SERVER_ERROR);
        assertThat(backend.versions(REF)).hasSize(1);
    }

    @Test
    void aSlowAnswerPastTheTimeoutIsRetriedForAReadAndReportedForAWrite() {
        put("a");
        vault.delayNext(1, Duration.ofMillis(800));
        assertThat(backend.get(REF)).isPresent();
        vault.delayNext(1, Duration.ofMillis(800));
        VaultException e = failure(() -> put("b"));
        assertThat(e.reason()).isEqualTo(VaultException.Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("may or may not have been applied");
    }

    @Test
    void aDroppedConnectionIsRetriedForAReadAndReportedForAWrite() {
        put("a");
        vault.dropNext(1);
        assertThat(backend.get(REF)).isPresent();
        vault.dropNext(1);
        VaultException e = failure(() -> put("b"));
        assertThat(e.reason()).isEqualTo(VaultException.Reason.CONNECTION_FAILED);
        assertThat(e.status()).isEmpty();
    }

    @Test
    void nobodyListeningIsConnectionFailedAfterRetries() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        VaultSecretBackend nowhere = VaultSecretBackend.builder().connection(VaultConnection.builder()
                .address(URI.create("http://127.0.0.1:" + port)).auth(VaultAuth.token("t-123456"))
                .retries(1, Duration.ofMillis(1), Duration.ofMillis(2)).build()).build();
        assertThatThrownBy(() -> nowhere.put(REF, new byte[] {1}, OptionalLong.empty()))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.CONNECTION_FAILED))
                .hasMessageNotContaining("t-123456");
    }

    @Test
    void vaultTextThatEchoesTheTokenIsRedacted() {
        vault.failNext(1, 400, "token " + vault.rootToken() + " may not do this", 0);
        VaultException e = failure(() -> put("a"));
        assertThat(e.reason()).isEqualTo(VaultException.Reason.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("[redacted]");
    }
}
