package dev.steward.tokens;

import dev.steward.ValidationException;
import dev.steward.spi.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** A {@link TokenSigner} on a key pair in memory; made by {@link TokenSigners}. */
final class LocalTokenSigner implements TokenSigner {
    private static final byte[] PROBE = "steward token signer probe".getBytes(StandardCharsets.US_ASCII);

    private final String keyId;
    private final String algorithm;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    private LocalTokenSigner(String algorithm, KeyPair keys) {
        this.algorithm = algorithm;
        this.publicKey = keys.getPublic();
        this.privateKey = keys.getPrivate();
        this.keyId = JwkKeys.thumbprint(algorithm, publicKey);
    }

    /** {@return a signer on the pair, after checking that its private key signs what its public key verifies} */
    static LocalTokenSigner create(String algorithm, KeyPair keys) {
        JwkKeys.requireFits(algorithm, keys.getPublic());
        LocalTokenSigner signer = new LocalTokenSigner(algorithm, keys);
        if (!JwkKeys.verifies(algorithm, keys.getPublic(), PROBE, signer.sign(PROBE))) {
            throw new ValidationException("keys", "the private key does not belong to the public key");
        }
        return signer;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Signature s = Signature.getInstance(JwkKeys.jcaName(algorithm));
            s.initSign(privateKey);
            s.update(signingInput);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with key " + keyId + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "LocalTokenSigner[" + algorithm + ", kid=" + keyId + "]";
    }
}
