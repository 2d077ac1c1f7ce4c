package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.NotFoundException;
import dev.steward.ValidationException;
import dev.steward.spi.AuditSigner;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs audit checkpoints with an {@code ed25519} key of Vault's Transit engine, so the private key
 * never leaves Vault. The signature Vault returns ({@code vault:v<N>:<base64>}) is a plain Ed25519
 * signature once the prefix is stripped, so checkpoints verify with the public key Vault exports at
 * {@code transit/keys/<name>}, by {@link dev.steward.audit.AuditVerifier} and without Vault.
 *
 * <pre>{@code
 * // once, in Vault: vault write transit/keys/steward-audit type=ed25519
 * AuditSigner signer = VaultTransitSigner.create(vault, "transit", "steward-audit");
 * Steward steward = Steward.builder().store(store).auditSigner(signer).build();
 * }</pre>
 *
 * <p><b>Key versions.</b> The signer pins one version of the key, the latest when it is created
 * (or the one given), and records it in the key id: {@code vault-transit:<name>:v<N>}. Every
 * signature is requested for that version ({@code key_version}), so the key id a checkpoint
 * records always names the key that signed it. After a rotation in Vault, a signer created anew
 * signs with the new version; {@link #publicKeys()} lists every version's public key, so a log
 * spanning the rotation verifies with {@link dev.steward.audit.AuditKeys#of(AuditSigner)}, or with
 * the keys an auditor exported from Vault.
 *
 * <p>Failures are {@link VaultException}s, as for {@link VaultSecretBackend}. Thread-safe.
 */
public final class VaultTransitSigner implements AuditSigner {
    /** The algorithm recorded on checkpoints. */
    public static final String ALGORITHM = "Ed25519";
    private static final int SIGNATURE_BYTES = 64;

    private final VaultHttp http;
    private final String mount;
    private final String name;
    private final int version;
    private final byte[] publicKey;

    private VaultTransitSigner(VaultHttp http, String mount, String name, int version, byte[] publicKey) {
        this.http = http;
        this.mount = mount;
        this.name = name;
        this.version = version;
        this.publicKey = publicKey;
    }

    /**
     * Reads the key and pins its latest version.
     *
     * @param connection the Vault server
     * @param mount where Transit is mounted, e.g. {@code transit}
     * @param keyName the key's name; its type must be {@code ed25519}
     * @return the signer
     * @throws NotFoundException if there is no such key
     * @throws ValidationException if the key is not an ed25519 key
     * @throws VaultException if Vault cannot be asked
     */
    public static VaultTransitSigner create(VaultConnection connection, String mount, String keyName) {
        return create(connection, mount, keyName, 0);
    }

    /**
     * @param connection the Vault server
     * @param mount where Transit is mounted, e.g. {@code transit}
     * @param keyName the key's name; its type must be {@code ed25519}
     * @param keyVersion the version to sign with, from 1; 0 for the latest
     * @return the signer
     * @throws NotFoundException if there is no such key or version
     * @throws ValidationException if the key is not an ed25519 key
     * @throws VaultException if Vault cannot be asked
     */
    public static VaultTransitSigner create(VaultConnection connection, String mount, String keyName, int keyVersion) {
        Objects.requireNonNull(connection, "connection");
        String m = VaultPaths.mount("mount", mount);
        String n = VaultPaths.mount("keyName", keyName);
        if (keyVersion < 0) {
            throw new ValidationException("keyVersion", "must be 0 (the latest) or more");
        }
        JsonNode key = readKey(connection.http(), m, n);
        int version = keyVersion == 0 ? key.path("latest_version").asInt() : keyVersion;
        byte[] publicKey = keys(connection.http(), m, n, key).get(TransitKey.keyId(n, version));
        if (publicKey == null) {
            throw new NotFoundException("Vault Transit key version", m + "/" + n + " v" + version);
        }
        return new VaultTransitSigner(connection.http(), m, n, version, publicKey);
    }

    private static JsonNode readKey(VaultHttp http, String mount, String name) {
        JsonNode key = TransitKey.read(http, mount, name);
        String type = key.path("type").asText();
        if (!"ed25519".equals(type)) {
            throw new ValidationException("keyName", "Transit key " + name + " is of type " + type
                    + "; audit checkpoints need an ed25519 key");
        }
        return key;
    }

    /** For ed25519, {@code keys.<version>.public_key} is the raw 32-byte public key in base64. */
    private static Map<String, byte[]> keys(VaultHttp http, String mount, String name, JsonNode key) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (var e : key.path("keys").properties()) {
            out.put(TransitKey.keyId(name, Integer.parseInt(e.getKey())),
                    TransitKey.ed25519PublicKey(http, mount, name, e.getKey(), e.getValue()));
        }
        return out;
    }

    /** @return {@code vault-transit:<name>:v<version>} */
    @Override
    public String keyId() {
        return TransitKey.keyId(name, version);
    }

    /** @return {@code Ed25519} */
    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    /** @return the pinned version's raw 32-byte public key */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Reads the key from Vault again: every version's public key, by key id. */
    @Override
    public Map<String, byte[]> publicKeys() {
        return keys(http, mount, name, readKey(http, mount, name));
    }

    /**
     * Signs with the pinned key version in Vault.
     *
     * @throws VaultException if Vault refuses or cannot be reached, or signs with another version
     */
    @Override
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        ObjectNode body = VaultHttp.JSON.createObjectNode().put("input", Base64.getEncoder().encodeToString(message));
        String signature = TransitKey.sign(http, mount, name, version, body);
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != SIGNATURE_BYTES) {
            throw http.unexpected("signing with Transit key " + mount + "/" + name,
                    "the signature is not 64 bytes of base64");
        }
        return raw;
    }

    /**
     * Asks Vault whether a signature of this signer's key version is valid ({@code transit/verify}).
     * Auditors need not: the public key suffices. This is for hosts that check with Vault itself.
     *
     * @param message the signed bytes
     * @param signature the raw 64-byte signature
     * @return whether Vault says it verifies
     */
    // https://developer.hashicorp.com/vault/api-docs/secret/transit#verify-signed-data
    public boolean verifyInVault(byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        ObjectNode body = VaultHttp.JSON.createObjectNode().put("input", Base64.getEncoder().encodeToString(message))
                .put("signature", "vault:v" + version + ":" + Base64.getEncoder().encodeToString(signature));
        String operation = "verifying with Transit key " + mount + "/" + name;
        VaultHttp.Response r = http.call(operation, "POST", mount + "/verify/" + name, body, true);
        if (!r.ok() || !r.data().path("valid").isBoolean()) {
            throw r.ok() ? http.unexpected(operation, "the answer has no validity") : http.failure(operation, r);
        }
        return r.data().path("valid").asBoolean();
    }

    @Override
    public String toString() {
        return "VaultTransitSigner[" + http.name() + ", key=" + mount + "/" + name + ", version=" + version + "]";
    }
}
