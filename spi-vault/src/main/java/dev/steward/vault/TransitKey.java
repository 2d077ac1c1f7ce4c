package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.NotFoundException;
import java.util.Base64;

/** The Transit endpoints both signers use: read a key, sign with a pinned version. */
final class TransitKey {
    private TransitKey() {
    }

    /**
     * Reads a key ({@code GET <mount>/keys/<name>}).
     *
     * @return the answer's {@code data}: {@code type}, {@code latest_version}, {@code keys} by version
     * @throws NotFoundException if there is no such key
     */
    // https://developer.hashicorp.com/vault/api-docs/secret/transit#read-key
    static JsonNode read(VaultHttp http, String mount, String name) {
        String operation = "reading Transit key " + mount + "/" + name;
        VaultHttp.Response r = http.call(operation, "GET", mount + "/keys/" + name, null, true);
        if (r.status() == 404 && r.errors().isEmpty()) {
            throw new NotFoundException("Vault Transit key", mount + "/" + name);
        }
        if (!r.ok()) {
            throw http.failure(operation, r);
        }
        return r.data();
    }

    /**
     * @param version a key version's entry in {@code keys}, for an ed25519 key
     * @return its {@code public_key}: the raw 32-byte public key in base64
     * @throws VaultException if it is not that
     */
    static byte[] ed25519PublicKey(VaultHttp http, String mount, String name, String versionNumber, JsonNode version) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(version.path("public_key").asText());
        } catch (IllegalArgumentException bad) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw http.unexpected("reading Transit key " + mount + "/" + name,
                    "version " + versionNumber + " has no 32-byte ed25519 public key");
        }
        return raw;
    }

    /**
     * Signs with one version of a key ({@code POST <mount>/sign/<name>}).
     *
     * @param body the request: {@code input} and the key type's options; {@code key_version} is added
     * @return the signature as Vault encodes it, without its {@code vault:v<version>:} prefix
     * @throws VaultException if Vault refuses or cannot be reached, or signs with another version
     */
    // https://developer.hashicorp.com/vault/api-docs/secret/transit#sign-data
    static String sign(VaultHttp http, String mount, String name, int version, ObjectNode body) {
        body.put("key_version", version);
        String operation = "signing with Transit key " + mount + "/" + name;
        VaultHttp.Response r = http.call(operation, "POST", mount + "/sign/" + name, body, true);
        if (!r.ok()) {
            throw http.failure(operation, r);
        }
        String prefix = "vault:v" + version + ":";
        String signature = r.data().path("signature").asText();
        if (!signature.startsWith(prefix)) {
            throw http.unexpected(operation, "the signature is not of version " + version);
        }
        return signature.substring(prefix.length());
    }

    /** {@return the key id of a version: {@code vault-transit:<name>:v<version>}} */
    static String keyId(String name, int version) {
        return "vault-transit:" + name + ":v" + version;
    }
}
