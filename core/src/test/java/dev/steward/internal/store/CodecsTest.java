package dev.steward.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.authz.EnforcementMode;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.CredentialType;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Approval;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewRisk;
import dev.steward.review.ReviewScope;
import dev.steward.review.RevocationTiming;
import dev.steward.review.UndecidedPolicy;
import dev.steward.spi.EntityType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Core owns each entity's stored form: every entity survives its codec unchanged, and the
 * documents stay byte for byte what earlier releases wrote, so stored data still opens.
 */
class CodecsTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456789Z");
    private static final IdentityId SYSTEM = IdentityId.of("system:test");
    private static final IdentityId ALICE = IdentityId.of("alice");

    @Test
    void everyEntityRoundTripsThroughItsCodecWithEveryOptionalPresentOrAbsent() {
        roundTrip(EntityType.IDENTITY, fullIdentity(), minimalIdentity());
        roundTrip(EntityType.GRANT, fullGrant(Optional.empty(), 0), minimalGrant());
        roundTrip(EntityType.CREDENTIAL, fullCredential(Optional.empty(), 0), minimalCredential());
        roundTrip(EntityType.REVIEW_CYCLE, fullCycle(), minimalCycle());
        roundTrip(EntityType.REVIEW_ITEM, fullItem(), minimalItem());
    }

    @Test
    void usageTelemetryIsNotInTheDocumentAndComesBackOnlyThroughUsage() {
        Grant used = fullGrant(Optional.of(at(Duration.ofHours(3)).plusNanos(11)), 17);
        Grant decoded = EntityType.GRANT.codec().decode(EntityType.GRANT.codec().encode(used));
        assertThat(decoded).isEqualTo(fullGrant(Optional.empty(), 0));
        assertThat(EntityType.GRANT.usage().orElseThrow().keepStored(decoded, used)).isEqualTo(used);
        Credential key = fullCredential(Optional.of(at(Duration.ofMinutes(7))), 42);
        Credential back = EntityType.CREDENTIAL.codec().decode(EntityType.CREDENTIAL.codec().encode(key));
        assertThat(back).isEqualTo(fullCredential(Optional.empty(), 0));
        assertThat(EntityType.CREDENTIAL.usage().orElseThrow().with(back, key.lastUsedAt(), 42)).isEqualTo(key);
    }

    @Test
    void documentsKeepTheirStoredFormat() {
        assertThat(EntityType.IDENTITY.codec().encode(fullIdentity(Map.of("team", "payments")))).isEqualTo(
                "{\"id\":\"agent-1\",\"kind\":\"AGENT\",\"name\":\"Zoë’s assistant 𝄞\",\"status\":\"ACTIVE\",\"own"
                + "er\":\"alice\",\"environment\":\"staging\",\"attributes\":{\"team\":\"payments\"}"
                + ",\"parent\":\"alice\",\"purpose\":\"review pull requests\",\"createdBy\":\"alice\",\"c"
                + "reatedAt\":\"2026-01-05T09:00:00.123456789Z\",\"expiresAt\":\"2026-02-04T09:00:00.1234"
                + "56789Z\",\"approval\":{\"approver\":\"approver-1\",\"reference\":\"SEC-42\",\"at\":\"2026-01-0"
                + "5T09:05:00.123456789Z\"},\"orphanedAt\":\"2026-01-06T09:00:00.123456789Z\",\"enforceme"
                + "ntMode\":\"LOG_ONLY\",\"statusReason\":\"approved: SEC-42\",\"updatedAt\":\"2026-01-05T09:"
                + "05:00.123456789Z\",\"version\":3,\"reconfirmedAt\":\"2026-01-07T09:00:00.123456796Z\"}");
        assertThat(EntityType.GRANT.codec().encode(fullGrant(Set.of("repo:read"), Optional.of(T0), 9))).isEqualTo(
                "{\"id\":\"g-2\",\"grantee\":\"agent-1\",\"actions\":[\"repo:read\"],\"resource\":"
                + "\"github:acme/*/pulls/**\",\"validFrom\":\"2026-01-05T09:01:00.123456789Z\",\"validUnti"
                + "l\":\"2026-01-05T17:00:00.123456789Z\",\"environment\":\"prod\",\"maxUses\":5,\"uses\":2,\"d"
                + "elegatedBy\":\"alice\",\"justification\":\"fix bug 7 — für Zoë 𝄞\",\"requestedBy\":\"agent"
                + "-1\",\"requestedAt\":\"2026-01-05T09:00:00.123456789Z\",\"approval\":{\"approver\":\"appro"
                + "ver-1\",\"reference\":\"SEC-43\",\"at\":\"2026-01-05T09:02:00.123456789Z\"},\"status\":\"ACT"
                + "IVE\",\"statusReason\":\"approved\",\"updatedAt\":\"2026-01-05T09:02:00.123456789Z\",\"ver"
                + "sion\":4}");
        assertThat(EntityType.CREDENTIAL.codec().encode(fullCredential(Optional.of(T0), 9))).isEqualTo(
                "{\"id\":\"kkkkkkkkkkkkkkkkkkkkkk\",\"identity\":\"alice\",\"type\":\"PUBLIC_KEY\",\"name\":\"Zo"
                + "ë’s signing key 𝄞\",\"status\":\"ROTATED\",\"fingerprint\":\"sha256:a1b2c3d4e5f6\",\"verif"
                + "ier\":\"hmac-sha256:Zm9v\",\"secretRef\":\"steward/agents/zoë\",\"publicKey\":\"MCowBQYDK2"
                + "VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\",\"algorithm\":\"Ed25519\",\"issue"
                + "dBy\":\"approver-1\",\"issuedAt\":\"2026-01-05T09:00:00.123456789Z\",\"expiresAt\":\"2026-"
                + "02-04T09:00:00.123456789Z\",\"predecessor\":\"pppppppppppppppppppppp\",\"overlapEndsAt"
                + "\":\"2026-01-05T10:00:00.123456790Z\",\"statusReason\":\"rotated — 𝄞\",\"updatedAt\":\"202"
                + "6-01-05T09:05:00.123456789Z\",\"version\":2}");
        assertThat(EntityType.REVIEW_CYCLE.codec().encode(fullCycle(Set.of(IdentityKind.AGENT)))).isEqualTo(
                "{\"id\":\"cycle-1\",\"name\":\"Q3 — für Zoë 𝄞\",\"origin\":\"CAMPAIGN\",\"status\":\"CLOSED\",\"s"
                + "cope\":{\"identityKinds\":[\"AGENT\"],\"owners\":[\"alice\"],\"environments\":[\"p"
                + "rod\"],\"subjects\":[\"agent-1\"],\"itemKinds\":[\"GRANT\"],\"resourcePatterns\":[\"github:a"
                + "cme/**\",\"pg:prod/*\"],\"risks\":[\"UNUSED\"],\"unusedFor\":\"PT720H0.000000001S\",\"privil"
                + "egedActions\":[\"db:admin\"]},\"createdBy\":\"alice\",\"openedAt\":\"2026-01-05T09:00:00.1"
                + "23456789Z\",\"dueAt\":\"2026-01-19T09:00:00.123456792Z\",\"fallbackReviewer\":\"secops\","
                + "\"escalateTo\":\"ciso\",\"reminderInterval\":\"PT48H\",\"escalateAfter\":\"PT240H\",\"closeAt"
                + "Due\":true,\"undecided\":\"REVOKE\",\"revocation\":\"AT_CLOSE\",\"recurEvery\":\"PT2160H\",\"p"
                + "reviousCycle\":\"cycle-0\",\"itemCount\":1000000,\"closedAt\":\"2026-01-20T09:00:00.1234"
                + "56789Z\",\"closedBy\":\"system:lifecycle-sweep\",\"statusReason\":\"due — 𝄞\",\"updatedAt\""
                + ":\"2026-01-20T09:00:00.123456789Z\",\"version\":5}");
        assertThat(EntityType.REVIEW_ITEM.codec().encode(fullItem(Set.of(ReviewRisk.UNUSED)))).isEqualTo(
                "{\"id\":\"item-1\",\"cycle\":\"cycle-1\",\"kind\":\"OWNERSHIP\",\"target\":\"agent-1\",\"subject\""
                + ":\"agent-1\",\"subjectKind\":\"AGENT\",\"subjectOwner\":\"alice\",\"summary\":\"owned by alic"
                + "e — 𝄞\",\"risks\":[\"UNUSED\"],\"lastUsedAt\":\"2026-01-05T12:00:00.12345679"
                + "4Z\",\"useCount\":42,\"reviewer\":\"Bob\",\"forwardedFrom\":\"alice\",\"status\":\"DECIDED\",\"d"
                + "ecision\":\"REASSIGN\",\"decidedBy\":\"Bob\",\"decidedAt\":\"2026-01-07T09:00:00.123456798"
                + "Z\",\"comment\":\"to carol\",\"newOwner\":\"carol\",\"revokedAt\":\"2026-01-07T09:00:00.1234"
                + "56798Z\",\"flagged\":true,\"remindersSent\":3,\"lastRemindedAt\":\"2026-01-06T09:00:00.1"
                + "23456789Z\",\"escalatedAt\":\"2026-01-06T09:00:00.123456790Z\",\"updatedAt\":\"2026-01-0"
                + "7T09:00:00.123456798Z\",\"version\":6}");
    }

    @Test
    void aDocumentThatIsNotJsonOrLacksAFieldIsRefused() {
        assertThatThrownBy(() -> EntityType.IDENTITY.codec().decode("{not json"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EntityType.GRANT.codec().decode("{\"id\":\"g-1\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("grantee");
    }

    @SafeVarargs
    private static <E> void roundTrip(EntityType<E> type, E... entities) {
        for (E e : entities) {
            String doc = type.codec().encode(e);
            assertThat(type.codec().decode(doc)).as(type + " " + doc).isEqualTo(e);
        }
    }

    private static Instant at(Duration after) {
        return T0.plus(after);
    }

    // The one place this test builds entities.

    private static Identity fullIdentity() {
        return fullIdentity(Map.of("team", "payments", "note", "ünïcode ✓"));
    }

    private static Identity fullIdentity(Map<String, String> attributes) {
        return Identity.builder().id(IdentityId.of("agent-1")).kind(IdentityKind.AGENT).name("Zoë’s assistant 𝄞")
                .status(IdentityStatus.ACTIVE).owner(Optional.of(ALICE)).environment("staging").attributes(attributes)
                .parent(Optional.of(ALICE)).purpose("review pull requests").createdBy(ALICE).createdAt(T0)
                .expiresAt(Optional.of(at(Duration.ofDays(30))))
                .approval(Optional.of(new Approval(IdentityId.of("approver-1"), "SEC-42", at(Duration.ofMinutes(5)))))
                .orphanedAt(Optional.of(at(Duration.ofDays(1)))).enforcementMode(EnforcementMode.LOG_ONLY)
                .statusReason("approved: SEC-42").updatedAt(at(Duration.ofMinutes(5))).version(3)
                .reconfirmedAt(Optional.of(at(Duration.ofDays(2)).plusNanos(7))).build();
    }

    private static Identity minimalIdentity() {
        return Identity.builder().id(ALICE).kind(IdentityKind.HUMAN).name("Alice")
                .status(IdentityStatus.PENDING_APPROVAL).environment("prod").attributes(Map.of()).purpose("")
                .createdBy(SYSTEM).createdAt(T0).enforcementMode(EnforcementMode.ENFORCE).statusReason("")
                .updatedAt(T0).version(1).build();
    }

    private static Grant fullGrant(Optional<Instant> lastUsedAt, long useCount) {
        return fullGrant(Set.of("repo:read", "pr.comment"), lastUsedAt, useCount);
    }

    private static Grant fullGrant(Set<String> actions, Optional<Instant> lastUsedAt, long useCount) {
        return Grant.builder().id(GrantId.of("g-2")).grantee(IdentityId.of("agent-1")).actions(actions)
                .resource(ResourcePattern.parse("github:acme/*/pulls/**")).validFrom(at(Duration.ofMinutes(1)))
                .validUntil(Optional.of(at(Duration.ofHours(8)))).environment(Optional.of("prod"))
                .maxUses(OptionalLong.of(5)).uses(2).delegatedBy(Optional.of(ALICE))
                .justification("fix bug 7 — für Zoë 𝄞").requestedBy(IdentityId.of("agent-1")).requestedAt(T0)
                .approval(Optional.of(new Approval(IdentityId.of("approver-1"), "SEC-43", at(Duration.ofMinutes(2)))))
                .status(GrantStatus.ACTIVE).statusReason("approved").updatedAt(at(Duration.ofMinutes(2))).version(4)
                .lastUsedAt(lastUsedAt).useCount(useCount).build();
    }

    private static Grant minimalGrant() {
        return Grant.builder().id(GrantId.of("g-1")).grantee(ALICE).actions(Set.of("repo:read"))
                .resource(ResourcePattern.parse("github:acme/api")).validFrom(T0).justification("").requestedBy(SYSTEM)
                .requestedAt(T0).status(GrantStatus.REQUESTED).statusReason("").updatedAt(T0).version(1).build();
    }

    private static Credential fullCredential(Optional<Instant> lastUsedAt, long useCount) {
        return Credential.builder().id(CredentialId.of("k".repeat(CredentialId.LENGTH))).identity(ALICE)
                .type(CredentialType.PUBLIC_KEY).name("Zoë’s signing key 𝄞").status(CredentialStatus.ROTATED)
                .fingerprint("sha256:a1b2c3d4e5f6").verifier("hmac-sha256:Zm9v")
                .secretRef(Optional.of("steward/agents/zoë"))
                .publicKey(Optional.of("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="))
                .algorithm(Optional.of("Ed25519")).issuedBy(IdentityId.of("approver-1")).issuedAt(T0)
                .expiresAt(Optional.of(at(Duration.ofDays(30))))
                .predecessor(Optional.of(CredentialId.of("p".repeat(CredentialId.LENGTH))))
                .overlapEndsAt(Optional.of(at(Duration.ofHours(1)).plusNanos(1))).lastUsedAt(lastUsedAt)
                .useCount(useCount).statusReason("rotated — 𝄞").updatedAt(at(Duration.ofMinutes(5))).version(2)
                .build();
    }

    private static Credential minimalCredential() {
        return Credential.builder().id(CredentialId.of("m".repeat(CredentialId.LENGTH))).identity(ALICE)
                .type(CredentialType.API_KEY).name("key").status(CredentialStatus.ACTIVE).fingerprint("sha256:0123")
                .verifier("hmac-sha256:x").issuedBy(SYSTEM).issuedAt(T0).statusReason("issued").updatedAt(T0)
                .version(1).build();
    }

    private static ReviewCycle fullCycle() {
        return fullCycle(Set.of(IdentityKind.AGENT, IdentityKind.SERVICE));
    }

    private static ReviewCycle fullCycle(Set<IdentityKind> kinds) {
        ReviewScope scope = new ReviewScope(kinds,
                Set.of(ALICE), Set.of("prod"), Set.of(IdentityId.of("agent-1")), Set.of(ReviewItemKind.GRANT),
                List.of("github:acme/**", "pg:prod/*"), Set.of(ReviewRisk.UNUSED),
                Optional.of(Duration.ofDays(30).plusNanos(1)), Set.of("db:admin"));
        return ReviewCycle.builder().id(ReviewCycleId.of("cycle-1")).name("Q3 — für Zoë 𝄞")
                .origin(ReviewOrigin.CAMPAIGN).status(ReviewCycleStatus.CLOSED).scope(scope).createdBy(ALICE)
                .openedAt(T0).dueAt(at(Duration.ofDays(14)).plusNanos(3))
                .fallbackReviewer(Optional.of(IdentityId.of("secops"))).escalateTo(Optional.of(IdentityId.of("ciso")))
                .reminderInterval(Optional.of(Duration.ofDays(2))).escalateAfter(Optional.of(Duration.ofDays(10)))
                .closeAtDue(true).undecided(UndecidedPolicy.REVOKE).revocation(RevocationTiming.AT_CLOSE)
                .recurEvery(Optional.of(Duration.ofDays(90))).previousCycle(Optional.of(ReviewCycleId.of("cycle-0")))
                .itemCount(1_000_000).closedAt(Optional.of(at(Duration.ofDays(15))))
                .closedBy(Optional.of(IdentityId.of("system:lifecycle-sweep"))).statusReason("due — 𝄞")
                .updatedAt(at(Duration.ofDays(15))).version(5).build();
    }

    private static ReviewCycle minimalCycle() {
        return ReviewCycle.builder().id(ReviewCycleId.of("cycle-2")).name("cycle").origin(ReviewOrigin.OWNER_LEFT)
                .status(ReviewCycleStatus.OPEN).scope(ReviewScope.everything()).createdBy(SYSTEM).openedAt(T0)
                .dueAt(at(Duration.ofDays(14))).closeAtDue(false).undecided(UndecidedPolicy.KEEP_AND_FLAG)
                .revocation(RevocationTiming.IMMEDIATELY).itemCount(0).statusReason("opened").updatedAt(T0)
                .version(1).build();
    }

    private static ReviewItem fullItem() {
        return fullItem(Set.of(ReviewRisk.UNUSED, ReviewRisk.DELEGATED));
    }

    private static ReviewItem fullItem(Set<ReviewRisk> risks) {
        return ReviewItem.builder().id(ReviewItemId.of("item-1")).cycle(ReviewCycleId.of("cycle-1"))
                .kind(ReviewItemKind.OWNERSHIP).target("agent-1").subject(IdentityId.of("agent-1"))
                .subjectKind(IdentityKind.AGENT).subjectOwner(Optional.of(ALICE)).summary("owned by alice — 𝄞")
                .risks(risks).lastUsedAt(Optional.of(at(Duration.ofHours(3)).plusNanos(5))).useCount(42)
                .reviewer(Optional.of(IdentityId.of("Bob"))).forwardedFrom(Optional.of(ALICE))
                .status(ReviewItemStatus.DECIDED).decision(Optional.of(ReviewDecision.REASSIGN))
                .decidedBy(Optional.of(IdentityId.of("Bob"))).decidedAt(Optional.of(at(Duration.ofDays(2))
                        .plusNanos(9)))
                .comment("to carol").newOwner(Optional.of(IdentityId.of("carol")))
                .revokedAt(Optional.of(at(Duration.ofDays(2)).plusNanos(9))).flagged(true).remindersSent(3)
                .lastRemindedAt(Optional.of(at(Duration.ofDays(1))))
                .escalatedAt(Optional.of(at(Duration.ofDays(1)).plusNanos(1))).updatedAt(at(Duration.ofDays(2))
                        .plusNanos(9))
                .version(6).build();
    }

    private static ReviewItem minimalItem() {
        return ReviewItem.builder().id(ReviewItemId.of("item-2")).cycle(ReviewCycleId.of("cycle-2"))
                .kind(ReviewItemKind.GRANT).target("g-1").subject(IdentityId.of("agent-1"))
                .subjectKind(IdentityKind.AGENT).summary("repo:read").risks(Set.of()).useCount(0)
                .status(ReviewItemStatus.PENDING).comment("").flagged(false).remindersSent(0).updatedAt(T0)
                .version(1).build();
    }
}
