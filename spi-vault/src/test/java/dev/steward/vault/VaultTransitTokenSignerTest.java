package dev.steward.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.NotFoundException;
import dev.steward.ValidationException;
import dev.steward.spi.TokenSigner;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Delegation tokens signed by Vault Transit keys (ed25519 and ecdsa-p256) verify, as JWS, with the
 * public key Vault exports: checked with the JDK's signature engines and, for ES256, with plain
 * nimbus on a whole compact JWS. Runs against the API-faithful fake, or the real Vault the
 * environment names.
 */
class VaultTransitTokenSignerTest {
    private static final TestVault vault = TestVault.shared();
    private static final VaultConnection connection = vault.connection();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** Creates a new key, as {@code vault write transit/keys/<name> type=<type>} does. */
    private static String newKey(String type) {
        String name = "steward-tokens-" + UUID.randomUUID();
        var body = VaultHttp.JSON.createObjectNode();
        if (type != null) {
            body.put("type", type);
        }
        assertThat(connection.http().call("create key", "POST", "transit/keys/" + name, body, true).ok()).isTrue();
        return name;
    }

    /** A version's {@code public_key} as Vault's read-key endpoint exports it. */
    private static String exported(String name, int version) {
        JsonNode key = connection.http().call("read key", "GET", "transit/keys/" + name, null, true).data();
        return key.path("keys").path(Integer.toString(version)).path("public_key").asText();
    }

    /** The exported PEM read by BouncyCastle, independently of the signer's own reading. */
    private static ECPublicKey exportedP256(String name, int version) throws Exception {
        try (PEMParser pem = new PEMParser(new StringReader(exported(name, version)))) {
            return (ECPublicKey) new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) pem.readObject());
        }
    }

    /** {@return the signing input of a token with this header, and a payload} */
    private static String signingInput(TokenSigner signer) {
        String header = "{\"alg\":\"" + signer.algorithm() + "\",\"typ\":\"at+jwt\",\"kid\":\"" + signer.keyId() + "\"}";
        String payload = "{\"iss\":\"https://steward.acme.example\",\"sub\":\"alice\",\"scope\":\"ticket:read\"}";
        return URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean jdkVerifies(String algorithm, PublicKey key, String input, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(input.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
    }

    /** Vault's own verify endpoint on a signature the signer returned, in the marshaling it was asked for. */
    private static boolean vaultVerifies(String name, int version, String input, String encodedSignature, boolean jws) {
        var body = VaultHttp.JSON.createObjectNode()
                .put("input", Base64.getEncoder().encodeToString(input.getBytes(StandardCharsets.US_ASCII)))
                .put("signature", "vault:v" + version + ":" + encodedSignature);
        if (jws) {
            body.put("marshaling_algorithm", "jws");
        }
        return connection.http().call("verify", "POST", "transit/verify/" + name, body, true).data().path("valid")
                .asBoolean();
    }

    @Test
    @DisplayName("an ed25519 key signs EdDSA tokens that verify with the public key Vault exports")
    void ed25519() throws Exception {
        String name = newKey("ed25519");
        VaultTransitTokenSigner signer = VaultTransitTokenSigner.create(connection, "transit", name);
        assertThat(signer.algorithm()).isEqualTo(TokenSigner.EDDSA);
        assertThat(signer.keyId()).isEqualTo("vault-transit:" + name + ":v1");
        byte[] encoded = signer.publicKey().getEncoded();
        assertThat(signer.publicKey().getFormat()).isEqualTo("X.509");
        assertThat(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length))
                .isEqualTo(Base64.getDecoder().decode(exported(name, 1)));

        String input = signingInput(signer);
        byte[] signature = signer.sign(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(signature).hasSize(64);
        assertThat(jdkVerifies("Ed25519", signer.publicKey(), input, signature)).isTrue();
        assertThat(vaultVerifies(name, 1, input, Base64.getEncoder().encodeToString(signature), false)).isTrue();
        assertThat(jdkVerifies("Ed25519", signer.publicKey(), input + "x", signature)).isFalse();
    }

    @Test
    @DisplayName("an ecdsa-p256 key signs ES256 tokens in the JWS R||S form, which plain nimbus verifies with "
            + "the exported PEM key")
    void ecdsaP256() throws Exception {
        String name = newKey("ecdsa-p256");
        VaultTransitTokenSigner signer = VaultTransitTokenSigner.create(connection, "transit", name);
        assertThat(signer.algorithm()).isEqualTo(TokenSigner.ES256);
        ECPublicKey exported = exportedP256(name, 1);
        assertThat(signer.publicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(signer.publicKey().getEncoded()).isEqualTo(exported.getEncoded());

        String input = signingInput(signer);
        byte[] signature = signer.sign(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(signature).as("R || S, not DER").hasSize(64);
        SignedJWT jwt = SignedJWT.parse(input + "." + URL.encodeToString(signature));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(signer.keyId());
        assertThat(jwt.verify(new ECDSAVerifier(exported))).isTrue();
        assertThat(jdkVerifies("SHA256withECDSAinP1363Format", exported, input, signature)).isTrue();
        assertThat(vaultVerifies(name, 1, input, URL.encodeToString(signature), true)).isTrue();

        byte[] tampered = signature.clone();
        tampered[10] ^= 1;
        assertThat(SignedJWT.parse(input + "." + URL.encodeToString(tampered)).verify(new ECDSAVerifier(exported)))
                .isFalse();
    }

    @Test
    @DisplayName("without marshaling_algorithm=jws, Transit answers an ECDSA signature in DER: the form the signer "
            + "must not hand out")
    void defaultMarshalingIsDer() throws Exception {
        String name = newKey("ecdsa-p256");
        String input = "header.payload";
        var body = VaultHttp.JSON.createObjectNode()
                .put("input", Base64.getEncoder().encodeToString(input.getBytes(StandardCharsets.US_ASCII)));
        String signature = connection.http().call("sign", "POST", "transit/sign/" + name, body, true).data()
                .path("signature").asText();
        byte[] der = Base64.getDecoder().decode(signature.substring("vault:v1:".length()));
        assertThat(der[0]).as("an ASN.1 SEQUENCE").isEqualTo((byte) 0x30);
        assertThat(der.length).isBetween(8, 72).isNotEqualTo(64);
        assertThat(jdkVerifies("SHA256withECDSA", exportedP256(name, 1), input, der)).isTrue();
    }

    @Test
    @DisplayName("after a rotation a new signer signs with the new version, and a signer pinned to the old one "
            + "still signs with it, each under its own key id")
    void rotation() throws Exception {
        String name = newKey("ecdsa-p256");
        assertThat(connection.http().call("rotate", "POST", "transit/keys/" + name + "/rotate", null, true).ok()).isTrue();
        VaultTransitTokenSigner latest = VaultTransitTokenSigner.create(connection, "transit", name);
        VaultTransitTokenSigner pinned = VaultTransitTokenSigner.create(connection, "transit", name, 1);
        assertThat(latest.keyId()).endsWith(":v2");
        assertThat(pinned.keyId()).endsWith(":v1");
        assertThat(latest.publicKey().getEncoded()).isEqualTo(exportedP256(name, 2).getEncoded())
                .isNotEqualTo(pinned.publicKey().getEncoded());
        String input = signingInput(pinned);
        byte[] signature = pinned.sign(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(jdkVerifies("SHA256withECDSAinP1363Format", exportedP256(name, 1), input, signature)).isTrue();
        assertThat(jdkVerifies("SHA256withECDSAinP1363Format", latest.publicKey(), input, signature)).isFalse();
    }

    @Test
    @DisplayName("a key of another type is refused naming the key, a missing key or version is not found")
    void refusals() {
        String aes = newKey(null);
        assertThatThrownBy(() -> VaultTransitTokenSigner.create(connection, "transit", aes))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("keyName");
                    assertThat(e.getMessage()).contains("aes256-gcm96");
                });
        assertThatThrownBy(() -> VaultTransitTokenSigner.create(connection, "transit", "no-such-key-" + UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
        String name = newKey("ed25519");
        assertThatThrownBy(() -> VaultTransitTokenSigner.create(connection, "transit", name, 5))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> VaultTransitTokenSigner.create(connection, "transit", name, -1))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    @DisplayName("a sealed Vault fails the signature with a VaultException; toString names the key, not a secret")
    void sealed() {
        assumeTrue(vault.isFake(), "needs the fake's fault injection");
        String name = newKey("ecdsa-p256");
        VaultTransitTokenSigner signer = VaultTransitTokenSigner.create(connection, "transit", name);
        vault.fake().seal(true);
        try {
            assertThatThrownBy(() -> signer.sign(new byte[] {1})).isInstanceOfSatisfying(VaultException.class,
                    e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.SEALED));
        } finally {
            vault.fake().seal(false);
        }
        assertThat(signer.toString()).contains("transit/" + name, "version=1", "ES256");
    }
}
