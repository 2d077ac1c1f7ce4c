package dev.steward.tck;

import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.EnforcementMode;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Approval;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
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
                at(Duration.ofMinutes(5)), 1);
    }

    /** An identity with the fields queries filter on; version 1. */
    static Identity identity(String id, IdentityKind kind, IdentityStatus status, IdentityId owner,
            String environment, Instant orphanedAt, Instant expiresAt) {
        return new Identity(IdentityId.of(id), kind, "name of " + id, status, Optional.ofNullable(owner),
                environment, Map.of(), Optional.empty(), "", SYSTEM, T0, Optional.ofNullable(expiresAt),
                Optional.empty(), Optional.ofNullable(orphanedAt), EnforcementMode.ENFORCE, "registered", T0, 1);
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
                "needed", SYSTEM, T0, Optional.empty(), status, "requested", T0, 1);
    }

    /** A delegated, conditioned, approved grant with every optional field present. */
    static Grant fullGrant(String id, IdentityId grantee, IdentityId delegator) {
        return new Grant(GrantId.of(id), grantee, Set.of("repo:read", "repo:write", "pr.comment"),
                ResourcePattern.parse("github:acme/*/pulls/**"), at(Duration.ofMinutes(1)),
                Optional.of(at(Duration.ofHours(8))), Optional.of("prod"), OptionalLong.of(5), 2,
                Optional.of(delegator), "fix bug 7 — für Zoë 𝄞", grantee, T0,
                Optional.of(new Approval(IdentityId.of("approver-1"), "SEC-43", at(Duration.ofMinutes(2)))),
                GrantStatus.ACTIVE, "approved", at(Duration.ofMinutes(2)), 1);
    }

    /** The next snapshot of a grant: version plus one, another reason and update time. */
    static Grant next(Grant g, String reason) {
        return g.withStatus(g.status(), reason, g.updatedAt().plusNanos(1_000_001));
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
}
