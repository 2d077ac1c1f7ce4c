package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Transit engine of the fake Vault, for {@code ed25519} keys only, following
 * https://developer.hashicorp.com/vault/api-docs/secret/transit: create key, read key (for
 * ed25519, {@code keys.<version>.public_key} is the raw 32-byte public key in base64), rotate key,
 * sign data ({@code input} in base64, optional {@code key_version}; the answer's {@code signature}
 * is {@code vault:v<version>:<base64>} and {@code key_version} names the version used) and verify
 * signed data ({@code valid}).
 */
final class FakeTransit {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<KeyVersion>> keys = new HashMap<>();

    private record KeyVersion(Ed25519PrivateKeyParameters key, Instant created) {
    }

    FakeTransit(Clock clock) {
        this.clock = clock;
    }

    synchronized FakeVault.Answer handle(String method, String path, JsonNode body) {
        String[] parts = path.split("/");
        if (parts.length == 2 && parts[0].equals("keys") && method.equals("POST")) {
            return create(parts[1], body);
        }
        if (parts.length == 2 && parts[0].equals("keys") && method.equals("GET")) {
            return read(parts[1]);
        }
        if (parts.length == 3 && parts[0].equals("keys") && parts[2].equals("rotate") && method.equals("POST")) {
            List<KeyVersion> versions = keys.get(parts[1]);
            if (versions == null) {
                return FakeVault.Answer.error(400, "key not found");
            }
            versions.add(new KeyVersion(new Ed25519PrivateKeyParameters(random), clock.instant()));
            return read(parts[1]);
        }
        if (parts.length == 2 && parts[0].equals("sign") && method.equals("POST")) {
            return sign(parts[1], body);
        }
        if (parts.length == 2 && parts[0].equals("verify") && method.equals("POST")) {
            return verify(parts[1], body);
        }
        return FakeVault.Answer.error(405, "1 error occurred:\n\t* unsupported operation\n\n");
    }

    private FakeVault.Answer create(String name, JsonNode body) {
        String type = body.path("type").asText("aes256-gcm96");
        if (!type.equals("ed25519")) {
            return FakeVault.Answer.error(400, "the fake Vault supports only ed25519 keys, not " + type);
        }
        keys.computeIfAbsent(name, n -> new ArrayList<>(List.of(
                new KeyVersion(new Ed25519PrivateKeyParameters(random), clock.instant()))));
        return read(name);
    }

    private FakeVault.Answer read(String name) {
        List<KeyVersion> versions = keys.get(name);
        if (versions == null) {
            return FakeVault.Answer.notFound();
        }
        ObjectNode d = FakeVault.JSON.createObjectNode();
        d.put("type", "ed25519").put("name", name).put("latest_version", versions.size())
                .put("min_available_version", 0).put("min_decryption_version", 1).put("min_encryption_version", 0)
                .put("supports_signing", true).put("supports_encryption", false).put("exportable", false)
                .put("deletion_allowed", false).put("derived", false);
        ObjectNode keyMap = d.putObject("keys");
        for (int i = 0; i < versions.size(); i++) {
            KeyVersion v = versions.get(i);
            keyMap.putObject(Integer.toString(i + 1)).put("creation_time", v.created().toString()).put("name", "ed25519")
                    .put("public_key", Base64.getEncoder().encodeToString(v.key().generatePublicKey().getEncoded()));
        }
        return FakeVault.Answer.ok(FakeVault.data(d));
    }

    private FakeVault.Answer sign(String name, JsonNode body) {
        List<KeyVersion> versions = keys.get(name);
        if (versions == null) {
            return FakeVault.Answer.error(400, "signing key not found");
        }
        int version = body.path("key_version").asInt(0);
        version = version == 0 ? versions.size() : version;
        if (version < 1 || version > versions.size()) {
            return FakeVault.Answer.error(400, "invalid key version");
        }
        byte[] input = decode(body.path("input"));
        if (input == null) {
            return FakeVault.Answer.error(400, "unable to decode input as base64");
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, versions.get(version - 1).key());
        signer.update(input, 0, input.length);
        String signature = "vault:v" + version + ":" + Base64.getEncoder().encodeToString(signer.generateSignature());
        ObjectNode d = FakeVault.JSON.createObjectNode().put("signature", signature).put("key_version", version);
        return FakeVault.Answer.ok(FakeVault.data(d));
    }

    private FakeVault.Answer verify(String name, JsonNode body) {
        List<KeyVersion> versions = keys.get(name);
        if (versions == null) {
            return FakeVault.Answer.error(400, "signature verification key not found");
        }
        String[] sig = body.path("signature").asText().split(":");
        byte[] input = decode(body.path("input"));
        if (sig.length != 3 || !sig[0].equals("vault") || !sig[1].matches("v[0-9]+") || input == null) {
            return FakeVault.Answer.error(400, "invalid signature");
        }
        int version = Integer.parseInt(sig[1].substring(1));
        byte[] signature = decode(FakeVault.JSON.getNodeFactory().textNode(sig[2]));
        if (version < 1 || version > versions.size() || signature == null) {
            return FakeVault.Answer.error(400, "invalid signature");
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, versions.get(version - 1).key().generatePublicKey());
        verifier.update(input, 0, input.length);
        return FakeVault.Answer.ok(FakeVault.data(FakeVault.JSON.createObjectNode()
                .put("valid", verifier.verifySignature(signature))));
    }

    private static byte[] decode(JsonNode text) {
        try {
            return text.isTextual() ? Base64.getDecoder().decode(text.asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
