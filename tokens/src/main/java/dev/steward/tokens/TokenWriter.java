package dev.steward.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.spi.PluginFailures;
import dev.steward.spi.TokenSigner;
import java.util.Set;

/**
 * Signs JWT access tokens (RFC 9068: {@code typ at+jwt}, {@code kid}) with a {@link TokenSigner},
 * through nimbus's JWS serialization, and checks the signature it gets back against the signer's
 * public key before the token leaves: a remote signer that answers garbage issues nothing.
 */
final class TokenWriter {
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private TokenWriter() {
    }

    /**
     * @param signer the current signer
     * @param claims the token's claims
     * @return the compact JWS
     * @throws TokenRejectedException with {@link TokenRejection#UNAVAILABLE} if the signer fails
     */
    static String sign(TokenSigner signer, JWTClaimsSet claims) {
        String algorithm = signer.algorithm();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).type(AT_JWT).keyID(signer.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new Adapter(signer));
        } catch (JOSEException | RuntimeException | LinkageError | AssertionError e) {
            PluginFailures.rethrowFatal(e);
            throw new TokenRejectedException(TokenRejection.UNAVAILABLE, "the token signer "
                    + signer.getClass().getSimpleName() + " (kid " + signer.keyId() + ") failed");
        }
        if (!JwkKeys.verifies(algorithm, signer.publicKey(), jwt.getSigningInput(), jwt.getSignature().decode())) {
            throw new TokenRejectedException(TokenRejection.UNAVAILABLE, "the token signer "
                    + signer.getClass().getSimpleName() + " (kid " + signer.keyId()
                    + ") gave a signature its public key does not verify");
        }
        return jwt.serialize();
    }

    /** Nimbus's signer interface over the SPI. */
    private static final class Adapter implements JWSSigner {
        private final TokenSigner signer;
        private final JCAContext jca = new JCAContext();

        Adapter(TokenSigner signer) {
            this.signer = signer;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            return Base64URL.encode(signer.sign(signingInput));
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.parse(signer.algorithm()));
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
