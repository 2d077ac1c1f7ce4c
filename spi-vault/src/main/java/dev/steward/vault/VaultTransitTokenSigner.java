package dev.steward.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.NotFoundException;
import dev.steward.ValidationException;
import dev.steward.spi.TokenSigner;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Signs Steward's delegation tokens with a key of Vault's Transit engine, so the private key never
 * leaves Vault: an {@code ed25519} key signs {@code EdDSA} tokens, an {@code ecdsa-p256} key
 * {@code ES256} tokens. For ECDSA the signer asks Vault for the JWS form of the signature
 * ({@code marshaling_algorithm=jws}: the 64-byte {@code R || S}, in URL-safe base64) over the SHA-256
 * of the signing input ({@code hash_algorithm=sha2-256}), which is what RFC 7518 §3.4 calls an
 * {@code ES256} signature; Ed25519 signatures need no such choice.
 *
 * <pre>{@code
 * // once, in Vault: vault write transit/keys/steward-tokens type=ecdsa-p256
 * TokenSigner signer = VaultTransitTokenSigner.create(vault, "transit", "steward-tokens");
 * StewardTokens tokens = StewardTokens.builder(steward).keys(TokenKeys.of(signer))...build();
 * }</pre>
 *
 * <p><b>Key versions.</b> As {@link VaultTransitSigner}, it pins one version of the key, the latest
 * when it is created (or the one given), names it in the key id ({@code vault-transit:<name>:v<N>},
 * the tokens' {@code kid}) and signs only with it. After a rotation in Vault, a signer created anew
 * signs with the new version; hand it to {@code TokenKeys.rotate(next, overlap)} so that the tokens
 * the previous version signed keep verifying until they expire. The public key is the one Vault's
 * read-key endpoint returns for the pinned version (ed25519: the raw key in base64; ecdsa-p256: a
 * PEM {@code PUBLIC KEY}), read once, at creation.
 *
 * <p>Failures are {@link VaultException}s, as for {@link VaultSecretBackend}. Thread-safe.
 */
public final class VaultTransitTokenSigner implements TokenSigner {
    private static final int SIGNATURE_BYTES = 64;
    /** The DER prefix of an X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410), before its 32 bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final VaultHttp http;
    private final String mount;
    private final String name;
    private final int version;
    private final String algorithm;
    private final PublicKey publicKey;

    private VaultTransitTokenSigner(VaultHttp http, String mount, String name, int version, String algorithm,
            PublicKey publicKey) {
        this.http = http;
        this.mount = mount;
        this.name = name;
        this.version = version;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
    }

    /**
     * Reads the key and pins its latest version.
     *
     * @param connection the Vault server
     * @param mount where Transit is mounted, e.g. {@code transit}
     * @param keyName the key's name; its type must be {@code ed25519} or {@code ecdsa-p256}
     * @return the signer
     * @throws NotFoundException if there is no such key
     * @throws ValidationException if the key is of another type
     * @throws VaultException if Vault cannot be asked, or its answer holds no public key of that type
     */
    public static VaultTransitTokenSigner create(VaultConnection connection, String mount, String keyName) {
        return create(connection, mount, keyName, 0);
    }

    /**
     * @param connection the Vault server
     * @param mount where Transit is mounted, e.g. {@code transit}
     * @param keyName the key's name; its type must be {@code ed25519} or {@code ecdsa-p256}
     * @param keyVersion the version to sign with, from 1; 0 for the latest
     * @return the signer
     * @throws NotFoundException if there is no such key or version
     * @throws ValidationException if the key is of another type
     * @throws VaultException if Vault cannot be asked, or its answer holds no public key of that type
     */
    public static VaultTransitTokenSigner create(VaultConnection connection, String mount, String keyName,
            int keyVersion) {
        Objects.requireNonNull(connection, "connection");
        String m = VaultPaths.mount("mount", mount);
        String n = VaultPaths.mount("keyName", keyName);
        if (keyVersion < 0) {
            throw new ValidationException("keyVersion", "must be 0 (the latest) or more");
        }
        VaultHttp http = connection.http();
        JsonNode key = TransitKey.read(http, m, n);
        String type = key.path("type").asText();
        String algorithm = switch (type) {
            case "ed25519" -> EDDSA;
            case "ecdsa-p256" -> ES256;
            default -> throw new ValidationException("keyName", "Transit key " + n + " is of type " + type
                    + "; tokens need an ed25519 or ecdsa-p256 key");
        };
        int version = keyVersion == 0 ? key.path("latest_version").asInt() : keyVersion;
        JsonNode entry = key.path("keys").path(Integer.toString(version));
        if (!entry.isObject()) {
            throw new NotFoundException("Vault Transit key version", m + "/" + n + " v" + version);
        }
        PublicKey publicKey = algorithm.equals(EDDSA)
                ? ed25519(TransitKey.ed25519PublicKey(http, m, n, Integer.toString(version), entry))
                : p256(http, m, n, version, entry.path("public_key").asText());
        return new VaultTransitTokenSigner(http, m, n, version, algorithm, publicKey);
    }

    private static PublicKey ed25519(byte[] raw) {
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK reads every 32-byte Ed25519 public key", e);
        }
    }

    /** For ecdsa-p256, {@code keys.<version>.public_key} is a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). */
    private static PublicKey p256(VaultHttp http, String mount, String name, int version, String pem) {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        String text = pem.strip();
        String operation = "reading Transit key " + mount + "/" + name;
        String problem = "version " + version + " has no PEM P-256 public key";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw http.unexpected(operation, problem);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
            if (!(key instanceof ECPublicKey ec) || !ec.getParams().getCurve().equals(expected.getCurve())
                    || !ec.getParams().getGenerator().equals(expected.getGenerator())
                    || !ec.getParams().getOrder().equals(expected.getOrder())) {
                throw http.unexpected(operation, problem);
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw http.unexpected(operation, problem);
        }
    }

    /** @return {@code vault-transit:<name>:v<version>}, the {@code kid} of the tokens it signs */
    @Override
    public String keyId() {
        return TransitKey.keyId(name, version);
    }

    /** @return {@code EdDSA} for an ed25519 key, {@code ES256} for an ecdsa-p256 key */
    @Override
    public String algorithm() {
        return algorithm;
    }

    /** @return the pinned version's public key: an X.509-encoded Ed25519 key, or an EC key on P-256 */
    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Signs with the pinned key version in Vault.
     *
     * @param signingInput the JWS signing input
     * @return the 64-byte Ed25519 signature, or the 64-byte {@code R || S} of the ECDSA signature
     * @throws VaultException if Vault refuses or cannot be reached, signs with another version, or
     *     answers with a signature of another form
     */
    @Override
    public byte[] sign(byte[] signingInput) {
        Objects.requireNonNull(signingInput, "signingInput");
        ObjectNode body = VaultHttp.JSON.createObjectNode().put("input", Base64.getEncoder().encodeToString(signingInput));
        boolean ecdsa = algorithm.equals(ES256);
        if (ecdsa) {
            body.put("hash_algorithm", "sha2-256").put("marshaling_algorithm", "jws");
        }
        String signature = TransitKey.sign(http, mount, name, version, body);
        byte[] raw;
        try {
            raw = ecdsa ? Base64.getUrlDecoder().decode(signature) : Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != SIGNATURE_BYTES) {
            throw http.unexpected("signing with Transit key " + mount + "/" + name,
                    "the signature is not 64 bytes of " + (ecdsa ? "URL-safe base64" : "base64"));
        }
        return raw;
    }

    @Override
    public String toString() {
        return "VaultTransitTokenSigner[" + http.name() + ", key=" + mount + "/" + name + ", version=" + version
                + ", " + algorithm + "]";
    }
}
