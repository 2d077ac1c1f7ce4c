package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
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
 * The Transit engine of the fake Vault, following
 * https://developer.hashicorp.com/vault/api-docs/secret/transit and, where the page is silent,
 * Vault's own code (builtin/logical/transit, sdk/helper/keysutil), for keys of type
 * {@code ed25519} and {@code ecdsa-p256}, and {@code aes256-gcm96} (the default type) as a key that
 * cannot sign:
 * <ul>
 *   <li>create key ({@code type}), rotate key;</li>
 *   <li>read key: for ed25519, {@code keys.<version>.public_key} is the raw 32-byte public key in
 *       base64 and {@code name} is {@code ed25519}; for ecdsa-p256, {@code public_key} is a PEM
 *       {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) and {@code name} is {@code P-256}; for
 *       aes256-gcm96, {@code keys.<version>} is the creation time in Unix seconds;</li>
 *   <li>sign data ({@code input} in base64, optional {@code key_version}): ECDSA signs the
 *       {@code hash_algorithm} digest of the input ({@code sha2-256} unless the body or the URL
 *       ({@code sign/<name>/<hash>}) names another; the input itself when {@code prehashed});
 *       {@code marshaling_algorithm} {@code asn1} (the default: a DER signature in standard
 *       base64) or {@code jws} (the fixed-width {@code R || S} in URL-safe base64 without padding,
 *       which Vault applies to the encoding of ed25519 signatures too); Ed25519 ignores the hash.
 *       The answer's {@code signature} is {@code vault:v<version>:<encoded>} and {@code key_version}
 *       names the version used;</li>
 *   <li>verify signed data ({@code valid}), with the same hash and marshaling parameters.</li>
 * </ul>
 */
final class FakeTransit {
    private static final Map<String, String> DIGESTS = Map.of("sha1", "SHA-1", "sha2-224", "SHA-224",
            "sha2-256", "SHA-256", "sha2-384", "SHA-384", "sha2-512", "SHA-512", "sha3-224", "SHA3-224",
            "sha3-256", "SHA3-256", "sha3-384", "SHA3-384", "sha3-512", "SHA3-512");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Key> keys = new HashMap<>();

    /** One version of a key: Ed25519 or P-256 material, or none for a key that cannot sign. */
    private record KeyVersion(Ed25519PrivateKeyParameters ed25519, KeyPair ecdsa, Instant created) {
    }

    private record Key(String type, List<KeyVersion> versions) {
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
            Key key = keys.get(parts[1]);
            if (key == null) {
                return FakeVault.Answer.error(400, "key not found");
            }
            key.versions().add(generate(key.type()));
            return read(parts[1]);
        }
        boolean signOrVerify = parts.length == 2 || parts.length == 3;
        if (signOrVerify && parts[0].equals("sign") && method.equals("POST")) {
            return sign(parts[1], parts.length == 3 ? parts[2] : null, body);
        }
        if (signOrVerify && parts[0].equals("verify") && method.equals("POST")) {
            return verify(parts[1], parts.length == 3 ? parts[2] : null, body);
        }
        return FakeVault.Answer.error(405, "1 error occurred:\n\t* unsupported operation\n\n");
    }

    private FakeVault.Answer create(String name, JsonNode body) {
        String type = body.path("type").asText("aes256-gcm96");
        if (!List.of("ed25519", "ecdsa-p256", "aes256-gcm96").contains(type)) {
            return FakeVault.Answer.error(400, "the fake Vault supports only ed25519, ecdsa-p256 and aes256-gcm96 "
                    + "keys, not " + type);
        }
        keys.computeIfAbsent(name, n -> new Key(type, new ArrayList<>(List.of(generate(type)))));
        return read(name);
    }

    private KeyVersion generate(String type) {
        Instant now = clock.instant();
        switch (type) {
            case "ed25519":
                return new KeyVersion(new Ed25519PrivateKeyParameters(random), null, now);
            case "ecdsa-p256":
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                    return new KeyVersion(null, generator.generateKeyPair(), now);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            default:
                return new KeyVersion(null, null, now);
        }
    }

    private FakeVault.Answer read(String name) {
        Key key = keys.get(name);
        if (key == null) {
            return FakeVault.Answer.notFound();
        }
        boolean signing = !key.type().equals("aes256-gcm96");
        ObjectNode d = FakeVault.JSON.createObjectNode();
        d.put("type", key.type()).put("name", name).put("latest_version", key.versions().size())
                .put("min_available_version", 0).put("min_decryption_version", 1).put("min_encryption_version", 0)
                .put("supports_signing", signing).put("supports_encryption", !signing)
                .put("supports_decryption", !signing).put("supports_derivation", !key.type().equals("ecdsa-p256"))
                .put("exportable", false).put("allow_plaintext_backup", false).put("deletion_allowed", false)
                .put("derived", false).put("auto_rotate_period", 0).put("imported_key", false);
        ObjectNode keyMap = d.putObject("keys");
        for (int i = 0; i < key.versions().size(); i++) {
            KeyVersion v = key.versions().get(i);
            String version = Integer.toString(i + 1);
            if (v.ed25519() != null) {
                keyMap.putObject(version).put("creation_time", v.created().toString()).put("name", "ed25519")
                        .put("public_key", Base64.getEncoder().encodeToString(v.ed25519().generatePublicKey().getEncoded()));
            } else if (v.ecdsa() != null) {
                keyMap.putObject(version).put("creation_time", v.created().toString()).put("name", "P-256")
                        .put("public_key", pem(v.ecdsa().getPublic().getEncoded()));
            } else {
                keyMap.put(version, v.created().getEpochSecond());
            }
        }
        return FakeVault.Answer.ok(FakeVault.data(d));
    }

    /** As Go's {@code pem.EncodeToMemory}: 64 characters a line, a newline after the end line. */
    private static String pem(byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (int i = 0; i < base64.length(); i += 64) {
            out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return out.append("-----END PUBLIC KEY-----\n").toString();
    }

    /** The options sign and verify share, or the error answer of a bad one. */
    private record Options(String digest, boolean jws, boolean prehashed, FakeVault.Answer error) {
    }

    private static Options options(String urlHash, JsonNode body) {
        String hash = urlHash != null ? urlHash : body.path("hash_algorithm").asText(body.path("algorithm").asText(""));
        hash = hash.isEmpty() ? "sha2-256" : hash;
        String marshaling = body.path("marshaling_algorithm").asText("asn1");
        if (!DIGESTS.containsKey(hash)) {
            return new Options(null, false, false, FakeVault.Answer.error(400, "unsupported hash algorithm " + hash));
        }
        if (!marshaling.equals("asn1") && !marshaling.equals("jws")) {
            return new Options(null, false, false,
                    FakeVault.Answer.error(400, "invalid marshaling type \"" + marshaling + "\""));
        }
        return new Options(DIGESTS.get(hash), marshaling.equals("jws"), body.path("prehashed").asBoolean(false), null);
    }

    private FakeVault.Answer sign(String name, String urlHash, JsonNode body) {
        Key key = keys.get(name);
        if (key == null) {
            return FakeVault.Answer.error(400, "signing key not found");
        }
        if (key.type().equals("aes256-gcm96")) {
            return FakeVault.Answer.error(400, "key type " + key.type() + " does not support signing");
        }
        int version = body.path("key_version").asInt(0);
        version = version == 0 ? key.versions().size() : version;
        if (version < 1 || version > key.versions().size()) {
            return FakeVault.Answer.error(400, "invalid key version");
        }
        byte[] input = decode(body.path("input"));
        if (input == null) {
            return FakeVault.Answer.error(400, "unable to decode input as base64");
        }
        Options o = options(urlHash, body);
        if (o.error() != null) {
            return o.error();
        }
        KeyVersion v = key.versions().get(version - 1);
        byte[] signature;
        if (v.ed25519() != null) {
            if (o.prehashed()) {
                return FakeVault.Answer.error(400, "the fake Vault does not sign prehashed ed25519 input");
            }
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, v.ed25519());
            signer.update(input, 0, input.length);
            signature = signer.generateSignature();
        } else {
            try {
                Signature ecdsa = Signature.getInstance(o.jws() ? "NONEwithECDSAinP1363Format" : "NONEwithECDSA");
                ecdsa.initSign(v.ecdsa().getPrivate(), random);
                ecdsa.update(o.prehashed() ? input : MessageDigest.getInstance(o.digest()).digest(input));
                signature = ecdsa.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        String encoded = o.jws() ? Base64.getUrlEncoder().withoutPadding().encodeToString(signature)
                : Base64.getEncoder().encodeToString(signature);
        ObjectNode d = FakeVault.JSON.createObjectNode().put("signature", "vault:v" + version + ":" + encoded)
                .put("key_version", version);
        return FakeVault.Answer.ok(FakeVault.data(d));
    }

    private FakeVault.Answer verify(String name, String urlHash, JsonNode body) {
        Key key = keys.get(name);
        if (key == null) {
            return FakeVault.Answer.error(400, "signature verification key not found");
        }
        if (key.type().equals("aes256-gcm96")) {
            return FakeVault.Answer.error(400, "key type " + key.type() + " does not support verification");
        }
        Options o = options(urlHash, body);
        if (o.error() != null) {
            return o.error();
        }
        String[] sig = body.path("signature").asText().split(":");
        byte[] input = decode(body.path("input"));
        if (sig.length != 3 || !sig[0].equals("vault") || !sig[1].matches("v[0-9]+") || input == null) {
            return FakeVault.Answer.error(400, "invalid signature");
        }
        int version = Integer.parseInt(sig[1].substring(1));
        byte[] signature;
        try {
            signature = o.jws() ? Base64.getUrlDecoder().decode(sig[2]) : Base64.getDecoder().decode(sig[2]);
        } catch (IllegalArgumentException e) {
            return FakeVault.Answer.error(400, "invalid base64 signature value");
        }
        if (version < 1 || version > key.versions().size()) {
            return FakeVault.Answer.error(400, "invalid signature");
        }
        KeyVersion v = key.versions().get(version - 1);
        boolean valid;
        if (v.ed25519() != null) {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, v.ed25519().generatePublicKey());
            verifier.update(input, 0, input.length);
            valid = verifier.verifySignature(signature);
        } else {
            try {
                Signature ecdsa = Signature.getInstance(o.jws() ? "NONEwithECDSAinP1363Format" : "NONEwithECDSA");
                ecdsa.initVerify(v.ecdsa().getPublic());
                ecdsa.update(o.prehashed() ? input : MessageDigest.getInstance(o.digest()).digest(input));
                valid = ecdsa.verify(signature);
            } catch (SignatureException malformed) {
                valid = false;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return FakeVault.Answer.ok(FakeVault.data(FakeVault.JSON.createObjectNode().put("valid", valid)));
    }

    private static byte[] decode(JsonNode text) {
        try {
            return text.isTextual() ? Base64.getDecoder().decode(text.asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
