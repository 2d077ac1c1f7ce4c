package dev.steward.tokens;

import dev.steward.ValidationException;
import dev.steward.spi.TokenSigner;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;

/**
 * Token signers that hold their key in this process, on the JDK's own Ed25519 and ECDSA. Their
 * key id is the key's JWK thumbprint (RFC 7638), so the same key has the same {@code kid} on
 * every instance. Keep the private key in a KMS or vault in production, behind a
 * {@link TokenSigner} of its own, or load it at start-up from where secrets live.
 */
public final class TokenSigners {
    private TokenSigners() {
    }

    /** @return a signer on a fresh Ed25519 key ({@code EdDSA}), for tests and single-instance hosts */
    public static TokenSigner generateEd25519() {
        return ed25519(generate("Ed25519", null));
    }

    /** @return a signer on a fresh P-256 key ({@code ES256}), for tests and single-instance hosts */
    public static TokenSigner generateEs256() {
        return es256(generate("EC", new ECGenParameterSpec("secp256r1")));
    }

    /**
     * {@return a signer on an Ed25519 key pair ({@code EdDSA})}
     *
     * @param keys the key pair, from the JDK or another provider whose keys have the standard encodings
     * @throws ValidationException if the keys are not an Ed25519 pair that belong together
     */
    public static TokenSigner ed25519(KeyPair keys) {
        return LocalTokenSigner.create(TokenSigner.EDDSA, normalized("Ed25519", keys));
    }

    /**
     * {@return a signer on a P-256 key pair ({@code ES256})}
     *
     * @param keys the key pair, from the JDK or another provider whose keys have the standard encodings
     * @throws ValidationException if the keys are not a P-256 pair that belong together
     */
    public static TokenSigner es256(KeyPair keys) {
        return LocalTokenSigner.create(TokenSigner.ES256, normalized("EC", keys));
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + algorithm + " key generator", e);
        }
    }

    /** The pair re-read by the JDK's own key factory, so that the JDK's signature engines take it. */
    private static KeyPair normalized(String algorithm, KeyPair keys) {
        Objects.requireNonNull(keys, "keys");
        PublicKey pub = Objects.requireNonNull(keys.getPublic(), "keys.public");
        PrivateKey priv = Objects.requireNonNull(keys.getPrivate(), "keys.private");
        if (pub.getEncoded() == null || priv.getEncoded() == null) {
            throw new ValidationException("keys", "must have their standard encodings (X.509 and PKCS #8)");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(pub.getEncoded())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(priv.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new ValidationException("keys", "must be an " + (algorithm.equals("EC") ? "EC P-256" : algorithm)
                    + " key pair");
        }
    }
}
