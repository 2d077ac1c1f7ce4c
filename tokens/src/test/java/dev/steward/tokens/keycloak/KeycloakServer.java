package dev.steward.tokens.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Keycloak server in a child process, started from the distribution Maven unpacked into
 * {@code target/}: {@code bin/kc.sh start-dev} on loopback with free ports, an in-memory database
 * (every run starts from an empty master realm) and a bootstrap administrator whose password is
 * made up for this run. {@link #close()} stops it by its process id; a JVM shutdown hook does the
 * same if the test run ends without closing it. Thread-safe.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final String ADMIN_USERNAME = "steward-test-admin";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final Thread shutdownHook;
    private final Path log;
    private final URI baseUri;
    private final Duration startup;
    private final KeycloakAdmin admin;
    private boolean closed;

    private KeycloakServer(Process process, Thread shutdownHook, Path log, URI baseUri, Duration startup,
            KeycloakAdmin admin) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.log = log;
        this.baseUri = baseUri;
        this.startup = startup;
        this.admin = admin;
    }

    /**
     * Starts Keycloak from an unpacked distribution and waits until its readiness check answers UP.
     *
     * @param home the distribution's folder (the one holding {@code bin/kc.sh})
     * @param log the file that receives Keycloak's standard output and error
     * @param timeout how long to wait for readiness before the process is stopped and this fails
     * @return the running server
     * @throws IllegalStateException if Keycloak exits or is not ready within the timeout; the
     *     message carries the last lines of its log
     */
    public static KeycloakServer start(Path home, Path log, Duration timeout) {
        Path script = home.resolve("bin").resolve("kc.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no Keycloak distribution at " + home
                    + " (the tokens module's build unpacks it into target/ before the tests)");
        }
        int httpPort = freeLoopbackPort();
        int managementPort = freeLoopbackPort();
        String adminPassword = newAdminPassword();
        ProcessBuilder builder = new ProcessBuilder(
                "/bin/sh", script.toString(), "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        // Nothing of the caller's Keycloak or JVM tuning leaks into the server: it runs on the
        // test's own JDK with the script's defaults.
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);

        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + script, e);
        }
        Thread shutdownHook = new Thread(() -> stop(process), "keycloak-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady(process, URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), timeout, log);
        } catch (RuntimeException e) {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            throw e;
        }
        URI baseUri = URI.create("http://127.0.0.1:" + httpPort);
        return new KeycloakServer(process, shutdownHook, log, baseUri, Duration.ofNanos(System.nanoTime() - started),
                new KeycloakAdmin(baseUri, ADMIN_USERNAME, adminPassword));
    }

    /** {@return the server's root, {@code http://127.0.0.1:<port>}} */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * {@return the issuer of a realm's tokens, exactly as Keycloak writes it in {@code iss}}
     *
     * @param realm the realm's name
     */
    public URI issuer(String realm) {
        return baseUri.resolve("/realms/" + Objects.requireNonNull(realm, "realm"));
    }

    /**
     * {@return the URL of a realm's JSON Web Key Set}
     *
     * @param realm the realm's name
     */
    public URI jwksUri(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/certs");
    }

    /**
     * {@return the URL of a realm's token endpoint}
     *
     * @param realm the realm's name
     */
    public URI tokenEndpoint(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/token");
    }

    /** {@return the admin REST API, as the bootstrap administrator} */
    public KeycloakAdmin admin() {
        return admin;
    }

    /** {@return the process id of the started {@code kc.sh}} */
    public long pid() {
        return process.pid();
    }

    /** {@return how long it took from starting {@code kc.sh} to the first UP readiness answer} */
    public Duration startup() {
        return startup;
    }

    /** {@return the file with Keycloak's output} */
    public Path log() {
        return log;
    }

    /**
     * Stops Keycloak: SIGTERM to {@code kc.sh} (which passes it on to its Java process), then, after
     * a grace period, SIGKILL to that process and every descendant still alive. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and runs the hook itself; stopping a stopped process does nothing.
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        process.destroy();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            for (ProcessHandle handle : tree) {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            // Grace is over: the survivors are killed below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void awaitReady(Process process, URI readiness, Duration timeout, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + tail(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Keycloak opens its management port late in its start.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "; the end of "
                + log + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String newAdminPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUri + ", pid " + process.pid() + "]";
    }
}
