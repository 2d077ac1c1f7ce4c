package dev.steward.vault;

import dev.steward.ValidationException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Vault (or OpenBao) server as Steward talks to it: address, namespace, authentication, TLS,
 * timeouts and retries. Shared by a {@link VaultSecretBackend} and a {@link VaultTransitSigner}, so
 * both use one token. Immutable and thread-safe once built; it holds an HTTP client and no thread
 * of its own (token renewal happens on the next call that needs it).
 *
 * <pre>{@code
 * VaultConnection vault = VaultConnection.builder()
 *         .address(URI.create("https://vault.internal:8200"))
 *         .namespace("team-a")                                  // Vault Enterprise, OpenBao
 *         .auth(VaultAuth.appRole(roleId, secretId))
 *         .tls(VaultTls.trusting(Path.of("/etc/vault/ca.pem")))
 *         .build();
 * }</pre>
 *
 * <p><b>Retries.</b> A call is sent again, after an exponential backoff with jitter (and at least
 * what a {@code Retry-After} header asks), when Vault answers 412, 429, 473 or 503 (the request was
 * not carried out: eventual consistency, rate limit or standby, sealed); and, for calls that are
 * safe to repeat (reads, deletes, destroys, metadata), also on 500, 502, 504, a timeout or a
 * broken connection. A secret write is never repeated after it may have reached Vault: a repeat
 * could add a second version or fail its own check-and-set.
 */
public final class VaultConnection {
    private final VaultHttp http;
    private final URI address;
    private final String namespace;
    private final VaultAuth auth;

    private VaultConnection(Builder b) {
        this.address = b.address;
        this.namespace = b.namespace;
        this.auth = b.auth;
        VaultHttp.Settings settings = new VaultHttp.Settings(b.address, b.namespace,
                b.tls == null ? null : b.tls.context(), or(b.connectTimeout, Duration.ofSeconds(5)),
                or(b.requestTimeout, Duration.ofSeconds(10)), or(b.maxRetries, 3), or(b.firstBackoff, Duration.ofMillis(100)),
                or(b.maxBackoff, Duration.ofSeconds(2)), or(b.clock, Clock.systemUTC()));
        this.http = new VaultHttp(settings, b.auth);
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    /** @return a builder; {@link Builder#address} and {@link Builder#auth} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the server's address */
    public URI address() {
        return address;
    }

    /** @return the namespace sent as {@code X-Vault-Namespace}, if any */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    VaultHttp http() {
        return http;
    }

    @Override
    public String toString() {
        return "VaultConnection[address=" + address + (namespace == null ? "" : ", namespace=" + namespace)
                + ", auth=" + auth + "]";
    }

    /**
     * Collects the settings of a {@link VaultConnection}. Each setting may be given once; giving it
     * again fails, so that two parts of a host's configuration cannot silently override each other.
     * Not thread-safe.
     */
    public static final class Builder {
        private URI address;
        private String namespace;
        private VaultAuth auth;
        private VaultTls tls;
        private Duration connectTimeout;
        private Duration requestTimeout;
        private Integer maxRetries;
        private Duration firstBackoff;
        private Duration maxBackoff;
        private Clock clock;

        private Builder() {
        }

        /**
         * @param address {@code http} or {@code https}, host and port, e.g. {@code https://vault:8200}
         * @return this builder
         */
        public Builder address(URI address) {
            once("address", this.address);
            Objects.requireNonNull(address, "address");
            if (!"http".equals(address.getScheme()) && !"https".equals(address.getScheme())) {
                throw new ValidationException("address", "must be an http or https URI");
            }
            if (address.getHost() == null || address.getRawQuery() != null || address.getRawFragment() != null) {
                throw new ValidationException("address", "must name a host and have no query or fragment");
            }
            this.address = address;
            return this;
        }

        /**
         * @param namespace a Vault Enterprise or OpenBao namespace, e.g. {@code team-a} or {@code org/team-a}
         * @return this builder
         */
        public Builder namespace(String namespace) {
            once("namespace", this.namespace);
            this.namespace = VaultPaths.mount("namespace", namespace);
            return this;
        }

        /**
         * @param auth how to authenticate
         * @return this builder
         */
        public Builder auth(VaultAuth auth) {
            once("auth", this.auth);
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * @param tls certificate authorities and client certificate; the JDK's defaults when not set
         * @return this builder
         */
        public Builder tls(VaultTls tls) {
            once("tls", this.tls);
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * @param connect how long opening a connection may take (default 5 s)
         * @param request how long one request may wait for its answer (default 10 s)
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration request) {
            once("timeouts", this.connectTimeout);
            this.connectTimeout = positive("timeouts.connect", connect);
            this.requestTimeout = positive("timeouts.request", request);
            return this;
        }

        /**
         * @param maxRetries how often a call is sent again at most (default 3; 0 for never)
         * @param firstBackoff the wait before the first retry, doubled for each further one (default 100 ms)
         * @param maxBackoff the longest wait between two tries (default 2 s)
         * @return this builder
         */
        public Builder retries(int maxRetries, Duration firstBackoff, Duration maxBackoff) {
            once("retries", this.maxRetries);
            if (maxRetries < 0 || maxRetries > 20) {
                throw new ValidationException("retries.maxRetries", "must be 0 to 20");
            }
            this.maxRetries = maxRetries;
            this.firstBackoff = positive("retries.firstBackoff", firstBackoff);
            this.maxBackoff = positive("retries.maxBackoff", maxBackoff);
            if (maxBackoff.compareTo(firstBackoff) < 0) {
                throw new ValidationException("retries.maxBackoff", "must not be shorter than firstBackoff");
            }
            return this;
        }

        /**
         * @param clock the clock token leases are timed by (the system clock by default)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            once("clock", this.clock);
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the connection
         * @throws ValidationException if the address or the authentication is missing
         */
        public VaultConnection build() {
            if (address == null) {
                throw new ValidationException("address", "is required");
            }
            if (auth == null) {
                throw new ValidationException("auth", "is required (VaultAuth.token or VaultAuth.appRole)");
            }
            return new VaultConnection(this);
        }

        private static void once(String field, Object current) {
            if (current != null) {
                throw new ValidationException(field, "is already set");
            }
        }

        private static Duration positive(String field, Duration d) {
            Objects.requireNonNull(d, field);
            if (d.isNegative() || d.isZero()) {
                throw new ValidationException(field, "must be positive");
            }
            return d;
        }
    }
}
