package dev.steward;

import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.OrphanPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One run of a generated sequence: a Steward on the in-memory store, the identities and grants
 * the steps created (steps name them by index), a readable log of what each step did, and the
 * invariants checked after every step. Only the public API is used.
 */
final class GovernanceWorld implements AutoCloseable {
    static final Duration MAX_AGENT_LIFETIME = Duration.ofDays(60);
    static final Duration MAX_AGENT_GRANT = Duration.ofDays(30);
    static final Duration GRACE = Duration.ofDays(1);
    static final int MAX_DEPTH = 2;
    static final List<String> ACTIONS = List.of("repo:read", "repo:write");
    static final List<String> PATTERNS = List.of("github:acme/api", "github:acme/*", "github:acme/**",
            "github:acme/*/pulls", "**", "db:orders");
    static final List<String> RESOURCES = List.of("github:acme/api", "github:acme/api/pulls",
            "github:acme/web/pulls", "github:acme", "db:orders");
    static final List<String> ENVIRONMENTS = List.of("prod", "staging");
    static final IdentityId UNKNOWN = IdentityId.of("nobody");

    /** Counters over all runs, to show that the generated sequences reach interesting states. */
    static final Map<String, Integer> STATS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The host's manager relation: alice and bob manage each other; carol and later humans have none. */
    private final Map<IdentityId, IdentityId> managers = new java.util.concurrent.ConcurrentHashMap<>();
    final Fixture f = new Fixture(b -> b.maxAgentLifetime(MAX_AGENT_LIFETIME).maxAgentGrantLifetime(MAX_AGENT_GRANT)
            .maxDelegationDepth(MAX_DEPTH).orphanPolicy(OrphanPolicy.suspendAfter(GRACE))
            .managers(h -> Optional.ofNullable(managers.get(h)))
            // The background refresh runs all the time, so it races every change the steps make.
            .syncInterval(Duration.ofMillis(1)));
    final List<IdentityId> identities = new ArrayList<>();
    final List<GrantId> grants = new ArrayList<>();
    private final StringBuilder log = new StringBuilder();
    private final Map<AuditEventId, Boolean> decisions = new LinkedHashMap<>();
    private final Set<GrantId> everEnded = new HashSet<>();
    private Map<IdentityId, Identity> lastIdentities = Map.of();
    private Map<GrantId, Grant> lastGrants = Map.of();

    GovernanceWorld() {
        identities.add(f.steward.identities().register(IdentitySpec.human("alice").environment("prod"), Fixture.HR).id());
        identities.add(f.steward.identities().register(IdentitySpec.human("bob").environment("staging"), Fixture.HR).id());
        identities.add(f.steward.identities().register(IdentitySpec.human("carol").environment("prod")
                .expiresIn(Duration.ofDays(5)), Fixture.HR).id());
        managers.put(identities.get(0), identities.get(1));
        managers.put(identities.get(1), identities.get(0));
        log.append("  start: #0 alice, #1 bob (humans, each the other's manager), #2 carol (human, expires in 5 days)\n");
        checkInvariants();
    }

    // --- resolving the indices steps carry --------------------------------------------------------

    IdentityId identity(int index) {
        return index < 0 ? UNKNOWN : identities.get(Math.floorMod(index, identities.size()));
    }

    /** @param index below 0 for the host system */
    Actor actor(int index) {
        return index < 0 ? Fixture.HR : Actor.of(identity(index));
    }

    Optional<GrantId> grant(int index) {
        return grants.isEmpty() ? Optional.empty() : Optional.of(grants.get(Math.floorMod(index, grants.size())));
    }

    /**
     * An approver for a composite step: the first identity, starting at {@code index}, that is an
     * active human and none of the excluded; the identity at {@code index} if there is none.
     */
    Actor approverOtherThan(int index, IdentityId... excluded) {
        List<IdentityId> skip = List.of(excluded);
        for (int k = 0; k < identities.size(); k++) {
            IdentityId candidate = identity(index + k);
            Identity i = lastIdentities.get(candidate);
            if (i != null && i.kind() == IdentityKind.HUMAN && i.status() == IdentityStatus.ACTIVE
                    && !i.isExpiredAt(f.clock.instant()) && !skip.contains(candidate)) {
                return Actor.of(candidate);
            }
        }
        return actor(index);
    }

    /** @return the grants that are ACTIVE now, read through the API, in the order they were requested */
    List<Grant> activeGrants() {
        List<Grant> active = new ArrayList<>(all(q -> f.steward.grants().query(q),
                GrantQuery.all().status(GrantStatus.ACTIVE).limit(1000), GrantQuery::after));
        // Ids are random; ordering by them would make a replay pick other grants.
        active.sort(java.util.Comparator.comparingInt(g -> grants.indexOf(g.id())));
        return active;
    }

    String label(IdentityId id) {
        int i = identities.indexOf(id);
        return i < 0 ? id.value() : "#" + i;
    }

    String label(Actor actor) {
        return actor.isSystem() ? "system" : label(actor.id());
    }

    String label(GrantId id) {
        return "g" + grants.indexOf(id);
    }

    // --- applying steps ---------------------------------------------------------------------------

    /** Runs a change; a refusal (any StewardException) is logged and swallowed, anything else fails. */
    <T> Optional<T> attempt(String what, Supplier<T> change) {
        try {
            T result = change.get();
            log.append("  ").append(what).append(" -> ok\n");
            count("ok");
            return Optional.of(result);
        } catch (StewardException refused) {
            log.append("  ").append(what).append(" -> refused: ").append(refused.getClass().getSimpleName())
                    .append(": ").append(refused.getMessage()).append('\n');
            count("refused");
            count("refused " + what.trim().split(" ")[0]);
            return Optional.empty();
        }
    }

    void note(String what) {
        log.append("  ").append(what).append('\n');
    }

    /** Decides a request and compares the decision with the oracle's answer and the grants it names. */
    void authorize(AccessRequest request, String what) {
        AccessOracle oracle = new AccessOracle(lastIdentities, List.copyOf(lastGrants.values()), f.clock.instant(),
                Optional.of(GRACE), MAX_DEPTH);
        boolean expected = oracle.allows(request);
        Identity self = lastIdentities.get(request.identity());
        if (self != null && self.orphanedAt().isPresent()) {
            count(f.clock.instant().isBefore(self.orphanedAt().get().plus(GRACE)) ? "coverage: orphan within grace"
                    : "coverage: orphan past grace");
        }
        Decision d = f.steward.authorize(request);
        log.append("  ").append(what).append(" -> ").append(d.allowed() ? "ALLOW" : "deny").append(' ')
                .append(d.reason()).append('\n');
        count(d.allowed() ? "allowed" : "denied");
        count("reason " + d.reason());
        if (d.allowed() && !request.onBehalfOf().isEmpty()) {
            count("allowed on behalf");
        }
        decisions.put(d.auditEventId(), d.allowed());
        check(d.allowed() == (d.reason() == DecisionReason.GRANTED), "reason is GRANTED iff allowed: " + d);
        check(d.allowed() == expected, "the oracle expected " + (expected ? "allow" : "deny") + " but got " + d);
        if (d.allowed()) {
            List<IdentityId> chain = request.onBehalfOf();
            check(d.matchedGrants().size() == chain.size() + 1, "one matched grant per link: " + d);
            String environment = request.environment().orElse(lastIdentities.get(request.identity()).environment());
            IdentityId holder = request.identity();
            for (int link = 0; link <= chain.size(); link++) {
                Optional<IdentityId> principal = link < chain.size() ? Optional.of(chain.get(link)) : Optional.empty();
                GrantId id = d.matchedGrants().get(link);
                Grant g = lastGrants.get(id);
                check(!everEnded.contains(id), "an allow used grant " + label(id) + ", which had ended before");
                check(g != null && oracle.usable(g, holder, principal, request.action(), request.resource(),
                        environment), "matched grant " + label(id) + " is not usable at link " + link + ": " + g);
                holder = principal.orElse(null);
            }
        }
    }

    private void count(String key) {
        STATS.merge(key, 1, Integer::sum);
    }

    // --- invariants -------------------------------------------------------------------------------

    void checkInvariants() {
        Map<IdentityId, Identity> now = new HashMap<>();
        all(q -> f.steward.identities().query(q), IdentityQuery.all().limit(1000), IdentityQuery::after)
                .forEach(i -> now.put(i.id(), i));
        Map<GrantId, Grant> grantsNow = new HashMap<>();
        all(q -> f.steward.grants().query(q), GrantQuery.all().limit(1000), GrantQuery::after)
                .forEach(g -> grantsNow.put(g.id(), g));

        for (Identity i : now.values()) {
            Identity before = lastIdentities.get(i.id());
            if (before != null) {
                check(reachable(before.status(), i.status()),
                        label(i.id()) + " moved " + before.status() + " -> " + i.status());
                check(i.version() >= before.version() && (i.equals(before) || i.version() > before.version()),
                        label(i.id()) + " changed without a higher version");
            }
            if (i.kind().isNonHuman()) {
                check(i.owner().isPresent(), label(i.id()) + " is non-human without an owner");
                Identity owner = now.get(i.owner().get());
                check(owner != null && owner.kind() == IdentityKind.HUMAN,
                        label(i.id()) + " is owned by " + owner + ", not a human");
                if (i.status() == IdentityStatus.ACTIVE) {
                    check(i.isOrphaned() || owner.status() == IdentityStatus.ACTIVE, label(i.id())
                            + " is ACTIVE, not orphaned, but its owner " + label(owner.id()) + " is " + owner.status());
                }
            }
            if (i.kind() == IdentityKind.HUMAN) {
                check(i.owner().isEmpty() && i.orphanedAt().isEmpty(), "human " + label(i.id()) + " has an owner");
            }
            i.approval().ifPresent(a -> {
                Identity approver = now.get(a.approver());
                check(approver != null && approver.kind() == IdentityKind.HUMAN, label(i.id())
                        + " was approved by " + label(a.approver()) + ", not a human");
                check(!a.approver().equals(i.createdBy()) && !a.approver().equals(i.id()),
                        label(i.id()) + " was approved by its own requester or itself");
            });
            if (i.kind() == IdentityKind.AGENT) {
                check(i.expiresAt().isPresent() && i.expiresAt().get().isAfter(i.createdAt())
                        && !i.expiresAt().get().isAfter(i.createdAt().plus(MAX_AGENT_LIFETIME)),
                        "agent " + label(i.id()) + " expires at " + i.expiresAt() + ", created " + i.createdAt());
            }
        }
        for (Grant g : grantsNow.values()) {
            Grant before = lastGrants.get(g.id());
            if (before != null) {
                check(reachable(before.status(), g.status()),
                        label(g.id()) + " moved " + before.status() + " -> " + g.status());
            }
            Identity grantee = now.get(g.grantee());
            check(grantee != null, label(g.id()) + " names an unknown grantee");
            if (grantee.kind() == IdentityKind.AGENT) {
                check(g.validUntil().isPresent() && g.validUntil().get().isAfter(g.validFrom())
                        && !g.validUntil().get().isAfter(g.requestedAt().plus(MAX_AGENT_GRANT)),
                        "grant " + label(g.id()) + " to agent " + label(grantee.id()) + " ends " + g.validUntil());
            }
            if (grantee.status() == IdentityStatus.RETIRED) {
                check(g.status() != GrantStatus.ACTIVE && g.status() != GrantStatus.REQUESTED,
                        "retired " + label(grantee.id()) + " still holds " + g.status() + " grant " + label(g.id()));
            }
            check(g.maxUses().isEmpty() || g.uses() <= g.maxUses().getAsLong(), label(g.id()) + " overused");
            g.approval().ifPresent(a -> {
                Identity approver = now.get(a.approver());
                check(approver != null && approver.kind() == IdentityKind.HUMAN, label(g.id())
                        + " was approved by " + label(a.approver()) + ", not a human");
                check(!a.approver().equals(g.requestedBy()) && !a.approver().equals(g.grantee()),
                        label(g.id()) + " was approved by its requester or its grantee");
            });
            if (g.status() == GrantStatus.REVOKED || g.status() == GrantStatus.EXPIRED
                    || g.status() == GrantStatus.DENIED) {
                everEnded.add(g.id());
            }
        }
        check(now.keySet().containsAll(lastIdentities.keySet()), "an identity disappeared");
        check(grantsNow.keySet().containsAll(lastGrants.keySet()), "a grant disappeared");
        lastIdentities = now;
        lastGrants = grantsNow;
    }

    /** At the end of a sequence: the log verifies and holds every decision with its outcome. */
    void checkAudit() {
        check(f.steward.audit().verify().valid(), "audit log verifies: " + f.steward.audit().verify());
        Map<AuditEventId, AuditOutcome> outcomes = new HashMap<>();
        Map<String, Integer> changeEvents = new HashMap<>();
        for (long from = 0;;) {
            List<AuditEvent> batch = f.steward.audit().read(from, 1000);
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent e : batch) {
                outcomes.put(e.id(), e.outcome());
                if (e.outcome() == AuditOutcome.SUCCESS) {
                    changeEvents.merge(e.targetType() + " " + e.targetId(), 1, Integer::sum);
                }
            }
            from += batch.size();
        }
        lastIdentities.values().forEach(i -> check(changeEvents.getOrDefault("identity " + i.id(), 0) >= i.version(),
                label(i.id()) + " is at version " + i.version() + " with fewer change events"));
        lastGrants.values().forEach(g -> check(changeEvents.getOrDefault("grant " + g.id(), 0) >= g.version(),
                label(g.id()) + " is at version " + g.version() + " with fewer change events"));
        decisions.forEach((id, allowed) -> check(outcomes.get(id) == (allowed ? AuditOutcome.ALLOWED
                : AuditOutcome.DENIED), "decision " + id + " is recorded as " + outcomes.get(id)));
    }

    private static boolean reachable(IdentityStatus from, IdentityStatus to) {
        return closure(from, s -> switch (s) {
            case PENDING_APPROVAL -> EnumSet.of(IdentityStatus.ACTIVE, IdentityStatus.REJECTED);
            case ACTIVE -> EnumSet.of(IdentityStatus.SUSPENDED, IdentityStatus.RETIRED);
            case SUSPENDED -> EnumSet.of(IdentityStatus.ACTIVE, IdentityStatus.RETIRED);
            default -> EnumSet.noneOf(IdentityStatus.class);
        }).contains(to);
    }

    private static boolean reachable(GrantStatus from, GrantStatus to) {
        return closure(from, s -> switch (s) {
            case REQUESTED -> EnumSet.of(GrantStatus.ACTIVE, GrantStatus.DENIED, GrantStatus.REVOKED);
            case ACTIVE -> EnumSet.of(GrantStatus.REVOKED, GrantStatus.EXPIRED);
            default -> EnumSet.noneOf(GrantStatus.class);
        }).contains(to);
    }

    private static <S extends Enum<S>> Set<S> closure(S from, java.util.function.Function<S, Set<S>> next) {
        Set<S> seen = new HashSet<>(Set.of(from));
        List<S> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            for (S s : next.apply(todo.remove(todo.size() - 1))) {
                if (seen.add(s)) {
                    todo.add(s);
                }
            }
        }
        return seen;
    }

    private static <T, Q> List<T> all(java.util.function.Function<Q, Page<T>> query, Q first,
            java.util.function.BiFunction<Q, String, Q> after) {
        List<T> out = new ArrayList<>();
        Page<T> page = query.apply(first);
        out.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = query.apply(after.apply(first, page.nextCursor().get()));
            out.addAll(page.items());
        }
        return out;
    }

    private void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what + "\nsteps:\n" + log);
        }
    }

    @Override
    public void close() {
        f.close();
    }
}
