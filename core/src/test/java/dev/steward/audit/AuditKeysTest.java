package dev.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ValidationException;
import dev.steward.internal.audit.Checkpoints;
import dev.steward.spi.AuditHead;
import dev.steward.spi.AuditSigner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Trusted key sets: ids, validation, and checkpoints verified by the key their id names. */
class AuditKeysTest {
    @Test
    void aSingleLocalKeyIsTrustedUnderItsFingerprintIdAsTheSignerRecordsIt() {
        AuditSigner signer = AuditSigners.generateEd25519();
        AuditKeys keys = AuditKeys.of(signer.publicKey());
        assertThat(keys.keyIds()).containsExactly(signer.keyId());
        assertThat(keys).isEqualTo(AuditKeys.of(signer)).isEqualTo(AuditKeys.of(Map.of(signer.keyId(), signer.publicKey())));
        assertThat(keys.publicKey(signer.keyId())).hasValueSatisfying(k -> assertThat(k).isEqualTo(signer.publicKey()));
    }

    @Test
    void keyIdsComeInKeyIdOrderHoweverTheKeysWereGiven() {
        byte[] key = AuditSigners.generateEd25519().publicKey();
        List<String> added = new Random(7).longs(32).mapToObj(n -> "key-" + Long.toHexString(n)).toList();
        AuditKeys keys = AuditKeys.of(added.stream().collect(Collectors.toMap(id -> id, id -> key)));

        assertThat(keys.keyIds()).containsExactlyElementsOf(added.stream().sorted().toList());
        assertThatThrownBy(() -> keys.keyIds().add("key-0")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eachCheckpointIsVerifiedWithTheKeyItsIdNames() {
        AuditSigner first = AuditSigners.generateEd25519();
        AuditSigner second = AuditSigners.generateEd25519();
        AuditEvent sealed = AuditChain.seal(AuditLogFixture.draft(new Random(1), 1), 0, AuditHead.GENESIS_HASH);
        List<AuditCheckpoint> checkpoints = List.of(Checkpoints.checkpoint(first, sealed, Instant.EPOCH),
                Checkpoints.checkpoint(second, sealed, Instant.EPOCH));

        AuditKeys both = AuditKeys.of(first.publicKey()).and(second.keyId(), second.publicKey());
        assertThat(AuditVerifier.verify(List.of(sealed), checkpoints, both).valid()).isTrue();
        AuditVerification one = AuditVerifier.verify(List.of(sealed), checkpoints, first.publicKey());
        assertThat(one.problem()).isEqualTo(AuditVerification.Problem.CHECKPOINT_SIGNATURE_INVALID);
        AuditKeys swapped = AuditKeys.of(first.keyId(), second.publicKey()).and(second.keyId(), first.publicKey());
        assertThat(AuditVerifier.verify(List.of(sealed), checkpoints, swapped).valid()).isFalse();
    }

    @Test
    void badKeysAndIdsAreValidationErrors() {
        assertThatThrownBy(() -> AuditKeys.of("k", new byte[31])).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AuditKeys.of(" ", new byte[32])).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("keyId"));
        assertThatThrownBy(() -> AuditKeys.of(Map.of())).isInstanceOf(ValidationException.class);
    }
}
