package dev.steward;

import static dev.steward.GovernanceWorld.ACTIONS;
import static dev.steward.GovernanceWorld.ENVIRONMENTS;
import static dev.steward.GovernanceWorld.PATTERNS;
import static dev.steward.GovernanceWorld.RESOURCES;

import dev.steward.authz.AccessRequest;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentitySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One generated operation, applied through the public API. Steps name identities and grants by
 * index into what the run has created so far (wrapping around), and the host system by -1.
 */
sealed interface GovernanceStep {
    List<Optional<Duration>> HUMAN_LIFETIMES = List.of(Optional.empty(), Optional.of(Duration.ofDays(2)),
            Optional.of(Duration.ofDays(20)));
    List<Optional<Duration>> LIFETIMES = List.of(Optional.empty(), Optional.of(Duration.ofDays(1)),
            Optional.of(Duration.ofDays(10)), Optional.of(Duration.ofDays(30)), Optional.of(Duration.ofDays(60)),
            Optional.of(Duration.ofDays(61)));
    List<Optional<Duration>> VALID_FOR = List.of(Optional.empty(), Optional.of(Duration.ofHours(1)),
            Optional.of(Duration.ofHours(8)), Optional.of(Duration.ofDays(2)), Optional.of(Duration.ofDays(30)),
            Optional.of(Duration.ofDays(31)));
    List<Optional<Duration>> STARTS_IN = List.of(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(Duration.ofHours(1)), Optional.of(Duration.ofDays(1)));
    List<Duration> ADVANCES = List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(7),
            Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(8), Duration.ofDays(31));
    List<IdentityKind> NON_HUMAN = List.of(IdentityKind.AGENT, IdentityKind.SERVICE, IdentityKind.WORKLOAD);

    void apply(GovernanceWorld w);

    private static <T> T pick(List<T> list, int index) {
        return list.get(Math.floorMod(index, list.size()));
    }

    private static Optional<String> environmentAt(int index) {
        return index < 0 ? Optional.empty() : Optional.of(pick(ENVIRONMENTS, index));
    }

    record RegisterHuman(int environment, int lifetime) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentitySpec spec = IdentitySpec.human("h" + w.identities.size()).environment(pick(ENVIRONMENTS, environment));
            Optional<Duration> life = pick(HUMAN_LIFETIMES, lifetime);
            life.ifPresent(spec::expiresIn);
            w.attempt("register human #" + w.identities.size() + " in " + spec.environment() + life.map(
                    d -> " expiring in " + d).orElse(""), () -> w.f.steward.identities().register(spec, Fixture.HR))
                    .ifPresent(i -> w.identities.add(i.id()));
        }
    }

    record RegisterNonHuman(int kind, int owner, int registrar, int lifetime, int environment, int parent,
            boolean approve, int approver) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityKind k = pick(NON_HUMAN, kind);
            IdentityId ownerId = w.identity(owner);
            Actor by = registrar == -2 && parent >= 0 ? Actor.of(w.identity(parent)) : w.actor(registrar);
            IdentitySpec spec = IdentitySpec.of(k, k.name().toLowerCase() + w.identities.size()).owner(ownerId)
                    .environment(pick(ENVIRONMENTS, environment)).purpose("generated");
            Optional<Duration> life = pick(LIFETIMES, lifetime);
            life.ifPresent(spec::expiresIn);
            if (parent >= 0) {
                spec.parent(w.identity(parent));
            }
            String what = "register " + k + " #" + w.identities.size() + " owned by " + w.label(ownerId) + " in "
                    + spec.environment() + life.map(d -> " expiring in " + d).orElse(" without expiry")
                    + (parent >= 0 ? " parent " + w.label(w.identity(parent)) : "") + " by " + w.label(by);
            Optional<Identity> registered = w.attempt(what, () -> w.f.steward.identities().register(spec, by));
            registered.ifPresent(i -> w.identities.add(i.id()));
            if (approve && registered.isPresent()) {
                Actor a = w.approverOtherThan(approver, by.id(), registered.get().id());
                w.attempt("  approve it by " + w.label(a),
                        () -> w.f.steward.identities().approve(registered.get().id(), a, "T-1"));
            }
        }
    }

    record Approve(int identity, int approver) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId id = w.identity(identity);
            Actor a = w.actor(approver);
            w.attempt("approve " + w.label(id) + " by " + w.label(a), () -> w.f.steward.identities().approve(id, a, "T-2"));
        }
    }

    record Reject(int identity, int approver) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId id = w.identity(identity);
            Actor a = w.actor(approver);
            w.attempt("reject " + w.label(id) + " by " + w.label(a), () -> w.f.steward.identities().reject(id, a, "no"));
        }
    }

    record Suspend(int identity, int actor) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId id = w.identity(identity);
            Actor a = w.actor(actor);
            w.attempt("suspend " + w.label(id) + " by " + w.label(a),
                    () -> w.f.steward.identities().suspend(id, a, "incident"));
        }
    }

    record Resume(int identity, int actor) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId id = w.identity(identity);
            Actor a = w.actor(actor);
            w.attempt("resume " + w.label(id) + " by " + w.label(a),
                    () -> w.f.steward.identities().resume(id, a, "resolved"));
        }
    }

    record Retire(int identity, int actor) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId id = w.identity(identity);
            Actor a = w.actor(actor);
            w.attempt("retire " + w.label(id) + " by " + w.label(a), () -> w.f.steward.identities().retire(id, a, "left"));
        }
    }

    /** The owner of a non-human identity leaves: the host system suspends or retires it. */
    record OwnerLeaves(int identity, boolean retire) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            Optional<IdentityId> owner = w.f.steward.identities().find(w.identity(identity)).flatMap(Identity::owner);
            if (owner.isEmpty()) {
                w.note("owner of " + w.label(w.identity(identity)) + " leaves: it has no owner");
                return;
            }
            IdentityId o = owner.get();
            w.attempt((retire ? "retire " : "suspend ") + w.label(o) + ", owner of " + w.label(w.identity(identity))
                    + ", by system", () -> retire ? w.f.steward.identities().retire(o, Fixture.HR, "left")
                            : w.f.steward.identities().suspend(o, Fixture.HR, "leave of absence"));
        }
    }

    record Transfer(int identity, int newOwner, int actor) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId id = w.identity(identity);
            IdentityId to = w.identity(newOwner);
            Actor a = w.actor(actor);
            w.attempt("transfer " + w.label(id) + " to " + w.label(to) + " by " + w.label(a),
                    () -> w.f.steward.identities().transferOwnership(id, to, a, "reorg"));
        }
    }

    /** Requests a grant; {@code requester} -2 is the grantee itself. */
    record RequestGrant(int grantee, int action, int pattern, int validFor, int delegator, int environment,
            int maxUses, int requester, boolean approve, int approver, int startsIn) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId to = w.identity(grantee);
            GrantSpec spec = GrantSpec.to(to).allow(pick(ACTIONS, action)).on(pick(PATTERNS, pattern))
                    .justification("generated");
            Optional<Duration> valid = pick(VALID_FOR, validFor);
            Optional<Duration> later = pick(STARTS_IN, startsIn);
            later.ifPresent(d -> spec.validFrom(w.f.clock.instant().plus(d)));
            valid.ifPresent(spec::validFor);
            if (delegator >= 0) {
                spec.delegatedBy(w.identity(delegator));
            }
            environmentAt(environment).ifPresent(spec::environment);
            if (maxUses > 0) {
                spec.maxUses(maxUses);
            }
            Actor by = requester == -2 ? Actor.of(to) : w.actor(requester);
            String what = "request g" + w.grants.size() + ": " + w.label(to) + " may " + pick(ACTIONS, action) + " on "
                    + pick(PATTERNS, pattern) + valid.map(d -> " for " + d).orElse(" without end")
                    + (delegator >= 0 ? " on behalf of " + w.label(w.identity(delegator)) : "")
                    + environmentAt(environment).map(e -> " in " + e).orElse("")
                    + (maxUses > 0 ? " " + maxUses + " uses" : "") + later.map(d -> " starting in " + d).orElse("")
                    + ", by " + w.label(by);
            Optional<Grant> requested = w.attempt(what, () -> w.f.steward.grants().request(spec, by));
            requested.ifPresent(g -> w.grants.add(g.id()));
            if (approve && requested.isPresent()) {
                Actor a = w.approverOtherThan(approver, by.id(), to);
                w.attempt("  approve it by " + w.label(a), () -> w.f.steward.grants().approve(requested.get().id(), a, "T-3"));
            }
        }
    }

    /**
     * Attenuation set up in one step: the delegator gets a direct grant on one pattern and the
     * grantee a grant delegated by it on another (same action), each approved by another human.
     */
    record Delegate(int grantee, int delegator, int action, int delegatorPattern, int granteePattern, int validFor,
            int approver) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId to = w.identity(grantee);
            IdentityId from = w.identity(delegator);
            String act = pick(ACTIONS, action);
            Optional<Duration> valid = pick(VALID_FOR, validFor).or(() -> Optional.of(Duration.ofHours(8)));
            GrantSpec own = GrantSpec.to(from).allow(act).on(pick(PATTERNS, delegatorPattern)).validFor(valid.get())
                    .justification("generated");
            GrantSpec delegated = GrantSpec.to(to).allow(act).on(pick(PATTERNS, granteePattern))
                    .validFor(valid.get()).delegatedBy(from).justification("generated");
            for (GrantSpec spec : List.of(own, delegated)) {
                String what = "request g" + w.grants.size() + ": " + w.label(spec.grantee()) + " may " + act + " on "
                        + spec.resource().get() + " for " + valid.get()
                        + spec.delegatedBy().map(d -> " on behalf of " + w.label(d)).orElse("") + ", by system";
                Optional<Grant> requested = w.attempt(what, () -> w.f.steward.grants().request(spec, Fixture.HR));
                requested.ifPresent(g -> w.grants.add(g.id()));
                requested.ifPresent(g -> {
                    Actor a = w.approverOtherThan(approver, g.grantee(), g.grantee());
                    w.attempt("  approve it by " + w.label(a), () -> w.f.steward.grants().approve(g.id(), a, "T-5"));
                });
            }
        }
    }

    record ApproveGrant(int grant, int approver) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            Optional<GrantId> id = w.grant(grant);
            Actor a = w.actor(approver);
            id.ifPresent(g -> w.attempt("approve " + w.label(g) + " by " + w.label(a),
                    () -> w.f.steward.grants().approve(g, a, "T-4")));
        }
    }

    record DenyGrant(int grant, int approver) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            Optional<GrantId> id = w.grant(grant);
            Actor a = w.actor(approver);
            id.ifPresent(g -> w.attempt("deny " + w.label(g) + " by " + w.label(a),
                    () -> w.f.steward.grants().deny(g, a, "no")));
        }
    }

    record RevokeGrant(int grant, int actor) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            Optional<GrantId> id = w.grant(grant);
            Actor a = w.actor(actor);
            id.ifPresent(g -> w.attempt("revoke " + w.label(g) + " by " + w.label(a),
                    () -> w.f.steward.grants().revoke(g, a, "done")));
        }
    }

    record Advance(int duration) implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            Duration d = pick(ADVANCES, duration);
            w.f.clock.advance(d);
            w.note("advance the clock by " + d);
        }
    }

    record Sweep() implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            w.attempt("sweep", () -> w.f.steward.sweep()).ifPresent(r -> w.note("  " + r));
        }
    }

    /**
     * Asks for a decision; {@code identity} -1 is an unknown id. A targeted request asks for what
     * an existing grant (picked by {@code identity}) allows, so that allows are common enough to
     * matter: its grantee, its action, and its delegator first in the chain.
     */
    record Authorize(boolean targeted, int identity, int action, int resource, List<Integer> chain, int environment)
            implements GovernanceStep {
        @Override
        public void apply(GovernanceWorld w) {
            IdentityId who = w.identity(identity);
            String act = pick(ACTIONS, action);
            String res = pick(RESOURCES, resource);
            List<IdentityId> behalf = chain.stream().map(w::identity).collect(Collectors.toList());
            List<Grant> active = targeted ? w.activeGrants() : List.of();
            if (!active.isEmpty()) {
                List<Grant> ofOrphans = active.stream().filter(x -> w.f.steward.identities().find(x.grantee())
                        .filter(Identity::isOrphaned).isPresent()).collect(Collectors.toList());
                Grant g = pick(resource % 3 == 0 && !ofOrphans.isEmpty() ? ofOrphans : active, identity);
                who = g.grantee();
                act = pick(List.copyOf(g.actions()), action);
                List<String> covered = RESOURCES.stream().filter(r -> AccessOracle.covers(g.resource().value(), r))
                        .collect(Collectors.toList());
                res = covered.isEmpty() ? res : pick(covered, resource);
                List<IdentityId> extra = behalf;
                behalf = new ArrayList<>();
                Grant link = g;
                while (link.delegatedBy().isPresent() && behalf.size() < 3) {
                    IdentityId delegator = link.delegatedBy().get();
                    behalf.add(delegator);
                    String a = act;
                    List<IdentityId> seen = behalf;
                    Optional<Grant> next = active.stream().filter(x -> x.grantee().equals(delegator)
                            && x.actions().contains(a) && x.delegatedBy().filter(d -> !seen.contains(d)).isPresent())
                            .findFirst();
                    if (next.isEmpty()) {
                        break;
                    }
                    link = next.get();
                }
                if (extra.size() == 3) {
                    behalf.add(extra.get(0));
                }
            }
            AccessRequest request = AccessRequest.of(who, act, res).onBehalfOf(behalf.toArray(IdentityId[]::new));
            Optional<String> env = environmentAt(environment);
            if (env.isPresent()) {
                request = request.environment(env.get());
            }
            String what = "authorize " + w.label(who) + " " + act + " " + res
                    + (behalf.isEmpty() ? "" : " on behalf of "
                            + behalf.stream().map(w::label).collect(Collectors.joining(",")))
                    + env.map(e -> " in " + e).orElse("");
            w.authorize(request, what);
        }
    }
}
