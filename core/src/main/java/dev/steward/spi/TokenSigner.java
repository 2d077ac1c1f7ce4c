package dev.steward.spi;

import java.security.PublicKey;

/**
 * Signs delegation tokens (JWS, RFC 7515) that {@code steward-tokens} issues. The local
 * implementations hold an Ed25519 or P-256 key in memory; others keep the key in a KMS or vault
 * and sign there. Implementations are thread-safe.
 *
 * <p>The signature is the JWS signature value over the JWS signing input (the ASCII bytes of
 * {@code BASE64URL(header) '.' BASE64URL(payload)}): for {@code EdDSA} the 64-byte Ed25519
 * signature; for {@code ES256} the 64-byte concatenation {@code R || S} of the ECDSA P-256
 * signature over SHA-256 (RFC 7518 §3.4), not its DER encoding.
 */
public interface TokenSigner {
    /** The JWS algorithm name of Ed25519 signatures (RFC 8037). */
    String EDDSA = "EdDSA";
    /** The JWS algorithm name of ECDSA signatures on P-256 with SHA-256 (RFC 7518). */
    String ES256 = "ES256";

    /** @return the id of the signing key: the {@code kid} of the tokens it signs and of its JWK */
    String keyId();

    /** @return the JWS algorithm: {@link #EDDSA} or {@link #ES256} */
    String algorithm();

    /**
     * @return the public key that verifies the signatures: an Ed25519 key (X.509-encoded) for
     *     {@code EdDSA}, an EC key on P-256 for {@code ES256}
     */
    PublicKey publicKey();

    /**
     * @param signingInput the JWS signing input
     * @return the JWS signature value over it
     */
    byte[] sign(byte[] signingInput);
}
