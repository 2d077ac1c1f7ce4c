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
        return new Identity(IdentityId.of(id), IdentityKind.AGENT, "Zoë’s assistant 𝄞", IdentityStatus.ACTIVE,
                Optional.of(owner), "staging", Map.of("team", "payments", "cost-center", "42", "note", "ünïcode ✓"),
                Optional.of(owner), "review pull requests on acme/api", owner, T0,
                Optional.of(at(Duration.ofDays(30))),
                Optional.of(new Approval(IdentityId.of("approver-1"), "SEC-42", at(Duration.ofMinutes(5)))),
                Optional.of(at(Duration.ofDays(1))), EnforcementMode.LOG_ONLY, "approved: SEC-42",
                at(Duration.ofMinutes(5)), 1, Optional.of(at(Duration.ofDays(2)).plusNanos(7)));
    }

    /** An identity with the fields queries filter on; version 1. */
    static Identity identity(String id, IdentityKind kind, IdentityStatus status, IdentityId owner,
            String environment, Instant orphanedAt, Instant expiresAt) {
        return new Identity(IdentityId.of(id), kind, "name of " + id, status, Optional.ofNullable(owner),
                environment, Map.of(), Optional.empty(), "", SYSTEM, T0, Optional.ofNullable(expiresAt),
                Optional.empty(), Optional.ofNullable(orphanedAt), EnforcementMode.ENFORCE, "registered", T0, 1,
                Optional.empty());
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
        return new Grant(GrantId.of(id), grantee, Set.of("repo:read"), ResourcePattern.parse("github:acme/api"), T0,
                Optional.empty(), Optional.empty(), OptionalLong.empty(), 0, Optional.ofNullable(delegatedBy),
                "needed", SYSTEM, T0, Optional.empty(), status, "requested", T0, 1, Optional.empty(), 0);
    }

    /** A delegated, conditioned, approved grant with every optional field present. */
    static Grant fullGrant(String id, IdentityId grantee, IdentityId delegator) {
        return new Grant(GrantId.of(id), grantee, Set.of("repo:read", "repo:write", "pr.comment"),
                ResourcePattern.parse("github:acme/*/pulls/**"), at(Duration.ofMinutes(1)),
                Optional.of(at(Duration.ofHours(8))), Optional.of("prod"), OptionalLong.of(5), 2,
                Optional.of(delegator), "fix bug 7 — für Zoë 𝄞", grantee, T0,
                Optional.of(new Approval(IdentityId.of("approver-1"), "SEC-43", at(Duration.ofMinutes(2)))),
                GrantStatus.ACTIVE, "approved", at(Duration.ofMinutes(2)), 1,
                Optional.of(at(Duration.ofMinutes(3)).plusNanos(11)), 17);
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
        return new Credential(credentialId(stem), holder, type, "key " + stem + " of " + holder, status,
                "sha256:0123456789ab", type.isIssued() ? "hmac-sha256:" + stem : "", Optional.empty(),
                Optional.empty(), Optional.empty(), SYSTEM, issuedAt, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(lastUsedAt), useCount, "issued", issuedAt, 1);
    }

    /**
     * A rotated credential, used before, with every optional field present (whatever its type
     * would use, so that each is shown to be kept) and non-ASCII text; version 1.
     */
    static Credential fullCredential(String stem, IdentityId holder, CredentialId predecessor) {
        return new Credential(credentialId(stem), holder, CredentialType.PUBLIC_KEY, "Zoë’s signing key 𝄞",
                CredentialStatus.ROTATED, "sha256:a1b2c3d4e5f6", "hmac-sha256:Zm9vYmFyIPCdhJ4=",
                Optional.of("steward/agents/zoë/signing 𝄞"),
                Optional.of("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="), Optional.of("Ed25519"),
                IdentityId.of("approver-1"), T0, Optional.of(at(Duration.ofDays(30))), Optional.of(predecessor),
                Optional.of(at(Duration.ofHours(1)).plusNanos(1)), Optional.of(at(Duration.ofMinutes(7))), 42,
                "rotated — für Zoë 𝄞", at(Duration.ofMinutes(5)), 1);
    }

    /** The next snapshot of a credential: version plus one, another reason and update time. */
    static Credential next(Credential c, String reason) {
        return c.withStatus(c.status(), reason, c.updatedAt().plusNanos(1_000_001));
    }

    /** A copy with exactly this usage (last used at {@code lastUsedAt} if not null) and nothing else changed. */
    static Credential withUsage(Credential c, Instant lastUsedAt, long useCount) {
        return new Credential(c.id(), c.identity(), c.type(), c.name(), c.status(), c.fingerprint(), c.verifier(),
                c.secretRef(), c.publicKey(), c.algorithm(), c.issuedBy(), c.issuedAt(), c.expiresAt(),
                c.predecessor(), c.overlapEndsAt(), Optional.ofNullable(lastUsedAt), useCount, c.statusReason(),
                c.updatedAt(), c.version());
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
        return new ReviewCycle(ReviewCycleId.of(id), "cycle " + id, origin, status, ReviewScope.everything(), SYSTEM,
                T0, at(Duration.ofDays(14)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, UndecidedPolicy.KEEP_AND_FLAG, RevocationTiming.IMMEDIATELY, Optional.empty(),
                Optional.empty(), 0, Optional.empty(), Optional.empty(), "opened", T0, 1);
    }

    /** A closed, recurring campaign with a narrow scope and every optional field present; version 1. */
    static ReviewCycle fullReviewCycle(String id) {
        ReviewScope scope = new ReviewScope(Set.of(IdentityKind.AGENT, IdentityKind.SERVICE),
                Set.of(IdentityId.of("alice")), Set.of("prod", "staging"), Set.of(IdentityId.of("agent-1")),
                Set.of(ReviewItemKind.GRANT, ReviewItemKind.OWNERSHIP), List.of("github:acme/**", "pg:prod/*"),
                Set.of(ReviewRisk.UNUSED, ReviewRisk.PRIVILEGED), Optional.of(Duration.ofDays(30).plusNanos(1)),
                Set.of("db:admin", "repo:write"));
        return new ReviewCycle(ReviewCycleId.of(id), "Q3 — für Zoë 𝄞", ReviewOrigin.CAMPAIGN, ReviewCycleStatus.CLOSED,
                scope, IdentityId.of("alice"), T0, at(Duration.ofDays(14)).plusNanos(3),
                Optional.of(IdentityId.of("secops")), Optional.of(IdentityId.of("ciso")),
                Optional.of(Duration.ofDays(2)), Optional.of(Duration.ofDays(10)), true, UndecidedPolicy.REVOKE,
                RevocationTiming.AT_CLOSE, Optional.of(Duration.ofDays(90)), Optional.of(ReviewCycleId.of("cycle-0")),
                1_000_000, Optional.of(at(Duration.ofDays(15))), Optional.of(IdentityId.of("system:lifecycle-sweep")),
                "due — 𝄞", at(Duration.ofDays(15)), 1);
    }

    /** The next snapshot of a cycle: version plus one, another reason and update time. */
    static ReviewCycle next(ReviewCycle c, String reason) {
        return c.withStatus(c.status(), c.createdBy(), reason, c.updatedAt().plusNanos(1_000_001));
    }

    /** A pending grant item of a cycle with every optional field empty; version 1. */
    static ReviewItem reviewItem(String id, ReviewCycleId cycle, IdentityId reviewer, ReviewItemStatus status) {
        return new ReviewItem(ReviewItemId.of(id), cycle, ReviewItemKind.GRANT, "g-" + id, IdentityId.of("agent-1"),
                IdentityKind.AGENT, Optional.empty(), "repo:read on github:acme/api", Set.of(), Optional.empty(), 0,
                Optional.ofNullable(reviewer), Optional.empty(), status, Optional.empty(), Optional.empty(),
                Optional.empty(), "", Optional.empty(), Optional.empty(), false, 0, Optional.empty(), Optional.empty(),
                T0, 1);
    }

    /** A decided, revoked, reminded, escalated ownership item with every optional field present; version 1. */
    static ReviewItem fullReviewItem(String id, ReviewCycleId cycle) {
        return new ReviewItem(ReviewItemId.of(id), cycle, ReviewItemKind.OWNERSHIP, "agent-1",
                IdentityId.of("agent-1"), IdentityKind.AGENT, Optional.of(IdentityId.of("alice")),
                "AGENT 'Zoë’s assistant 𝄞' owned by alice", Set.of(ReviewRisk.UNUSED, ReviewRisk.DELEGATED),
                Optional.of(at(Duration.ofHours(3)).plusNanos(5)), 42, Optional.of(IdentityId.of("Bob")),
                Optional.of(IdentityId.of("alice")), ReviewItemStatus.DECIDED, Optional.of(ReviewDecision.REASSIGN),
                Optional.of(IdentityId.of("Bob")), Optional.of(at(Duration.ofDays(2)).plusNanos(9)),
                "passes to carol — für Zoë 𝄞", Optional.of(IdentityId.of("carol")),
                Optional.of(at(Duration.ofDays(2)).plusNanos(9)), true, 3, Optional.of(at(Duration.ofDays(1))),
                Optional.of(at(Duration.ofDays(1)).plusNanos(1)), at(Duration.ofDays(2)).plusNanos(9), 1);
    }

    /** The next snapshot of an item: reminded once more, version plus one. */
    static ReviewItem next(ReviewItem i) {
        return i.reminded(i.updatedAt().plusNanos(1_000_001));
    }
}
