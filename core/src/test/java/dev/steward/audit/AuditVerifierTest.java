package dev.steward.audit;

import static dev.steward.audit.AuditVerification.Problem.BROKEN_LINK;
import static dev.steward.audit.AuditVerification.Problem.CHECKPOINT_MISMATCH;
import static dev.steward.audit.AuditVerification.Problem.CHECKPOINT_SIGNATURE_INVALID;
import static dev.steward.audit.AuditVerification.Problem.HASH_MISMATCH;
import static dev.steward.audit.AuditVerification.Problem.MALFORMED;
import static dev.steward.audit.AuditVerification.Problem.NONE;
import static dev.steward.audit.AuditVerification.Problem.SEQUENCE_GAP;
import static dev.steward.audit.AuditVerification.Problem.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ValidationException;
import dev.steward.audit.AuditVerification.Problem;
import dev.steward.identity.IdentityId;
import dev.steward.internal.audit.AuditCodec;
import dev.steward.internal.audit.Checkpoints;
import dev.steward.spi.AuditHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {
    private static final AuditLogFixture LOG = AuditLogFixture.of(1000);
    private static final byte[] KEY = LOG.signer.publicKey();

    private static AuditVerification verify(List<AuditEvent> events) {
        return AuditVerifier.verify(events, LOG.checkpoints, KEY);
    }

    private static void assertBroken(AuditVerification result, Problem problem, long sequence) {
        assertThat(result.valid()).as(result.message()).isFalse();
        assertThat(result.problem()).as(result.message()).isEqualTo(problem);
        assertThat(result.firstBrokenSequence()).as(result.message()).isEqualTo(OptionalLong.of(sequence));
    }

    private static List<AuditEvent> edited(int position, UnaryOperator<AuditEvent> edit) {
        List<AuditEvent> events = new ArrayList<>(LOG.events);
        events.set(position, edit.apply(events.get(position)));
        return events;
    }

    @Test
    void theIntactLogVerifies() {
        assertThat(LOG.checkpoints).hasSize(10);
        assertThat(verify(LOG.events)).isEqualTo(AuditVerification.ok(1000));
        assertThat(AuditVerifier.verify(LOG.events)).isEqualTo(AuditVerification.ok(1000));
        assertThat(AuditVerifier.verify(List.of(), List.of(), KEY)).isEqualTo(AuditVerification.ok(0));
        assertThat(AuditVerification.ok(1000).message()).isEqualTo("1000 events verified");
    }

    @Test
    void deletingAnyEventIsDetectedAtItsPosition() {
        for (int k = 0; k < LOG.events.size(); k++) {
            List<AuditEvent> events = new ArrayList<>(LOG.events);
            events.remove(k);
            if (k < 999) {
                assertBroken(AuditVerifier.verify(events), SEQUENCE_GAP, k);
            }
            // Checkpoint signatures dominate the cost; check them on a sample and at the end,
            // where removing the last event leaves no gap but its checkpoint lies beyond the end.
            if (k % 37 == 0 || k >= 998) {
                assertBroken(verify(events), k == 999 ? TRUNCATED : SEQUENCE_GAP, k);
            }
        }
    }

    @Test
    void swappingAnyTwoAdjacentEventsIsDetectedAtTheFirst() {
        for (int k = 0; k + 1 < LOG.events.size(); k++) {
            List<AuditEvent> events = new ArrayList<>(LOG.events);
            Collections.swap(events, k, k + 1);
            assertBroken(AuditVerifier.verify(events), SEQUENCE_GAP, k);
            if (k % 37 == 0 || k == 998) {
                assertBroken(verify(events), SEQUENCE_GAP, k);
            }
        }
    }

    @Test
    void renumberedEventsAreCaughtByTheChain() {
        // Swap two events and also swap their sequence numbers: the links no longer match.
        List<AuditEvent> events = new ArrayList<>(LOG.events);
        AuditEvent a = events.get(300);
        AuditEvent b = events.get(301);
        events.set(300, withSequence(b, 300));
        events.set(301, withSequence(a, 301));
        assertBroken(verify(events), BROKEN_LINK, 300);

        List<AuditEvent> duplicated = new ArrayList<>(LOG.events);
        duplicated.add(501, LOG.events.get(500));
        assertBroken(verify(duplicated), SEQUENCE_GAP, 501);
    }

    @Test
    void changingAnyFieldAfterSealingIsAHashMismatchAtThatEvent() {
        Random random = new Random(7);
        List<UnaryOperator<AuditEvent>> edits = List.of(
                e -> AuditLogFixture.withReason(e, e.reason() + "."),
                e -> copy(e, e.at().plusNanos(1), e.actor(), e.details(), e.correlationId()),
                e -> copy(e, e.at(), IdentityId.of("mallory"), e.details(), e.correlationId()),
                e -> copy(e, e.at(), e.actor(), Map.of("injected", "yes"), e.correlationId()),
                e -> copy(e, e.at(), e.actor(), e.details(), Optional.of("call_forged")));
        for (int i = 0; i < 50; i++) {
            int k = random.nextInt(LOG.events.size());
            assertBroken(verify(edited(k, edits.get(i % edits.size()))), HASH_MISMATCH, k);
        }
        assertBroken(verify(edited(0, e -> AuditLogFixture.withReason(e, "forged"))), HASH_MISMATCH, 0);
        assertBroken(verify(edited(999, e -> AuditLogFixture.withReason(e, "forged"))), HASH_MISMATCH, 999);
    }

    @Test
    void aResealedSingleEventBreaksTheLinkOfTheNext() {
        List<AuditEvent> events = edited(400,
                e -> AuditCodec.seal(AuditLogFixture.withReason(e, "forged"), 400, e.previousHash()));

        assertBroken(verify(events), BROKEN_LINK, 401);
    }

    @Test
    void aForgedGenesisLinkIsABrokenLink() {
        AuditEvent first = AuditCodec.seal(LOG.events.get(0), 0, "1".repeat(64));

        assertBroken(AuditVerifier.verify(List.of(first)), BROKEN_LINK, 0);
    }

    @Test
    void truncatingTheTailIsDetectedWhenACheckpointLiesBeyondTheNewEnd() {
        // As if the last 100 events were not checkpointed yet: the newest checkpoint covers 899.
        List<AuditCheckpoint> upTo899 = LOG.checkpointsUpTo(899);
        for (int k = 1; k <= 250; k++) {
            List<AuditEvent> kept = LOG.events.subList(0, LOG.events.size() - k);
            AuditVerification partial = AuditVerifier.verify(kept, upTo899, KEY);
            if (kept.size() > 899) {
                // Honest limit: events after the newest checkpoint can be dropped unnoticed.
                assertThat(partial.valid()).as("k=%d", k).isTrue();
            } else {
                assertBroken(partial, TRUNCATED, kept.size());
            }
            assertBroken(AuditVerifier.verify(kept, LOG.checkpoints, KEY), TRUNCATED, kept.size());
        }
    }

    @Test
    void aTailRewrittenWithRecomputedHashesIsCaughtAtTheFirstCheckpointCoveringIt() {
        for (int from : new int[] {0, 1, 50, 98, 99, 100, 555, 900, 998, 999}) {
            List<AuditEvent> forged = LOG.resealedFrom(from, e -> AuditLogFixture.withReason(e, "nothing happened"));
            long firstCovering = (from / 100) * 100 + 99;

            assertThat(AuditVerifier.verify(forged).valid()).as("the forged chain is consistent").isTrue();
            assertBroken(verify(forged), CHECKPOINT_MISMATCH, firstCovering);
        }
        List<AuditEvent> afterLastCheckpoint = LOG.resealedFrom(950, e -> AuditLogFixture.withReason(e, "x"));
        assertThat(AuditVerifier.verify(afterLastCheckpoint, LOG.checkpointsUpTo(899), KEY).valid()).isTrue();
    }

    @Test
    void aForgedOrForeignCheckpointSignatureIsInvalid() {
        AuditCheckpoint genuine = LOG.checkpoints.get(3);
        byte[] randomSignature = new byte[64];
        new Random(3).nextBytes(randomSignature);
        AuditCheckpoint forged = withSignature(genuine, Base64.getEncoder().encodeToString(randomSignature));
        AuditCheckpoint foreign = Checkpoints.checkpoint(AuditSigners.generateEd25519(), LOG.events.get(399),
                genuine.at());
        AuditCheckpoint foreignClaimingOurKey = new AuditCheckpoint(foreign.sequence(), foreign.hash(), foreign.at(),
                genuine.keyId(), foreign.algorithm(), foreign.signature());
        AuditCheckpoint movedToAnotherEvent = new AuditCheckpoint(499, LOG.events.get(499).hash(), genuine.at(),
                genuine.keyId(), genuine.algorithm(), genuine.signature());

        for (AuditCheckpoint bad : List.of(forged, foreign, foreignClaimingOurKey, movedToAnotherEvent)) {
            List<AuditCheckpoint> checkpoints = new ArrayList<>(LOG.checkpoints);
            checkpoints.add(bad);
            assertBroken(AuditVerifier.verify(LOG.events, checkpoints, KEY), CHECKPOINT_SIGNATURE_INVALID,
                    bad.sequence());
        }
    }

    @Test
    void aSignatureMustBeInCanonicalBase64() {
        AuditCheckpoint genuine = LOG.checkpoints.get(0);
        String signature = genuine.signature();
        // 64 bytes end in two padding characters; the last data character carries 4 unused bits.
        char last = signature.charAt(signature.length() - 3);
        String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char sameBits = base64.charAt(base64.indexOf(last) ^ 1);
        String nonCanonical = signature.substring(0, signature.length() - 3) + sameBits + "==";
        assertThat(Base64.getDecoder().decode(nonCanonical)).isEqualTo(Base64.getDecoder().decode(signature));

        for (String bad : List.of(nonCanonical, signature.replace("=", ""), "not base64!", "")) {
            assertBroken(AuditVerifier.verify(LOG.events, List.of(withSignature(genuine, bad)), KEY),
                    CHECKPOINT_SIGNATURE_INVALID, 99);
        }
    }

    @Test
    void theFirstBrokenPositionIsReported() {
        List<AuditEvent> events = edited(700, e -> AuditLogFixture.withReason(e, "late"));
        events.set(250, AuditLogFixture.withReason(events.get(250), "early"));
        List<AuditCheckpoint> checkpoints = new ArrayList<>(LOG.checkpoints);
        checkpoints.set(1, withSignature(checkpoints.get(1), checkpoints.get(2).signature()));

        assertBroken(AuditVerifier.verify(events, checkpoints, KEY), CHECKPOINT_SIGNATURE_INVALID, 199);
        assertBroken(verify(events), HASH_MISMATCH, 250);
    }

    @Test
    void badDataYieldsAResultAndNeverThrows() {
        List<AuditEvent> withNull = new ArrayList<>(LOG.events);
        withNull.set(12, null);
        List<AuditCheckpoint> nullCheckpoint = new ArrayList<>(LOG.checkpoints);
        nullCheckpoint.add(null);
        AuditEvent upperCaseHash = withHashes(LOG.events.get(0), AuditHead.GENESIS_HASH,
                LOG.events.get(0).hash().toUpperCase(java.util.Locale.ROOT));
        AuditCheckpoint negative = new AuditCheckpoint(-1, LOG.checkpoints.get(0).hash(), Instant.EPOCH, "k",
                "Ed25519", "");
        AuditCheckpoint shortHash = new AuditCheckpoint(5, "abc", Instant.EPOCH, "k", "Ed25519", "");
        AuditCheckpoint otherAlgorithm = new AuditCheckpoint(99, LOG.events.get(99).hash(), Instant.EPOCH,
                LOG.signer.keyId(), "RSA", LOG.checkpoints.get(0).signature());

        assertBroken(verify(withNull), MALFORMED, 12);
        assertBroken(AuditVerifier.verify(List.of(upperCaseHash)), MALFORMED, 0);
        assertBroken(AuditVerifier.verify(LOG.events, List.of(shortHash), KEY), MALFORMED, 5);
        assertBroken(AuditVerifier.verify(LOG.events, List.of(otherAlgorithm), KEY), CHECKPOINT_SIGNATURE_INVALID, 99);
        for (AuditVerification positionless : List.of(AuditVerifier.verify(LOG.events, nullCheckpoint, KEY),
                AuditVerifier.verify(LOG.events, List.of(negative), KEY))) {
            assertThat(positionless.problem()).isEqualTo(MALFORMED);
            assertThat(positionless.firstBrokenSequence()).isEmpty();
        }
    }

    @Test
    void theVerifyingKeyMustBeAnEd25519PublicKey() {
        for (byte[] key : new byte[][] {new byte[0], new byte[31], new byte[33]}) {
            assertThatThrownBy(() -> AuditVerifier.verify(LOG.events, LOG.checkpoints, key))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("publicKey"));
        }
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xFF);
        assertThatThrownBy(() -> AuditVerifier.verify(LOG.events, LOG.checkpoints, notAPoint))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aResultIsConsistent() {
        assertThatThrownBy(() -> new AuditVerification(true, OptionalLong.empty(), HASH_MISMATCH, "x"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new AuditVerification(true, OptionalLong.of(3), NONE, "x"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AuditVerification.broken(NONE, 3, "x")).isInstanceOf(ValidationException.class);
        assertThat(AuditVerification.ok(1).message()).isEqualTo("1 event verified");
    }

    private static AuditEvent withSequence(AuditEvent e, long sequence) {
        return new AuditEvent(sequence, e.id(), e.at(), e.action(), e.outcome(), e.actor(), e.onBehalfOf(),
                e.targetType(), e.targetId(), e.reason(), e.correlationId(), e.details(), e.previousHash(), e.hash());
    }

    private static AuditEvent withHashes(AuditEvent e, String previousHash, String hash) {
        return new AuditEvent(e.sequence(), e.id(), e.at(), e.action(), e.outcome(), e.actor(), e.onBehalfOf(),
                e.targetType(), e.targetId(), e.reason(), e.correlationId(), e.details(), previousHash, hash);
    }

    private static AuditEvent copy(AuditEvent e, Instant at, IdentityId actor, Map<String, String> details,
            Optional<String> correlationId) {
        return new AuditEvent(e.sequence(), e.id(), at, e.action(), e.outcome(), actor, e.onBehalfOf(),
                e.targetType(), e.targetId(), e.reason(), correlationId, details, e.previousHash(), e.hash());
    }

    private static AuditCheckpoint withSignature(AuditCheckpoint c, String signature) {
        return new AuditCheckpoint(c.sequence(), c.hash(), c.at(), c.keyId(), c.algorithm(), signature);
    }
}
