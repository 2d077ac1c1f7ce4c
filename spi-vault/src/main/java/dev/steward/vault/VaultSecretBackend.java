package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.ConflictException;
import dev.steward.SecretIntegrityException;
import dev.steward.ValidationException;
import dev.steward.credential.SecretScanner;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretBackendCapabilities;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.spi.SecretVersionInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SecretBackend} on the KV version 2 secrets engine of HashiCorp Vault or OpenBao.
 *
 * <pre>{@code
 * SecretBackend secrets = EncryptingSecretBackend.wrap(
 *         VaultSecretBackend.builder().connection(vault).mount("secret").pathPrefix("steward/").build(),
 *         kek);
 * }</pre>
 *
 * <p><b>Layout.</b> A reference {@code r} lives at the KV key {@code <pathPrefix><r>} of the mount.
 * Each version's data is {@code {"value": "<base64 of the bytes>", "encoding": "base64"}}, so any
 * bytes round-trip. Version numbers, check-and-set ({@code options.cas}), soft delete
 * ({@code /delete}) and destroy ({@code /destroy} of every version, keeping the metadata so that
 * numbers never restart) are Vault's own. Labels passed to
 * {@link #put(SecretRef, byte[], OptionalLong, Map)} become the key's {@code custom_metadata},
 * together with {@code steward-ref}; with {@link Builder#maxVersions(int)}, the backend sets the
 * key's {@code max_versions} before it first writes to it. Vault keeps 10 versions per key unless the mount or the key
 * says otherwise and deletes older ones for good: size {@code maxVersions} to the history you need.
 *
 * <p><b>Round trips.</b> {@code put} is one request (one more with labels, and one more on this
 * backend's first write to a key when {@code maxVersions} is set); {@code get} is one (more only when the latest version is deleted and
 * an older one is read instead); {@code get(ref, version)}, {@code versions} and {@code delete}
 * are one; {@code destroy} is two.
 *
 * <p><b>Errors.</b> Every failure is a typed Steward exception whose message names the Vault
 * address, the operation and the status, never a token or material:
 * <table>
 *   <caption>Vault answers and what they become</caption>
 *   <tr><th>Vault answers</th><th>Steward throws</th></tr>
 *   <tr><td>400 {@code check-and-set parameter did not match the current version}</td>
 *       <td>{@link ConflictException}</td></tr>
 *   <tr><td>400 {@code check-and-set parameter required for this call} (mount with {@code cas_required})</td>
 *       <td>{@link ValidationException} on {@code expectedVersion}</td></tr>
 *   <tr><td>404 with an empty error list on a read, list of versions, delete or destroy</td>
 *       <td>empty result, no change</td></tr>
 *   <tr><td>404 with a message (no such route: a wrong mount)</td>
 *       <td>{@link VaultException} {@code UNEXPECTED_RESPONSE}</td></tr>
 *   <tr><td>a version whose data is not a Steward value</td><td>{@link SecretIntegrityException}</td></tr>
 *   <tr><td>other 400, 405</td><td>{@link VaultException} {@code INVALID_REQUEST}</td></tr>
 *   <tr><td>401, 403 (after one fresh login for AppRole)</td><td>{@link VaultException} {@code PERMISSION_DENIED}</td></tr>
 *   <tr><td>AppRole login or renewal refused</td><td>{@link VaultException} {@code LOGIN_FAILED}</td></tr>
 *   <tr><td>429 rate limit, after retries</td><td>{@link VaultException} {@code RATE_LIMITED}</td></tr>
 *   <tr><td>429 standby, 412, 473, after retries</td><td>{@link VaultException} {@code STANDBY}</td></tr>
 *   <tr><td>503 sealed, after retries</td><td>{@link VaultException} {@code SEALED}</td></tr>
 *   <tr><td>500, 502, 504 (retried for reads, deletes and destroys)</td><td>{@link VaultException} {@code SERVER_ERROR}</td></tr>
 *   <tr><td>no answer within the request timeout</td><td>{@link VaultException} {@code TIMEOUT}</td></tr>
 *   <tr><td>connection refused, reset or closed</td><td>{@link VaultException} {@code CONNECTION_FAILED}</td></tr>
 *   <tr><td>anything else</td><td>{@link VaultException} {@code UNEXPECTED_RESPONSE}</td></tr>
 * </table>
 * {@link VaultException} is a {@link dev.steward.BackendUnavailableException}. Retries are
 * described on {@link VaultConnection}.
 *
 * <p>Thread-safe and immutable; concurrent writers to one reference are ordered by Vault's
 * check-and-set.
 */
public final class VaultSecretBackend implements SecretBackend {
    private static final Logger LOG = LoggerFactory.getLogger(VaultSecretBackend.class);
    /** Redacts issued keys from the reference a log line names (the exception's message already is). */
    private static final SecretScanner KEYS = SecretScanner.create();
    private static final SecretBackendCapabilities CAPABILITIES = new SecretBackendCapabilities(true, true);
    private static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";
    private static final String CAS_REQUIRED = "check-and-set parameter required";
    private static final int MAX_LABELS = 16;
    /** How many keys' {@code max_versions} this backend remembers having set. */
    private static final int SIZED_KEYS = 10_000;

    private final VaultConnection connection;
    private final VaultHttp http;
    private final String mount;
    private final String prefix;
    private final int maxVersions;
    private final Set<String> sized = ConcurrentHashMap.newKeySet();

    private VaultSecretBackend(Builder b) {
        this.connection = b.connection;
        this.http = b.connection.http();
        this.mount = b.mount;
        this.prefix = b.prefix;
        this.maxVersions = b.maxVersions;
    }

    /** @return a builder; {@link Builder#connection} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return versioning and soft delete */
    @Override
    public SecretBackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public long put(SecretRef ref, byte[] value, OptionalLong expectedVersion) {
        return put(ref, value, expectedVersion, Map.of());
    }

    /**
     * Writes a new version and then, if there are labels, the key's custom metadata. A failure to
     * write the metadata after the value was written is logged, not thrown: the version exists.
     */
    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#create-update-secret
    @Override
    public long put(SecretRef ref, byte[] value, OptionalLong expectedVersion, Map<String, String> labels) {
        SecretBackend.checkPut(ref, value, expectedVersion);
        String key = key(ref);
        checkLabels(labels);
        if (maxVersions > 0 && !sized.contains(key)) {
            size(ref, key);
        }
        ObjectNode body = VaultHttp.JSON.createObjectNode();
        expectedVersion.ifPresent(v -> body.putObject("options").put("cas", v));
        body.putObject("data").put("value", Base64.getEncoder().encodeToString(value)).put("encoding", "base64");
        String operation = "writing secret " + ref.path();
        VaultHttp.Response r = http.call(operation, "POST", mount + "/data/" + key, body, false);
        if (r.status() == 400 && mentions(r, CAS_MISMATCH)) {
            throw new ConflictException("secret " + ref.path() + " is not at the expected version "
                    + expectedVersion.orElse(0) + " (Vault check-and-set)");
        }
        if (r.status() == 400 && mentions(r, CAS_REQUIRED)) {
            throw new ValidationException("expectedVersion", "is required: the Vault mount " + mount + " requires check-and-set");
        }
        if (!r.ok()) {
            throw http.failure(operation, r);
        }
        JsonNode version = r.data().path("version");
        if (!version.canConvertToLong() || version.asLong() < 1) {
            throw http.unexpected(operation, "the answer has no version number");
        }
        if (!labels.isEmpty()) {
            writeMetadata(ref, key, labels);
        }
        return version.asLong();
    }

    /**
     * Sets the key's {@code max_versions} before this backend first writes to it, so that Vault
     * never prunes versions under the mount's default while writers race on a new key. Creates the
     * key's metadata if needed; fields not sent are kept.
     */
    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#create-update-metadata
    private void size(SecretRef ref, String key) {
        ObjectNode body = VaultHttp.JSON.createObjectNode().put("max_versions", maxVersions);
        String operation = "setting max_versions of secret " + ref.path();
        VaultHttp.Response r = http.call(operation, "POST", mount + "/metadata/" + key, body, true);
        if (!r.ok()) {
            throw http.failure(operation, r);
        }
        if (sized.size() >= SIZED_KEYS) {
            sized.clear();
        }
        sized.add(key);
    }

    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#create-update-metadata
    private void writeMetadata(SecretRef ref, String key, Map<String, String> labels) {
        ObjectNode body = VaultHttp.JSON.createObjectNode();
        ObjectNode custom = body.putObject("custom_metadata");
        labels.forEach(custom::put);
        custom.put("steward-ref", ref.path());
        String operation = "writing the metadata of secret " + ref.path();
        try {
            VaultHttp.Response r = http.call(operation, "POST", mount + "/metadata/" + key, body, true);
            if (!r.ok()) {
                throw http.failure(operation, r);
            }
        } catch (VaultException e) {
            LOG.warn("secret {} was written but its metadata was not: {}", KEYS.redact(String.valueOf(ref)),
                    e.getMessage());
        }
    }

    /** Returns the latest version; when Vault's latest is deleted or destroyed, the newest readable one. */
    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#read-secret-version
    @Override
    public Optional<SecretVersion> get(SecretRef ref) {
        String key = key(ref);
        String operation = "reading secret " + ref.path();
        VaultHttp.Response r = http.call(operation, "GET", mount + "/data/" + key, null, true);
        if (r.status() == 404 && r.data().path("metadata").isObject()) {
            // A deleted or destroyed latest version answers 404 with its metadata.
            return newestReadable(ref);
        }
        return missing(r) ? Optional.empty() : version(ref, operation, r);
    }

    private Optional<SecretVersion> newestReadable(SecretRef ref) {
        List<SecretVersionInfo> infos = new ArrayList<>(versions(ref));
        infos.sort(Comparator.comparingLong(SecretVersionInfo::version).reversed());
        for (SecretVersionInfo info : infos) {
            if (info.deletedAt().isEmpty() && !info.destroyed()) {
                Optional<SecretVersion> found = get(ref, info.version());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#read-secret-version
    @Override
    public Optional<SecretVersion> get(SecretRef ref, long version) {
        String key = key(ref);
        if (version < 1) {
            return Optional.empty();
        }
        String operation = "reading version " + version + " of secret " + ref.path();
        VaultHttp.Response r = http.call(operation, "GET", mount + "/data/" + key + "?version=" + version, null, true);
        return r.status() == 404 && (missing(r) || r.data().path("metadata").isObject()) ? Optional.empty()
                : version(ref, operation, r);
    }

    private Optional<SecretVersion> version(SecretRef ref, String operation, VaultHttp.Response r) {
        if (!r.ok()) {
            throw http.failure(operation, r);
        }
        JsonNode data = r.data().path("data");
        JsonNode metadata = r.data().path("metadata");
        if (data.isNull() || metadata.path("destroyed").asBoolean() || !metadata.path("deletion_time").asText().isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = data.path("value");
        if (!value.isTextual() || !"base64".equals(data.path("encoding").asText())) {
            throw new SecretIntegrityException(ref, null, "the Vault secret does not hold a Steward value "
                    + "(base64 in \"value\" with \"encoding\": \"base64\")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new SecretIntegrityException(ref, null, "the Vault secret's value is not valid base64");
        }
        try {
            return Optional.of(new SecretVersion(metadata.path("version").asLong(), bytes,
                    time(operation, metadata.path("created_time"))));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#read-secret-metadata
    @Override
    public List<SecretVersionInfo> versions(SecretRef ref) {
        String key = key(ref);
        String operation = "listing the versions of secret " + ref.path();
        VaultHttp.Response r = http.call(operation, "GET", mount + "/metadata/" + key, null, true);
        if (missing(r)) {
            return List.of();
        }
        if (!r.ok() || !r.data().path("versions").isObject()) {
            throw r.ok() ? http.unexpected(operation, "the answer has no versions") : http.failure(operation, r);
        }
        List<SecretVersionInfo> infos = new ArrayList<>();
        for (var e : r.data().path("versions").properties()) {
            long number;
            try {
                number = Long.parseLong(e.getKey());
            } catch (NumberFormatException bad) {
                throw http.unexpected(operation, "a version is not numbered");
            }
            JsonNode v = e.getValue();
            String deleted = v.path("deletion_time").asText();
            infos.add(new SecretVersionInfo(number, time(operation, v.path("created_time")),
                    deleted.isEmpty() ? Optional.empty() : Optional.of(time(operation, v.path("deletion_time"))),
                    v.path("destroyed").asBoolean()));
        }
        infos.sort(Comparator.comparingLong(SecretVersionInfo::version));
        return List.copyOf(infos);
    }

    /** Soft-deletes one version with Vault's {@code /delete}; it can be restored in Vault with {@code /undelete}. */
    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#delete-secret-versions
    @Override
    public void delete(SecretRef ref, long version) {
        String key = key(ref);
        if (version < 1) {
            return;
        }
        change("deleting version " + version + " of secret " + ref.path(), mount + "/delete/" + key, List.of(version));
    }

    /** Destroys every version Vault still lists with {@code /destroy}; the metadata stays, so numbers go on. */
    // https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#destroy-secret-versions
    @Override
    public void destroy(SecretRef ref) {
        String key = key(ref);
        List<Long> numbers = new ArrayList<>();
        versions(ref).forEach(v -> numbers.add(v.version()));
        if (!numbers.isEmpty()) {
            change("destroying secret " + ref.path(), mount + "/destroy/" + key, numbers);
        }
    }

    private void change(String operation, String path, List<Long> versions) {
        ObjectNode body = VaultHttp.JSON.createObjectNode();
        versions.forEach(body.putArray("versions")::add);
        VaultHttp.Response r = http.call(operation, "POST", path, body, true);
        if (!r.ok() && !missing(r)) {
            throw http.failure(operation, r);
        }
    }

    private String key(SecretRef ref) {
        return VaultPaths.key(prefix, Objects.requireNonNull(ref, "ref"));
    }

    /**
     * Nothing at the path: Vault answers 404 with an empty error list. A 404 with a message (no
     * route, e.g. a wrong mount) is a configuration error and must not read as an empty secret.
     */
    private static boolean missing(VaultHttp.Response r) {
        return r.status() == 404 && r.errors().isEmpty();
    }

    private static boolean mentions(VaultHttp.Response r, String text) {
        return r.errors().stream().anyMatch(e -> e.contains(text));
    }

    private Instant time(String operation, JsonNode text) {
        try {
            return Instant.parse(text.asText());
        } catch (DateTimeParseException e) {
            throw http.unexpected(operation, "a time is not in RFC 3339 form");
        }
    }

    private static void checkLabels(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.size() > MAX_LABELS) {
            throw new ValidationException("labels", "must be at most " + MAX_LABELS);
        }
        labels.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 64 || v == null || v.length() > 256) {
                throw new ValidationException("labels", "keys must be 1 to 64 and values at most 256 characters");
            }
        });
    }

    /** @return {@code VaultSecretBackend} */
    @Override
    public String name() {
        return "VaultSecretBackend";
    }

    @Override
    public String toString() {
        return "VaultSecretBackend[" + connection + ", mount=" + mount + ", pathPrefix=" + prefix
                + (maxVersions > 0 ? ", maxVersions=" + maxVersions : "") + "]";
    }

    /** Collects the settings of a {@link VaultSecretBackend}; each may be given once. Not thread-safe. */
    public static final class Builder {
        private VaultConnection connection;
        private String mount;
        private String prefix;
        private int maxVersions = -1;

        private Builder() {
        }

        /**
         * @param connection the Vault server and how to reach it
         * @return this builder
         */
        public Builder connection(VaultConnection connection) {
            once("connection", this.connection == null);
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /**
         * @param mount where the KV version 2 engine is mounted ({@code secret} by default)
         * @return this builder
         */
        public Builder mount(String mount) {
            once("mount", this.mount == null);
            this.mount = VaultPaths.mount("mount", mount);
            return this;
        }

        /**
         * @param pathPrefix put before every reference's path, e.g. {@code steward/} (none by default)
         * @return this builder
         */
        public Builder pathPrefix(String pathPrefix) {
            once("pathPrefix", this.prefix == null);
            this.prefix = VaultPaths.prefix(pathPrefix);
            return this;
        }

        /**
         * @param maxVersions the {@code max_versions} set on each key before this backend first writes it, 1 to
         *     10,000; when not set, the mount's setting applies (10 unless configured)
         * @return this builder
         */
        public Builder maxVersions(int maxVersions) {
            once("maxVersions", this.maxVersions < 0);
            if (maxVersions < 1 || maxVersions > 10_000) {
                throw new ValidationException("maxVersions", "must be 1 to 10000");
            }
            this.maxVersions = maxVersions;
            return this;
        }

        /**
         * @return the backend
         * @throws ValidationException if the connection is missing
         */
        public VaultSecretBackend build() {
            if (connection == null) {
                throw new ValidationException("connection", "is required");
            }
            Builder b = new Builder();
            b.connection = connection;
            b.mount = mount == null ? "secret" : mount;
            b.prefix = prefix == null ? "" : prefix;
            b.maxVersions = Math.max(maxVersions, 0);
            return new VaultSecretBackend(b);
        }

        private static void once(String field, boolean unset) {
            if (!unset) {
                throw new ValidationException(field, "is already set");
            }
        }
    }
}
