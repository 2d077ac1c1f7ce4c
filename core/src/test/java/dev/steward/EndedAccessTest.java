package dev.steward;

import static dev.steward.ReviewCampaignTest.itemFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.ExposureReport;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Access that has already ended meets every path that ends access the same way: the grant or
 * credential service refuses with a typed {@link InvalidTransitionException}; a review decision,
 * a retirement's cascade and an exposure leave it as it is; none of them writes it again.
 */
class EndedAccessTest {
    private final Fixture f = new Fixture();
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity secops = f.human("secops");
    private final Identity bot = f.agent("bot", alice, bob);

    @AfterEach
    void close() {
        f.close();
    }

    private ReviewCycle open(ReviewItemKind kind) {
        return f.steward.reviews().open(ReviewCycleSpec.named("Q1").items(kind).fallbackReviewer(secops.id()),
                Fixture.HR);
    }

    private List<AuditEvent> eventsAbout(String targetId) {
        return f.steward.audit().read(0, 10_000).stream().filter(e -> e.targetId().equals(targetId)).toList();
    }

    /** Every path but the service's own, on access that has ended: no write, no event. */
    private void otherPathsLeaveItAlone(ReviewCycle cycle, String target) {
        List<AuditEvent> before = eventsAbout(target);
        ReviewItem item = itemFor(f, cycle, target);
        ReviewItem decided = f.steward.reviews().decide(item.id(), ReviewDecision.REVOKE, alice.asActor(), "unused");
        assertThat(decided.revokedAt()).as("nothing was left to revoke").isEmpty();
        f.steward.identities().retire(bot.id(), Fixture.HR, "decommissioned");
        assertThat(eventsAbout(target)).as("no second event about " + target).isEqualTo(before);
    }

    @Test
    @DisplayName("a revoked grant: revoked again is an invalid transition; a review revoke and a retirement leave it")
    void revokedGrant() {
        Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
        ReviewCycle cycle = open(ReviewItemKind.GRANT);
        f.steward.grants().revoke(read.id(), alice.asActor(), "no longer needed");
        assertThatThrownBy(() -> f.steward.grants().revoke(read.id(), alice.asActor(), "again"))
                .isInstanceOf(InvalidTransitionException.class);
        otherPathsLeaveItAlone(cycle, read.id().value());
        Grant now = f.steward.grants().get(read.id());
        assertThat(now.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(now.statusReason()).isEqualTo("no longer needed");
    }

    @Test
    @DisplayName("an expired grant: a revoke is an invalid transition; a review revoke and a retirement leave it EXPIRED")
    void expiredGrant() {
        Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
        ReviewCycle cycle = open(ReviewItemKind.GRANT);
        f.clock.advance(Duration.ofHours(9));
        assertThat(f.steward.sweep().grantsExpired()).isEqualTo(1);
        assertThatThrownBy(() -> f.steward.grants().revoke(read.id(), alice.asActor(), "late"))
                .isInstanceOf(InvalidTransitionException.class);
        otherPathsLeaveItAlone(cycle, read.id().value());
        assertThat(f.steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.EXPIRED);
    }

    @Test
    @DisplayName("a revoked credential: revoked again is an invalid transition; a review revoke and a retirement leave it")
    void revokedCredential() {
        Credential key = f.steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("ci"), alice.asActor())
                .credential();
        ReviewCycle cycle = open(ReviewItemKind.CREDENTIAL);
        f.steward.credentials().revoke(key.id(), alice.asActor(), "rotated out");
        assertThatThrownBy(() -> f.steward.credentials().revoke(key.id(), alice.asActor(), "again"))
                .isInstanceOf(InvalidTransitionException.class);
        otherPathsLeaveItAlone(cycle, key.id().value());
        Credential now = f.steward.credentials().get(key.id());
        assertThat(now.status()).isEqualTo(CredentialStatus.REVOKED);
        assertThat(now.statusReason()).isEqualTo("rotated out");
    }

    @Test
    @DisplayName("an expired credential: a revoke is an invalid transition; a review revoke and a retirement leave it")
    void expiredCredential() {
        Credential key = f.steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("ci")
                .expiresIn(Duration.ofHours(1)), alice.asActor()).credential();
        ReviewCycle cycle = open(ReviewItemKind.CREDENTIAL);
        f.clock.advance(Duration.ofHours(2));
        assertThat(f.steward.sweep().credentialsExpired()).isEqualTo(1);
        assertThatThrownBy(() -> f.steward.credentials().revoke(key.id(), alice.asActor(), "late"))
                .isInstanceOf(InvalidTransitionException.class);
        otherPathsLeaveItAlone(cycle, key.id().value());
        assertThat(f.steward.credentials().get(key.id()).status()).isEqualTo(CredentialStatus.EXPIRED);
    }

    @Test
    @DisplayName("an exposure of an expired credential is recorded, and the credential stays EXPIRED: terminal is terminal")
    void exposureOfExpiredCredential() {
        Credential key = f.steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("ci")
                .expiresIn(Duration.ofHours(1)), alice.asActor()).credential();
        f.clock.advance(Duration.ofHours(2));
        assertThat(f.steward.sweep().credentialsExpired()).isEqualTo(1);
        Credential expired = f.steward.credentials().get(key.id());
        ExposureReport report = f.steward.credentials().reportExposure(key.id(), "a ci log", alice.asActor());
        assertThat(report.credential()).isEqualTo(expired);
        assertThat(f.steward.credentials().get(key.id())).isEqualTo(expired);
        List<AuditEvent> exposed = eventsAbout(key.id().value()).stream()
                .filter(e -> e.action() == AuditAction.CREDENTIAL_EXPOSED).toList();
        assertThat(exposed).hasSize(1);
        assertThat(exposed.get(0).id()).isEqualTo(report.auditEventId());
    }

    @Test
    @DisplayName("an exposure of a live credential revokes it with the exposure's event; a second report only records")
    void exposureOfLiveCredential() {
        Credential key = f.steward.credentials().issue(CredentialSpec.apiKey(bot.id()).name("ci"), alice.asActor())
                .credential();
        ExposureReport first = f.steward.credentials().reportExposure(key.id(), "a prompt", alice.asActor());
        assertThat(first.credential().status()).isEqualTo(CredentialStatus.REVOKED);
        ExposureReport second = f.steward.credentials().reportExposure(key.id(), "a commit", alice.asActor());
        assertThat(second.credential()).isEqualTo(f.steward.credentials().get(key.id()));
        assertThat(second.credential().version()).isEqualTo(first.credential().version());
        assertThat(eventsAbout(key.id().value()).stream().filter(e -> e.action() == AuditAction.CREDENTIAL_EXPOSED))
                .hasSize(2);
    }
}
