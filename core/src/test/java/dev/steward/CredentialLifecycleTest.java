package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialPolicy;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.credential.ExposureReport;
import dev.steward.credential.IssuedCredential;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.SecretScanner;
import dev.steward.credential.VerificationFailure;
import dev.steward.credential.VerificationResult;
import dev.steward.identity.Identity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CredentialLifecycleTest {
    private final Fixture f = new Fixture(b -> b.credentialPolicy(CredentialType.API_KEY,
            new CredentialPolicy(Duration.ofDays(60), Duration.ofDays(30), Duration.ofHours(2)))
            .revokeCredentialsUnusedFor(Duration.ofDays(20)));
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity bot = f.agent("bot", alice, bob);

    @AfterEach
    void close() {
        f.close();
    }

    private IssuedCredential issue() {
        return f.steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("ci"), alice.asActor());
    }

    private static String key(IssuedCredential issued) {
        return new String(issued.secret().chars());
    }

    @Test
    @DisplayName("an issued key is self-identifying, verifies to its identity, and only its verifier is stored")
    void issueAndVerify() {
        IssuedCredential issued = issue();
        String key = key(issued);
        assertThat(key).startsWith("stw_ak_" + issued.credential().id().value() + "_").hasSize(KeyFormat.LENGTH);
        Credential stored = f.steward.credentials().get(issued.credential().id());
        assertThat(stored.verifier()).doesNotContain(key.substring(30, 70)).startsWith("sha256:");
        assertThat(stored.expiresAt()).as("an agent's key ends no later than the agent")
                .contains(bot.expiresAt().orElseThrow());
        VerificationResult r = f.steward.credentials().verify(key);
        assertThat(r.isValid()).isTrue();
        assertThat(r.identity()).contains(bot.id());
        issued.close();
        assertThat(issued.secret().isWiped()).isTrue();
    }

    @Test
    @DisplayName("verify: malformed, unknown and wrong-secret keys fail with a reason, never an exception")
    void verifyFailures() {
        String key = key(issue());
        assertThat(f.steward.credentials().verify(null).failure()).contains(VerificationFailure.MALFORMED);
        assertThat(f.steward.credentials().verify("").failure()).contains(VerificationFailure.MALFORMED);
        assertThat(f.steward.credentials().verify("stw_ak_garbage").failure()).contains(VerificationFailure.MALFORMED);
        char[] chars = key.toCharArray();
        chars[40] = chars[40] == 'a' ? 'b' : 'a';
        assertThat(f.steward.credentials().verify(new String(chars)).failure())
                .as("a changed secret breaks the checksum").contains(VerificationFailure.MALFORMED);
        String otherSecret = KeyFormat.format(dev.steward.credential.CredentialType.API_KEY,
                KeyFormat.parse(key).orElseThrow().id(), KeyFormat.newSecret(new java.security.SecureRandom()));
        assertThat(f.steward.credentials().verify(otherSecret).failure()).contains(VerificationFailure.UNKNOWN);
        String unknownId = KeyFormat.format(dev.steward.credential.CredentialType.API_KEY,
                dev.steward.credential.CredentialId.random(), KeyFormat.newSecret(new java.security.SecureRandom()));
        assertThat(f.steward.credentials().verify(unknownId).failure()).contains(VerificationFailure.UNKNOWN);
    }

    @Test
    @DisplayName("revocation is immediate; suspension of the identity rejects its keys; retirement revokes them")
    void revocation() {
        String key = key(issue());
        f.steward.identities().suspend(bot.id(), alice.asActor(), "incident");
        assertThat(f.steward.credentials().verify(key).failure()).contains(VerificationFailure.IDENTITY_NOT_ACTIVE);
        f.steward.identities().resume(bot.id(), alice.asActor(), "resolved");
        assertThat(f.steward.credentials().verify(key).isValid()).isTrue();
        IssuedCredential second = issue();
        f.steward.credentials().revoke(second.credential().id(), bob.asActor(), "not needed");
        assertThat(f.steward.credentials().verify(key(second)).failure()).contains(VerificationFailure.REVOKED);
        f.steward.identities().retire(bot.id(), alice.asActor(), "decommissioned");
        assertThat(f.steward.credentials().query(dev.steward.credential.CredentialQuery.all().identity(bot.id()))
                .items()).extracting(Credential::status).containsOnly(CredentialStatus.REVOKED);
    }

    @Test
    @DisplayName("rotation: the predecessor is accepted until its overlap ends, then expires; the boundary is exact")
    void rotationOverlap() {
        IssuedCredential first = issue();
        IssuedCredential second = f.steward.credentials().rotateKey(first.credential().id(), alice.asActor(), "scheduled");
        assertThat(second.credential().predecessor()).contains(first.credential().id());
        assertThat(f.steward.credentials().verify(key(first)).isValid()).isTrue();
        assertThatThrownBy(() -> f.steward.credentials().rotateKey(first.credential().id(), alice.asActor(), "again"))
                .as("only an active credential rotates, so concurrent rotations leave one successor")
                .isInstanceOf(InvalidTransitionException.class);
        f.clock.advance(Duration.ofHours(2).minusNanos(1));
        assertThat(f.steward.credentials().verify(key(first)).isValid()).isTrue();
        f.clock.advance(Duration.ofNanos(1));
        assertThat(f.steward.credentials().verify(key(first)).failure()).contains(VerificationFailure.EXPIRED);
        assertThat(f.steward.credentials().verify(key(second)).isValid()).isTrue();
        assertThat(f.steward.sweep().credentialsExpired()).isEqualTo(1);
        assertThat(f.steward.credentials().get(first.credential().id()).status()).isEqualTo(CredentialStatus.EXPIRED);
    }

    @Test
    @DisplayName("expiry and the due-for-rotation query follow the policy and the injected clock")
    void expiryAndDue() {
        IssuedCredential issued = issue();
        assertThat(f.steward.credentials().dueForRotation(f.clock.instant())).isEmpty();
        assertThat(f.steward.credentials().dueForRotation(f.clock.instant().plus(Duration.ofDays(30))))
                .extracting(Credential::id).containsExactly(issued.credential().id());
        assertThatThrownBy(() -> f.steward.credentials().issue(CredentialSpec.apiKey(bot.id())
                .expiresIn(Duration.ofDays(61)), alice.asActor()))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(GovernanceRule.CREDENTIAL_LIFETIME));
    }

    @Test
    @DisplayName("inactivity: a credential unused for the configured time is revoked by the sweep; use resets the clock")
    void inactivity() {
        String used = key(issue());
        String idle = key(issue());
        f.clock.advance(Duration.ofDays(15));
        assertThat(f.steward.credentials().verify(used).isValid()).isTrue();
        f.clock.advance(Duration.ofDays(6));
        assertThat(f.steward.sweep().credentialsRevokedUnused()).isEqualTo(1);
        assertThat(f.steward.credentials().verify(idle).failure()).contains(VerificationFailure.REVOKED);
        assertThat(f.steward.credentials().verify(used).isValid()).isTrue();
        Credential usedCredential = f.steward.credentials().get(KeyFormat.parse(used).orElseThrow().id());
        assertThat(usedCredential.useCount()).isEqualTo(2);
        assertThat(usedCredential.lastUsedAt()).contains(f.clock.instant());
    }

    @Test
    @DisplayName("leak to revoke: a key found by the scanner is revoked at once, the exposure audited, a rotation offered")
    void leakToRevoke() {
        IssuedCredential issued = issue();
        String log = "2026-01-05 deploy step failed; env: TOKEN=" + key(issued) + " retrying\n";
        List<SecretScanner.Finding> findings = SecretScanner.create().scan(log);
        assertThat(findings).hasSize(1);
        ExposureReport report = f.steward.credentials().reportExposure(findings.get(0).credentialId(), "ci log 1234",
                dev.steward.identity.Actor.system("scanner"));
        assertThat(report.credential().status()).isEqualTo(CredentialStatus.REVOKED);
        assertThat(report.owner()).contains(alice.id());
        assertThat(report.rotationAvailable()).isTrue();
        assertThat(f.steward.credentials().verify(key(issued)).failure()).contains(VerificationFailure.REVOKED);
        AuditEvent exposure = f.steward.audit().read(0, 10_000).stream()
                .filter(e -> e.id().equals(report.auditEventId())).findFirst().orElseThrow();
        assertThat(exposure.action()).isEqualTo(AuditAction.CREDENTIAL_EXPOSED);
        assertThat(exposure.details()).containsEntry("owner", alice.id().value()).containsEntry("source", "ci log 1234");
        IssuedCredential replacement = f.steward.credentials().rotateKey(issued.credential().id(), alice.asActor(),
                "replace exposed key");
        assertThat(f.steward.credentials().verify(key(replacement)).isValid()).isTrue();
    }
}
