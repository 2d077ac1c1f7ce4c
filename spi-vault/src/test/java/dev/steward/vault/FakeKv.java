package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One KV version 2 mount of the fake Vault, following the API document
 * https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2 (paths, JSON shapes, status
 * codes) and the engine's documented behaviour: versions count from 1 and never restart while the
 * metadata exists; {@code max_versions} 0 means 10 kept; a read of a deleted or destroyed version
 * answers 404 with its metadata; {@code cas} mismatches are 400 with Vault's message. One lock for
 * the whole mount, as the tests need no more.
 */
final class FakeKv {
    private final Clock clock;
    private final Map<String, Key> keys = new TreeMap<>();
    /** Mount configuration: POST /:mount/config. */
    private int mountMaxVersions;
    private boolean mountCasRequired;

    FakeKv(Clock clock) {
        this.clock = clock;
    }

    synchronized void configure(int maxVersions, boolean casRequired) {
        this.mountMaxVersions = maxVersions;
        this.mountCasRequired = casRequired;
    }

    /** The version metadata Vault keeps per version. */
    private static final class Version {
        final long number;
        final Instant created;
        Instant deleted;
        boolean destroyed;
        JsonNode data;

        Version(long number, Instant created, JsonNode data) {
            this.number = number;
            this.created = created;
            this.data = data;
        }
    }

    /** A key's metadata and versions. */
    private static final class Key {
        final Instant created;
        Instant updated;
        long current;
        int maxVersions;
        boolean casRequired;
        Map<String, String> custom = new LinkedHashMap<>();
        final TreeMap<Long, Version> versions = new TreeMap<>();

        Key(Instant created) {
            this.created = created;
            this.updated = created;
        }
    }

    /**
     * @param op {@code data}, {@code metadata}, {@code delete}, {@code undelete}, {@code destroy} or {@code config}
     * @param key the path after the operation
     */
    synchronized FakeVault.Answer handle(String method, String op, String key, Map<String, String> query, JsonNode body) {
        switch (op + " " + method) {
            case "data POST":
            case "data PUT":
                return write(key, body);
            case "data GET":
                return read(key, query.getOrDefault("version", "0"));
            case "data DELETE":
                return deleteLatest(key);
            case "metadata GET":
                return metadata(key);
            case "metadata POST":
            case "metadata PUT":
                return writeMetadata(key, body);
            case "metadata DELETE":
                keys.remove(key);
                return FakeVault.Answer.noContent();
            case "delete POST":
            case "undelete POST":
            case "destroy POST":
                return versions(op, key, body);
            case "config POST":
                configure(body.path("max_versions").asInt(), body.path("cas_required").asBoolean());
                return FakeVault.Answer.noContent();
            default:
                return FakeVault.Answer.error(405, "1 error occurred:\n\t* unsupported operation\n\n");
        }
    }

    // "Create/Update secret": options.cas, the check-and-set errors, and the version metadata answer.
    private FakeVault.Answer write(String key, JsonNode body) {
        if (!body.path("data").isObject()) {
            return FakeVault.Answer.error(400, "no data provided");
        }
        Key k = keys.get(key);
        long current = k == null ? 0 : k.current;
        JsonNode cas = body.path("options").path("cas");
        boolean casRequired = mountCasRequired || (k != null && k.casRequired);
        if (cas.isMissingNode() && casRequired) {
            return FakeVault.Answer.error(400, "check-and-set parameter required for this call");
        }
        if (!cas.isMissingNode() && cas.asLong() != current) {
            return FakeVault.Answer.error(400, "check-and-set parameter did not match the current version");
        }
        Instant now = clock.instant();
        if (k == null) {
            k = new Key(now);
            keys.put(key, k);
        }
        k.current = current + 1;
        k.updated = now;
        k.versions.put(k.current, new Version(k.current, now, body.path("data").deepCopy()));
        int keep = k.maxVersions > 0 ? k.maxVersions : mountMaxVersions > 0 ? mountMaxVersions : 10;
        while (k.versions.size() > keep) {
            k.versions.pollFirstEntry();
        }
        return FakeVault.Answer.ok(FakeVault.data(versionMetadata(k, k.versions.get(k.current))));
    }

    // "Read secret version": ?version=0 or none is the latest; 404 with metadata when deleted or destroyed.
    private FakeVault.Answer read(String key, String versionText) {
        Key k = keys.get(key);
        long wanted;
        try {
            wanted = Long.parseLong(versionText);
        } catch (NumberFormatException e) {
            return FakeVault.Answer.error(400, "invalid version");
        }
        if (k == null) {
            return FakeVault.Answer.notFound();
        }
        Version v = k.versions.get(wanted == 0 ? k.current : wanted);
        if (v == null) {
            return FakeVault.Answer.notFound();
        }
        ObjectNode data = FakeVault.JSON.createObjectNode();
        data.set("metadata", versionMetadata(k, v));
        if (v.destroyed || (v.deleted != null && !v.deleted.isAfter(clock.instant()))) {
            data.putNull("data");
            return new FakeVault.Answer(404, FakeVault.data(data), 0);
        }
        data.set("data", v.data);
        return FakeVault.Answer.ok(FakeVault.data(data));
    }

    private FakeVault.Answer deleteLatest(String key) {
        Key k = keys.get(key);
        if (k != null && k.versions.containsKey(k.current)) {
            softDelete(k.versions.get(k.current));
        }
        return FakeVault.Answer.noContent();
    }

    // "Read secret metadata".
    private FakeVault.Answer metadata(String key) {
        Key k = keys.get(key);
        if (k == null) {
            return FakeVault.Answer.notFound();
        }
        ObjectNode d = FakeVault.JSON.createObjectNode();
        d.put("cas_required", k.casRequired).put("created_time", k.created.toString())
                .put("current_version", k.current).put("delete_version_after", "0s")
                .put("max_versions", k.maxVersions)
                .put("oldest_version", k.versions.isEmpty() ? 0 : k.versions.firstKey())
                .put("updated_time", k.updated.toString());
        custom(d, k);
        ObjectNode versions = d.putObject("versions");
        for (Version v : k.versions.values()) {
            versions.putObject(Long.toString(v.number)).put("created_time", v.created.toString())
                    .put("deletion_time", v.deleted == null ? "" : v.deleted.toString()).put("destroyed", v.destroyed);
        }
        return FakeVault.Answer.ok(FakeVault.data(d));
    }

    // "Create/Update metadata": creates the key's metadata if it does not exist yet.
    private FakeVault.Answer writeMetadata(String key, JsonNode body) {
        Key k = keys.computeIfAbsent(key, p -> new Key(clock.instant()));
        if (body.has("max_versions")) {
            k.maxVersions = body.path("max_versions").asInt();
        }
        if (body.has("cas_required")) {
            k.casRequired = body.path("cas_required").asBoolean();
        }
        if (body.path("custom_metadata").isObject()) {
            Map<String, String> custom = new LinkedHashMap<>();
            body.path("custom_metadata").properties().forEach(e -> custom.put(e.getKey(), e.getValue().asText()));
            k.custom = custom;
        }
        k.updated = clock.instant();
        return FakeVault.Answer.noContent();
    }

    // "Delete secret versions", "Undelete secret versions", "Destroy secret versions".
    private FakeVault.Answer versions(String op, String key, JsonNode body) {
        if (!body.path("versions").isArray() || body.path("versions").isEmpty()) {
            return FakeVault.Answer.error(400, "no version number provided");
        }
        Key k = keys.get(key);
        if (k == null) {
            return FakeVault.Answer.noContent();
        }
        for (JsonNode n : body.path("versions")) {
            Version v = k.versions.get(n.asLong());
            if (v == null || v.destroyed) {
                continue;
            }
            if (op.equals("delete")) {
                softDelete(v);
            } else if (op.equals("undelete")) {
                v.deleted = null;
            } else {
                v.destroyed = true;
                v.data = null;
            }
        }
        return FakeVault.Answer.noContent();
    }

    private void softDelete(Version v) {
        if (v.deleted == null) {
            v.deleted = clock.instant();
        }
    }

    private static ObjectNode versionMetadata(Key k, Version v) {
        ObjectNode m = FakeVault.JSON.createObjectNode();
        m.put("created_time", v.created.toString());
        custom(m, k);
        m.put("deletion_time", v.deleted == null ? "" : v.deleted.toString()).put("destroyed", v.destroyed)
                .put("version", v.number);
        return m;
    }

    private static void custom(ObjectNode target, Key k) {
        if (k.custom.isEmpty()) {
            target.putNull("custom_metadata");
        } else {
            ObjectNode c = target.putObject("custom_metadata");
            k.custom.forEach(c::put);
        }
    }

    /** @return the key's custom metadata, for assertions */
    synchronized Map<String, String> customMetadata(String key) {
        Key k = keys.get(key);
        return k == null ? Map.of() : Map.copyOf(k.custom);
    }
}
