package dev.steward.bench;

import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.vault.FakeVault;
import dev.steward.vault.VaultAuth;
import dev.steward.vault.VaultConnection;
import dev.steward.vault.VaultSecretBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One round trip per secret get and put through {@link VaultSecretBackend}, beside a bare
 * {@link HttpClient} request of the same shape (same path, headers and JSON body) to the same
 * local server in the same run: the baseline Steward's overhead is a ratio of. The server is the
 * API-faithful fake Vault of spi-vault's tests on loopback, so both sides pay the same server
 * cost; a real Vault adds its storage and network time to both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VaultBenchmark {
    private static final SecretRef REF = new SecretRef("bench/db-password");

    private FakeVault vault;
    private VaultSecretBackend backend;
    private HttpClient bare;
    private HttpRequest bareGet;
    private HttpRequest barePut;
    private byte[] value;

    /**
     * Starts the server, writes the secret once and checks that both sides read it.
     *
     * @throws IOException if the server cannot start, or the bare client cannot reach it
     * @throws InterruptedException if interrupted while waiting for the bare check's responses
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        vault = FakeVault.start();
        backend = VaultSecretBackend.builder().connection(VaultConnection.builder().address(vault.address())
                .auth(VaultAuth.token(vault.rootToken())).build()).build();
        value = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        backend.put(REF, value, OptionalLong.empty());
        bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI data = URI.create(vault.address() + "/v1/secret/data/" + REF.path());
        bareGet = HttpRequest.newBuilder(data).header("X-Vault-Request", "true")
                .header("X-Vault-Token", vault.rootToken()).GET().build();
        String body = "{\"data\":{\"value\":\"" + Base64.getEncoder().encodeToString(value) + "\",\"encoding\":\"base64\"}}";
        barePut = HttpRequest.newBuilder(data).header("X-Vault-Request", "true")
                .header("X-Vault-Token", vault.rootToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        if (stewardGet() < 1 || bareGet() < 1 || stewardPut() < 1 || barePut() < 1) {
            throw new IllegalStateException("set-up check failed");
        }
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vault.close();
    }

    /** @return the version read through the backend */
    @Benchmark
    public long stewardGet() {
        try (SecretVersion v = backend.get(REF).orElseThrow()) {
            return v.version();
        }
    }

    /**
     * {@return the length of the body of the same request sent bare}
     *
     * @throws IOException if the request fails
     * @throws InterruptedException if interrupted while waiting for the response
     */
    @Benchmark
    public long bareGet() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = bare.send(bareGet, HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? r.body().length : -1;
    }

    /** @return the version written through the backend */
    @Benchmark
    public long stewardPut() {
        return backend.put(REF, value, OptionalLong.empty());
    }

    /**
     * {@return the length of the body of the same write sent bare}
     *
     * @throws IOException if the request fails
     * @throws InterruptedException if interrupted while waiting for the response
     */
    @Benchmark
    public long barePut() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = bare.send(barePut, HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? r.body().length : -1;
    }
}
