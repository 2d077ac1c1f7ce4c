package dev.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.AuditFailureException;
import dev.steward.ValidationException;
import dev.steward.internal.audit.AuditCodec;
import dev.steward.internal.audit.Checkpoints;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditSignersTest {
    // RFC 8032, section 7.1, test 1.
    private static final byte[] RFC_SECRET = HexFormat.of()
            .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_EMPTY_MESSAGE_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e0652249"
            + "01555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void ed25519SignerMatchesTheRfc8032TestVector() throws Exception {
        AuditSigner signer = AuditSigners.ed25519(RFC_SECRET);

        assertThat(HexFormat.of().formatHex(signer.publicKey())).isEqualTo(RFC_PUBLIC);
        assertThat(HexFormat.of().formatHex(signer.sign(new byte[0]))).isEqualTo(RFC_EMPTY_MESSAGE_SIGNATURE);
        assertThat(signer.algorithm()).isEqualTo("Ed25519");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signer.publicKey()));
        assertThat(signer.keyId()).isEqualTo(sha.substring(0, 16));
    }

    @Test
    void generatedSignersHaveDistinctKeysThatVerifyTheirCheckpoints() {
        AuditSigner first = AuditSigners.generateEd25519();
        AuditSigner second = AuditSigners.generateEd25519();
        AuditEvent sealed = AuditCodec.seal(AuditLogFixture.draft(new Random(1), 1), 0, AuditHead.GENESIS_HASH);
        AuditCheckpoint checkpoint = Checkpoints.checkpoint(first, sealed, Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(first.publicKey()).isNotEqualTo(second.publicKey());
        assertThat(first.keyId()).isNotEqualTo(second.keyId()).matches("[0-9a-f]{16}");
        assertThat(checkpoint.keyId()).isEqualTo(first.keyId());
        assertThat(Base64.getDecoder().decode(checkpoint.signature())).hasSize(64);
        assertThat(AuditVerifier.verify(List.of(sealed), List.of(checkpoint), first.publicKey()).valid()).isTrue();
        assertThat(AuditVerifier.verify(List.of(sealed), List.of(checkpoint), second.publicKey()).problem())
                .isEqualTo(AuditVerification.Problem.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void privateKeyMustBe32Bytes() {
        for (int length : new int[] {0, 31, 33, 64}) {
            assertThatThrownBy(() -> AuditSigners.ed25519(new byte[length]))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("privateKey");
                        assertThat(e.rule()).contains("32 bytes");
                    });
        }
        assertThatThrownBy(() -> AuditSigners.ed25519(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void theKeyIsCopiedInAndThePublicKeyCopiedOut() {
        byte[] secret = RFC_SECRET.clone();
        AuditSigner signer = AuditSigners.ed25519(secret);
        java.util.Arrays.fill(secret, (byte) 0);
        signer.publicKey()[0] ^= 1;

        assertThat(HexFormat.of().formatHex(signer.publicKey())).isEqualTo(RFC_PUBLIC);
        assertThat(HexFormat.of().formatHex(signer.sign(new byte[0]))).isEqualTo(RFC_EMPTY_MESSAGE_SIGNATURE);
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        AuditSigner signer = AuditSigners.ed25519(RFC_SECRET);

        String text = signer.toString();

        assertThat(text).contains(signer.keyId())
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(RFC_SECRET))
                .doesNotContain(Base64.getEncoder().encodeToString(RFC_SECRET))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(RFC_SECRET))
                .doesNotContain(HexFormat.of().formatHex(RFC_SECRET, 0, 8));
    }

    @Test
    void aFailingSignerSurfacesAsAnAuditFailureNamingIt() {
        AuditSigner broken = new AuditSigner() {
            @Override
            public String keyId() {
                return "kms-1";
            }

            @Override
            public String algorithm() {
                return "Ed25519";
            }

            @Override
            public byte[] publicKey() {
                return new byte[32];
            }

            @Override
            public byte[] sign(byte[] message) {
                throw new IllegalStateException("KMS unreachable");
            }
        };
        AuditEvent sealed = AuditCodec.seal(AuditLogFixture.draft(new Random(1), 1), 0, AuditHead.GENESIS_HASH);

        assertThatThrownBy(() -> Checkpoints.checkpoint(broken, sealed, Instant.EPOCH))
                .isInstanceOf(AuditFailureException.class)
                .hasMessageContaining("audit signer")
                .hasRootCauseMessage("KMS unreachable");
        assertThatThrownBy(() -> Checkpoints.checkpoint(broken, AuditLogFixture.draft(new Random(1), 1), Instant.EPOCH))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("sealedEvent.hash"));
    }
}
