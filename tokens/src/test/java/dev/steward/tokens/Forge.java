package dev.steward.tokens;

import dev.steward.spi.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * Writes tokens byte by byte for the bad-input tests: any header and payload text (duplicated
 * names, odd types, deep nesting), signed with a key pair the test holds, whose signer the desk can
 * also be given so that the forged token carries a trusted key.
 */
final class Forge {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final KeyPair pair;
    final TokenSigner signer;

    private Forge(KeyPair pair) {
        this.pair = pair;
        this.signer = TokenSigners.ed25519(pair);
    }

    static Forge ed25519() {
        try {
            return new Forge(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@return the standard header of a Steward token signed by this key} */
    String header() {
        return "{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\",\"kid\":\"" + signer.keyId() + "\"}";
    }

    /** {@return a compact JWS of the header and payload texts, signed with this key} */
    String sign(String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return a token of the payload under the standard header} */
    String sign(String payloadJson) {
        return sign(header(), payloadJson);
    }
}
