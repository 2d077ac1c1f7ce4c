package dev.steward.tck;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
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
import dev.steward.identity.SuspensionCause;
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
import java.util.Set;

/**
 * The values the kit writes. Instants carry nanoseconds and texts carry non-ASCII characters
 * (including one outside the Basic Multilingual Plane), so a store that truncates either fails.
 */
final class Samples {
    /** A start instant with nanoseconds. */
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456789Z");
    static final IdentityId SYSTEM = IdentityId.of("system:kit");

    /** The identities the versioned-entity rules use. */
    static final EntityFixture<Identity> IDENTITIES = new EntityFixture<>(EntityType.IDENTITY, Samples::human,
            stem -> agent(stem, IdentityId.of("alice")), stem -> identity(stem, IdentityKind.AGENT,
                    IdentityStatus.PENDING_APPROVAL, IdentityId.of("mallory"), "prod", null, null), Samples::next);

    /** The grants the versioned-entity rules use. */
    static final EntityFixture<Grant> GRANTS = new EntityFixture<>(EntityType.GRANT,
            stem -> grant("g-" + stem, IdentityId.of("agent-1")),
            stem -> fullGrant("g-" + stem, IdentityId.of("agent-1"), IdentityId.of("alice")),
            stem -> grant("g-" + stem, IdentityId.of("mallory"), GrantStatus.REQUESTED, null), Samples::next);

    /** The credentials the versioned-entity rules use; each full one has a predecessor of its own. */
    static final EntityFixture<Credential> CREDENTIALS = new EntityFixture<>(EntityType.CREDENTIAL,
            stem -> apiKey(stem, IdentityId.of("agent-1")),
            stem -> fullCredential(stem, IdentityId.of("agent-1"), credentialId("p" + stem)),
            stem -> credential(stem, IdentityId.of("mallory"), CredentialType.API_KEY, CredentialStatus.REVOKED, T0,
                    null, 0), Samples::next);

    /** The review cycles the versioned-entity rules use. */
    static final EntityFixture<ReviewCycle> REVIEW_CYCLES = new EntityFixture<>(EntityType.REVIEW_CYCLE,
            stem -> reviewCycle("cycle-" + stem, ReviewOrigin.CAMPAIGN, ReviewCycleStatus.OPEN),
            stem -> fullReviewCycle("cycle-" + stem),
            stem -> reviewCycle("cycle-" + stem, ReviewOrigin.RECONFIRMATION, ReviewCycleStatus.CLOSED), Samples::next);

    /** The review items the versioned-entity rules use. */
    static final EntityFixture<ReviewItem> REVIEW_ITEMS = new EntityFixture<>(EntityType.REVIEW_ITEM,
            stem -> reviewItem("item-" + stem, ReviewCycleId.of("cycle-1"), IdentityId.of("Bob"),
                    ReviewItemStatus.PENDING),
            stem -> fullReviewItem("item-" + stem, ReviewCycleId.of("cycle-1")),
            stem -> reviewItem("item-" + stem, ReviewCycleId.of("cycle-2"), null, ReviewItemStatus.DECIDED),
            (item, reason) -> next(item));

    private Samples() {
    }

    static Instant at(Duration after) {
        return T0.plus(after);
    }

    /** An active human with every optional field empty. */
    static Identity human(String id) {
        return identity(id, IdentityKind.HUMAN, IdentityStatus.ACTIVE, null, "prod", null, null);
    }

    /** A non-human identity with every optional field present. */
    static Identity agent(String id, IdentityId owner) {
        return Identity.builder().id(IdentityId.of(id)).kind(IdentityKind.AGENT).name("Zoë’s assistant 𝄞")
                .status(IdentityStatus.ACTIVE).owner(owner).environment("staging")
                .attributes(Map.of("team", "payments", "cost-center", "42", "note", "ünïcode ✓")).parent(owner)
                .purpose("review pull requests on acme/api").createdBy(owner).createdAt(T0)
                .expiresAt(at(Duration.ofDays(30)))
                .approval(new Approval(IdentityId.of("approver-1"), "SEC-42", at(Duration.ofMinutes(5))))
                .orphanedAt(at(Duration.ofDays(1))).enforcementMode(EnforcementMode.LOG_ONLY)
                .statusReason("approved: SEC-42").updatedAt(at(Duration.ofMinutes(5)))
                .reconfirmedAt(at(Duration.ofDays(2)).plusNanos(7))
                .suspensionCause(SuspensionCause.RECONFIRMATION_LAPSED).build();
    }

    /** An identity with the fields queries filter on; version 1. */
    static Identity identity(String id, IdentityKind kind, IdentityStatus status, IdentityId owner,
            String environment, Instant orphanedAt, Instant expiresAt) {
        return Identity.builder().id(IdentityId.of(id)).kind(kind).name("name of " + id).status(status)
                .owner(Optional.ofNullable(owner)).environment(environment).purpose("").createdBy(SYSTEM)
                .createdAt(T0).expiresAt(Optional.ofNullable(expiresAt)).orphanedAt(Optional.ofNullable(orphanedAt))
                .enforcementMode(EnforcementMode.ENFORCE).statusReason("registered").updatedAt(T0).build();
    }

    /** The next snapshot of an identity: version plus one, another reason and update time. */
    static Identity next(Identity i, String reason) {
        return i.withStatus(i.status(), reason, i.updatedAt().plusNanos(1_000_001));
    }

    /** A direct active grant with every optional field empty. */
    static Grant grant(String id, IdentityId grantee) {
        return grant(id, grantee, GrantStatus.ACTIVE, null);
    }

    /** A grant with the fields queries filter on; version 1. */
    static Grant grant(String id, IdentityId grantee, GrantStatus status, IdentityId delegatedBy) {
        return Grant.builder().id(GrantId.of(id)).grantee(grantee).actions(Set.of("repo:read"))
                .resource(ResourcePattern.parse("github:acme/api")).validFrom(T0)
                .delegatedBy(Optional.ofNullable(delegatedBy)).justification("needed").requestedBy(SYSTEM)
                .requestedAt(T0).status(status).statusReason("requested").updatedAt(T0).build();
    }

    /** A delegated, conditioned, approved grant with every optional field present. */
    static Grant fullGrant(String id, IdentityId grantee, IdentityId delegator) {
        return Grant.builder().id(GrantId.of(id)).grantee(grantee)
                .actions(Set.of("repo:read", "repo:write", "pr.comment"))
                .resource(ResourcePattern.parse("github:acme/*/pulls/**")).validFrom(at(Duration.ofMinutes(1)))
                .validUntil(at(Duration.ofHours(8))).environment("prod").maxUses(5).uses(2).delegatedBy(delegator)
                .justification("fix bug 7 — für Zoë 𝄞").requestedBy(grantee).requestedAt(T0)
                .approval(new Approval(IdentityId.of("approver-1"), "SEC-43", at(Duration.ofMinutes(2))))
                .status(GrantStatus.ACTIVE).statusReason("approved").updatedAt(at(Duration.ofMinutes(2)))
                .lastUsedAt(at(Duration.ofMinutes(3)).plusNanos(11)).useCount(17).build();
    }

    /** The next snapshot of a grant: version plus one, another reason and update time. */
    static Grant next(Grant g, String reason) {
        return g.withStatus(g.status(), reason, g.updatedAt().plusNanos(1_000_001));
    }

    /**
     * A credential id: {@code stem} (base62) padded with zeros to the {@value CredentialId#LENGTH}
     * characters ids have, so that ids which differ only in case stay readable in tests.
     */
    static CredentialId credentialId(String stem) {
        return CredentialId.of(stem + "0".repeat(CredentialId.LENGTH - stem.length()));
    }

    /** An active API key issued at {@link #T0}, never used, with every optional field empty; version 1. */
    static Credential apiKey(String stem, IdentityId holder) {
        return credential(stem, holder, CredentialType.API_KEY, CredentialStatus.ACTIVE, T0, null, 0);
    }

    /** A credential with the fields queries filter on, last used at {@code lastUsedAt} if not null; version 1. */
    static Credential credential(String stem, IdentityId holder, CredentialType type, CredentialStatus status,
            Instant issuedAt, Instant lastUsedAt, long useCount) {
        return Credential.builder().id(credentialId(stem)).identity(holder).type(type)
                .name("key " + stem + " of " + holder).status(status).fingerprint("sha256:0123456789ab")
                .verifier(type.isIssued() ? "hmac-sha256:" + stem : "").issuedBy(SYSTEM).issuedAt(issuedAt)
                .lastUsedAt(Optional.ofNullable(lastUsedAt)).useCount(useCount).statusReason("issued")
                .updatedAt(issuedAt).build();
    }

    /**
     * A rotated credential, used before, with every optional field present (whatever its type
     * would use, so that each is shown to be kept) and non-ASCII text; version 1.
     */
    static Credential fullCredential(String stem, IdentityId holder, CredentialId predecessor) {
        return Credential.builder().id(credentialId(stem)).identity(holder).type(CredentialType.PUBLIC_KEY)
                .name("Zoë’s signing key 𝄞").status(CredentialStatus.ROTATED).fingerprint("sha256:a1b2c3d4e5f6")
                .verifier("hmac-sha256:Zm9vYmFyIPCdhJ4=").secretRef("steward/agents/zoë/signing 𝄞")
                .publicKey("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=").algorithm("Ed25519")
                .issuedBy(IdentityId.of("approver-1")).issuedAt(T0).expiresAt(at(Duration.ofDays(30)))
                .predecessor(predecessor).overlapEndsAt(at(Duration.ofHours(1)).plusNanos(1))
                .lastUsedAt(at(Duration.ofMinutes(7))).useCount(42).statusReason("rotated — für Zoë 𝄞")
                .updatedAt(at(Duration.ofMinutes(5))).build();
    }

    /** The next snapshot of a credential: version plus one, another reason and update time. */
    static Credential next(Credential c, String reason) {
        return c.withStatus(c.status(), reason, c.updatedAt().plusNanos(1_000_001));
    }

    /** A copy with exactly this usage (last used at {@code lastUsedAt} if not null) and nothing else changed. */
    static Credential withUsage(Credential c, Instant lastUsedAt, long useCount) {
        return c.toBuilder().lastUsedAt(Optional.ofNullable(lastUsedAt)).useCount(useCount).build();
    }

    /** An unsealed event whose fields all carry data: chain, correlation id, details. */
    static AuditEvent draft(String id) {
        return new AuditEvent(0, new AuditEventId(id), T0.plusNanos(id.hashCode() & 0xFFFFF), AuditAction.ACCESS_DECIDED,
                AuditOutcome.ALLOWED, IdentityId.of("agent-1"), List.of(IdentityId.of("alice"), IdentityId.of("Bob")),
                "resource", "github:acme/api/pulls", "GRANTED — für Zoë 𝄞", Optional.of("tool-call-" + id),
                Map.of("grant", "g-1", "mode", "ENFORCE", "ümlaut", "ja"), "", "");
    }

    /** An unsealed event with the optional parts empty. */
    static AuditEvent plainDraft(String id) {
        return new AuditEvent(0, new AuditEventId(id), T0, AuditAction.IDENTITY_REGISTERED, AuditOutcome.SUCCESS,
                SYSTEM, List.of(), "identity", "alice", "joined", Optional.empty(), Map.of(), "", "");
    }

    /** An open campaign over everything with every optional field empty; version 1. */
    static ReviewCycle reviewCycle(String id, ReviewOrigin origin, ReviewCycleStatus status) {
        return ReviewCycle.builder().id(ReviewCycleId.of(id)).name("cycle " + id).origin(origin).status(status)
                .scope(ReviewScope.everything()).createdBy(SYSTEM).openedAt(T0).dueAt(at(Duration.ofDays(14)))
                .undecided(UndecidedPolicy.KEEP_AND_FLAG).revocation(RevocationTiming.IMMEDIATELY)
                .statusReason("opened").updatedAt(T0).build();
    }

    /** A closed, recurring campaign with a narrow scope and every optional field present; version 1. */
    static ReviewCycle fullReviewCycle(String id) {
        ReviewScope scope = new ReviewScope(Set.of(IdentityKind.AGENT, IdentityKind.SERVICE),
                Set.of(IdentityId.of("alice")), Set.of("prod", "staging"), Set.of(IdentityId.of("agent-1")),
                Set.of(ReviewItemKind.GRANT, ReviewItemKind.OWNERSHIP), List.of("github:acme/**", "pg:prod/*"),
                Set.of(ReviewRisk.UNUSED, ReviewRisk.PRIVILEGED), Optional.of(Duration.ofDays(30).plusNanos(1)),
                Set.of("db:admin", "repo:write"));
        return ReviewCycle.builder().id(ReviewCycleId.of(id)).name("Q3 — für Zoë 𝄞").origin(ReviewOrigin.CAMPAIGN)
                .status(ReviewCycleStatus.CLOSED).scope(scope).createdBy(IdentityId.of("alice")).openedAt(T0)
                .dueAt(at(Duration.ofDays(14)).plusNanos(3)).fallbackReviewer(IdentityId.of("secops"))
                .escalateTo(IdentityId.of("ciso")).reminderInterval(Duration.ofDays(2))
                .escalateAfter(Duration.ofDays(10)).closeAtDue(true).undecided(UndecidedPolicy.REVOKE)
                .revocation(RevocationTiming.AT_CLOSE).recurEvery(Duration.ofDays(90))
                .previousCycle(ReviewCycleId.of("cycle-0")).itemCount(1_000_000).closedAt(at(Duration.ofDays(15)))
                .closedBy(IdentityId.of("system:lifecycle-sweep")).statusReason("due — 𝄞")
                .updatedAt(at(Duration.ofDays(15))).build();
    }

    /** The next snapshot of a cycle: version plus one, another reason and update time. */
    static ReviewCycle next(ReviewCycle c, String reason) {
        return c.withStatus(c.status(), c.createdBy(), reason, c.updatedAt().plusNanos(1_000_001));
    }

    /** A pending grant item of a cycle with every optional field empty; version 1. */
    static ReviewItem reviewItem(String id, ReviewCycleId cycle, IdentityId reviewer, ReviewItemStatus status) {
        return ReviewItem.builder().id(ReviewItemId.of(id)).cycle(cycle).kind(ReviewItemKind.GRANT)
                .target("g-" + id).subject(IdentityId.of("agent-1")).subjectKind(IdentityKind.AGENT)
                .summary("repo:read on github:acme/api").reviewer(Optional.ofNullable(reviewer)).status(status)
                .comment("").updatedAt(T0).build();
    }

    /** A decided, revoked, reminded, escalated ownership item with every optional field present; version 1. */
    static ReviewItem fullReviewItem(String id, ReviewCycleId cycle) {
        return ReviewItem.builder().id(ReviewItemId.of(id)).cycle(cycle).kind(ReviewItemKind.OWNERSHIP)
                .target("agent-1").subject(IdentityId.of("agent-1")).subjectKind(IdentityKind.AGENT)
                .subjectOwner(IdentityId.of("alice")).summary("AGENT 'Zoë’s assistant 𝄞' owned by alice")
                .risks(Set.of(ReviewRisk.UNUSED, ReviewRisk.DELEGATED)).lastUsedAt(at(Duration.ofHours(3)).plusNanos(5))
                .useCount(42).reviewer(IdentityId.of("Bob")).forwardedFrom(IdentityId.of("alice"))
                .status(ReviewItemStatus.DECIDED).decision(ReviewDecision.REASSIGN).decidedBy(IdentityId.of("Bob"))
                .decidedAt(at(Duration.ofDays(2)).plusNanos(9)).comment("passes to carol — für Zoë 𝄞")
                .newOwner(IdentityId.of("carol")).revokedAt(at(Duration.ofDays(2)).plusNanos(9)).flagged(true)
                .remindersSent(3).lastRemindedAt(at(Duration.ofDays(1)))
                .escalatedAt(at(Duration.ofDays(1)).plusNanos(1))
                .updatedAt(at(Duration.ofDays(2)).plusNanos(9)).build();
    }

    /** The next snapshot of an item: reminded once more, version plus one. */
    static ReviewItem next(ReviewItem i) {
        return i.reminded(i.updatedAt().plusNanos(1_000_001));
    }
}
