package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.steward.ValidationException;
import dev.steward.spi.TokenSigner;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Local signers, their key ids, the JWKS document, and rotation with overlap. */
class SigningKeysTest {
    private final Desk desk = new Desk().withDelegation();

    @AfterEach
    void close() {
        desk.close();
    }

    private static List<String> kids(String jwks) throws Exception {
        return JWKSet.parse(jwks).getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    @DisplayName("the JWKS holds public keys only, with kid, alg and use sig; the kid is the key's RFC 7638 thumbprint")
    void jwksDocument() throws Exception {
        JWKSet set = JWKSet.parse(desk.tokens.jwks());
        assertThat(set.getKeys()).hasSize(1);
        JWK jwk = set.getKeys().get(0);
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(jwk.getKeyID()).isEqualTo(desk.keys.current().keyId())
                .isEqualTo(jwk.computeThumbprint().toString());
        assertThat(jwk.getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(jwk.getKeyUse().identifier()).isEqualTo("sig");
        assertThat(desk.tokens.jwks()).doesNotContain("\"d\"");
    }

    @Test
    @DisplayName("after a rotation new tokens use the new key, old ones verify until the overlap ends, then are refused")
    void rotationWithOverlap() throws Exception {
        IssuedToken before = desk.exchange(desk.forAlice("ticket:read"));
        TokenSigner old = desk.keys.current();
        TokenSigner next = TokenSigners.generateEs256();
        desk.keys.rotate(next, Duration.ofMinutes(10));
        assertThat(kids(desk.tokens.jwks())).containsExactly(next.keyId(), old.keyId());
        IssuedToken after = desk.exchange(desk.forAlice("ticket:read"));
        assertThat(after.token()).isNotEqualTo(before.token());
        TokenVerifier remote = TokenVerifier.builder(desk.steward).issuer(Desk.ISSUER).audience(Desk.AUDIENCE)
                .jwks(desk.tokens.jwks()).build();
        assertThat(remote.verify(before.token()).keyId()).isEqualTo(old.keyId());
        assertThat(remote.verify(after.token()).keyId()).isEqualTo(next.keyId());
        assertThat(desk.verifier().verify(before.token()).jti()).isEqualTo(before.jti());

        desk.clock.advance(Duration.ofMinutes(10));
        assertThat(kids(desk.tokens.jwks())).containsExactly(next.keyId());
        IssuedToken fresh = desk.exchange(desk.forAlice("ticket:read"));
        assertThat(desk.verifier().verify(fresh.token()).keyId()).isEqualTo(next.keyId());
        desk.keys.rotate(TokenSigners.generateEd25519(), Duration.ZERO);
        assertThatThrownBy(() -> desk.verifier().verify(fresh.token())).isInstanceOf(TokenRejectedException.class)
                .extracting(e -> ((TokenRejectedException) e).reason()).isEqualTo(TokenRejection.UNKNOWN_KEY);
    }

    @Test
    @DisplayName("a rotation to a key already held, or with a negative overlap, is refused")
    void rotationRules() {
        assertThatThrownBy(() -> desk.keys.rotate(desk.keys.current(), Duration.ofMinutes(5)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("held already");
        assertThatThrownBy(() -> desk.keys.rotate(TokenSigners.generateEd25519(), Duration.ofSeconds(-1)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("overlap");
    }

    @Test
    @DisplayName("the same key pair gives the same kid on every instance; a pair that does not belong together is refused")
    void localSigners() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(TokenSigners.ed25519(pair).keyId()).isEqualTo(TokenSigners.ed25519(pair).keyId());
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThatThrownBy(() -> TokenSigners.ed25519(new KeyPair(pair.getPublic(), other.getPrivate())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("does not belong");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        assertThatThrownBy(() -> TokenSigners.es256(ec.generateKeyPair())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> TokenSigners.ed25519(ec.generateKeyPair())).isInstanceOf(ValidationException.class);
        TokenSigner es = TokenSigners.generateEs256();
        assertThat(es.sign("x".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).as("R || S, not DER").hasSize(64);
        assertThat(es.toString()).contains(es.keyId()).contains("ES256");
    }

    @Test
    @DisplayName("a signer that fails, or returns a signature its public key does not verify, issues no token")
    void brokenSigner() {
        TokenSigner good = TokenSigners.generateEd25519();
        TokenSigner garbage = new TokenSigner() {
            @Override
            public String keyId() {
                return "broken-1";
            }

            @Override
            public String algorithm() {
                return TokenSigner.EDDSA;
            }

            @Override
            public PublicKey publicKey() {
                return good.publicKey();
            }

            @Override
            public byte[] sign(byte[] signingInput) {
                return new byte[64];
            }
        };
        desk.keys.rotate(garbage, Duration.ZERO);
        TokenRejectedException e = null;
        try {
            desk.tokens.exchange(desk.forAlice("ticket:read"));
        } catch (TokenRejectedException refused) {
            e = refused;
        }
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(TokenRejection.UNAVAILABLE);
        assertThat(e.getMessage()).contains("broken-1");
    }
}
