package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.authz.AccessDeniedException;
import dev.steward.credential.Challenge;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.PublicKeyAlgorithm;
import dev.steward.credential.Secret;
import dev.steward.credential.VerificationFailure;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Identity;
import dev.steward.memory.InMemorySecretBackend;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.RotationHandler;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CredentialProofTest {
    private final AtomicInteger rotations = new AtomicInteger();
    private final RotationHandler handler = new RotationHandler() {
        @Override
        public boolean supports(Credential credential) {
            return credential.name().equals("db-password");
        }

        @Override
        public Secret rotate(Credential credential, Secret current) {
            return Secret.of(("rotated-" + rotations.incrementAndGet()).toCharArray());
        }
    };
    private final Fixture f = new Fixture(InMemoryStore.create(),
            b -> b.secrets(InMemorySecretBackend.create()).rotationHandler(handler));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity bot = f.agent("bot", alice, bob);

    @AfterEach
    void close() {
        f.close();
    }

    private static byte[] sign(String algorithm, KeyPair pair, byte[] message) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(pair.getPrivate());
        s.update(message);
        return s.sign();
    }

    @Test
    @DisplayName("public keys: a signature over a one-time challenge proves the identity; no shared secret exists")
    void publicKeyChallenge() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Credential key = f.steward.credentials().registerPublicKey(CredentialSpec.publicKey(bot.id()).name("tpm"),
                PublicKeyAlgorithm.ED25519, ed.getPublic().getEncoded(), alice.asActor());
        Challenge challenge = f.steward.credentials().challenge(key.id());
        byte[] signature = sign("Ed25519", ed, challenge.message());
        assertThat(f.steward.credentials().verifySignature(challenge, signature).identity()).contains(bot.id());
        assertThat(f.steward.credentials().verifySignature(challenge, signature).failure())
                .as("a challenge is single use").contains(VerificationFailure.BAD_PROOF);

        Challenge next = f.steward.credentials().challenge(key.id());
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(f.steward.credentials().verifySignature(next, sign("Ed25519", other, next.message())).failure())
                .contains(VerificationFailure.BAD_PROOF);

        Challenge late = f.steward.credentials().challenge(key.id());
        assertThat(late.expiresAt()).isEqualTo(f.clock.instant().plus(Challenge.DEFAULT_LIFETIME));
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(f.steward.credentials().verifySignature(late, sign("Ed25519", ed, late.message())).failure())
                .as("an expired challenge says so").contains(VerificationFailure.CHALLENGE_EXPIRED);
        assertThat(f.steward.credentials().verifySignature(late, sign("Ed25519", ed, late.message())).failure())
                .as("and is used up").contains(VerificationFailure.BAD_PROOF);

        Challenge unknown = new Challenge(key.id(), "never-issued", f.clock.instant().plusSeconds(60));
        assertThat(f.steward.credentials().verifySignature(unknown, sign("Ed25519", ed, unknown.message())).failure())
                .as("an unknown challenge").contains(VerificationFailure.BAD_PROOF);
    }

    @Test
    @DisplayName("public keys: the challenge lifetime is a validated setting, 2 minutes by default")
    void challengeLifetime() throws Exception {
        try (Fixture longer = new Fixture(b -> b.challengeLifetime(Duration.ofMinutes(10)))) {
            Identity a = longer.human("a");
            Identity agent = longer.agent("x", a, longer.human("b"));
            KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Credential key = longer.steward.credentials().registerPublicKey(CredentialSpec.publicKey(agent.id()),
                    PublicKeyAlgorithm.ED25519, ed.getPublic().getEncoded(), a.asActor());
            Challenge challenge = longer.steward.credentials().challenge(key.id());
            assertThat(challenge.expiresAt()).isEqualTo(longer.clock.instant().plus(Duration.ofMinutes(10)));
            longer.clock.advance(Duration.ofMinutes(9));
            assertThat(longer.steward.credentials().verifySignature(challenge, sign("Ed25519", ed,
                    challenge.message())).isValid()).isTrue();
        }
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofHours(1).plusSeconds(1)}) {
            assertThatThrownBy(() -> Steward.builder().challengeLifetime(bad))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("challengeLifetime"));
        }
        assertThatThrownBy(() -> Steward.builder().challengeLifetime(Duration.ofMinutes(1))
                .challengeLifetime(Duration.ofMinutes(1))).isInstanceOf(ValidationException.class);
    }

    @Test
    @DisplayName("public keys: ECDSA P-256 works too, and a key that is not P-256 is refused")
    void ecdsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = gen.generateKeyPair();
        Credential key = f.steward.credentials().registerPublicKey(CredentialSpec.publicKey(bot.id()),
                PublicKeyAlgorithm.EC_P256, ec.getPublic().getEncoded(), alice.asActor());
        Challenge challenge = f.steward.credentials().challenge(key.id());
        assertThat(f.steward.credentials().verifySignature(challenge, sign("SHA256withECDSA", ec, challenge.message()))
                .isValid()).isTrue();
        gen.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] p384 = gen.generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> f.steward.credentials().registerPublicKey(CredentialSpec.publicKey(bot.id()),
                PublicKeyAlgorithm.EC_P256, p384, alice.asActor()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("publicKey"));
    }

    @Test
    @DisplayName("stored secrets: checkout needs a grant, and is audited with the caller and correlation id")
    void checkout() {
        Credential stored = f.steward.credentials().storeSecret(CredentialSpec.storedSecret(bot.id()).name("db-password"),
                Secret.of("s3cret-pw".toCharArray()), alice.asActor());
        assertThatThrownBy(() -> f.steward.credentials().checkout(stored.id(), bot.id(), "call-1"))
                .isInstanceOf(AccessDeniedException.class);
        f.grant(GrantSpec.to(bot.id()).allow(CredentialService.CHECKOUT_ACTION)
                .on(CredentialService.checkoutResource(stored)).validFor(Duration.ofHours(1))
                .justification("nightly job"), bob);
        try (Secret s = f.steward.credentials().checkout(stored.id(), bot.id(), "call-2")) {
            assertThat(new String(s.chars())).isEqualTo("s3cret-pw");
        }
        assertThat(f.steward.audit().trail("call-2")).extracting(e -> e.action())
                .containsExactly(AuditAction.ACCESS_DECIDED, AuditAction.CREDENTIAL_CHECKED_OUT);
    }

    @Test
    @DisplayName("stored secrets rotate through the host's handler; the old one stays readable only as the backend version before")
    void storedRotation() {
        Credential stored = f.steward.credentials().storeSecret(CredentialSpec.storedSecret(bot.id()).name("db-password"),
                Secret.of("first".toCharArray()), alice.asActor());
        Credential next = f.steward.credentials().rotateSecret(stored.id(), alice.asActor(), "quarterly");
        assertThat(rotations).hasValue(1);
        assertThat(next.predecessor()).contains(stored.id());
        f.grant(GrantSpec.to(bot.id()).allow(CredentialService.CHECKOUT_ACTION).on(CredentialService.checkoutResource(stored))
                .validFor(Duration.ofHours(1)).justification("job"), bob);
        try (Secret s = f.steward.credentials().checkout(next.id(), bot.id(), "call-3")) {
            assertThat(new String(s.chars())).isEqualTo("rotated-1");
        }
        Credential other = f.steward.credentials().storeSecret(CredentialSpec.storedSecret(bot.id()).name("api-token"),
                Secret.of("t".toCharArray()), alice.asActor());
        assertThatThrownBy(() -> f.steward.credentials().rotateSecret(other.id(), alice.asActor(), "x"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("rotationHandler"));
    }

    @Test
    @DisplayName("nothing is recorded as issued unless its material was stored")
    void backendFailure() {
        try (Fixture broken = new Fixture(InMemoryStore.create(), b -> b.secrets(new FailingSecretBackend()))) {
            Identity carol = broken.human("carol");
            assertThatThrownBy(() -> broken.steward.credentials().storeSecret(CredentialSpec.storedSecret(carol.id()),
                    Secret.of("pw".toCharArray()), Fixture.HR))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageNotContaining("pw");
            assertThat(broken.steward.credentials().query(dev.steward.credential.CredentialQuery.all()).items()).isEmpty();
        }
    }
}
