package dev.steward.internal.identity;

import dev.steward.spi.PluginFailures;
import dev.steward.GovernanceRule;
import dev.steward.InvalidTransitionException;
import dev.steward.Page;
import dev.steward.PolicyViolationException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.authz.EnforcementMode;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Actor;
import dev.steward.identity.Approval;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityQuery;
import dev.steward.identity.IdentityService;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.SuspensionCause;
import dev.steward.internal.Changes;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.Pages;
import dev.steward.internal.Rules;
import dev.steward.internal.credential.DefaultCredentialService;
import dev.steward.internal.review.EventReviews;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The identity lifecycle, with the leaver cascade. */
public final class DefaultIdentityService implements IdentityService {
    private static final Log LOG = Log.of(DefaultIdentityService.class);

    private final Kernel kernel;
    private final EventReviews events;

    /**
     * @param kernel the shared state
     * @param events opens a micro-review for a leaver's successor
     */
    public DefaultIdentityService(Kernel kernel, EventReviews events) {
        this.kernel = kernel;
        this.events = events;
    }

    @Override
    public Identity register(IdentitySpec spec, Actor actor) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(actor, "actor");
        return kernel.change(actor, c -> {
            Optional<Identity> registrar = Rules.activeActor(c);
            Instant now = c.now();
            Optional<Instant> expiresAt = spec.resolveExpiry(now);
            if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
                throw new ValidationException("expiresAt", "must be in the future");
            }
            spec.parent().ifPresent(p -> requireActiveParent(c, p));
            Identity identity;
            if (spec.kind() == IdentityKind.HUMAN) {
                if (spec.owner().isPresent()) {
                    throw new ValidationException("owner", "a human has no owner");
                }
                registrar.filter(r -> r.kind() != IdentityKind.HUMAN).ifPresent(r -> {
                    throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                            "only a human or the host system may register a human; " + r.id() + " is " + r.kind());
                });
                identity = newIdentity(spec, IdentityStatus.ACTIVE, c, expiresAt, spec.purpose().orElse("registered"));
            } else {
                IdentityId owner = spec.owner().orElseThrow(() -> new PolicyViolationException(
                        GovernanceRule.HUMAN_OWNER_REQUIRED, "a " + spec.kind() + " needs an accountable human owner"));
                Rules.activeHumanOwner(c, owner, now);
                String purpose = spec.purpose().orElseThrow(
                        () -> new ValidationException("purpose", "is required for a " + spec.kind()));
                registrar.filter(r -> r.kind() != IdentityKind.HUMAN).ifPresent(r -> {
                    if (!spec.parent().filter(r.id()::equals).isPresent()) {
                        throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                                r.id() + " is " + r.kind() + " and may register only identities it starts itself (parent)");
                    }
                });
                if (spec.kind() == IdentityKind.AGENT) {
                    requireAgentBound(expiresAt, now);
                }
                identity = newIdentity(spec, IdentityStatus.PENDING_APPROVAL, c, expiresAt, purpose);
            }
            c.insert(EntityType.IDENTITY, identity, AuditAction.IDENTITY_REGISTERED, identity.purpose(),
                    Map.of("kind", identity.kind().name(), "name", identity.name(),
                            "owner", identity.owner().map(IdentityId::value).orElse("")));
            return identity;
        });
    }

    private void requireAgentBound(Optional<Instant> expiresAt, Instant now) {
        Instant limit = now.plus(kernel.settings().maxAgentLifetime());
        if (expiresAt.isEmpty()) {
            throw new PolicyViolationException(GovernanceRule.AGENT_TIME_BOUND,
                    "an AGENT needs an expiry (at most " + kernel.settings().maxAgentLifetime() + ")");
        }
        if (expiresAt.get().isAfter(limit)) {
            throw new PolicyViolationException(GovernanceRule.AGENT_TIME_BOUND, "an AGENT may live at most "
                    + kernel.settings().maxAgentLifetime() + "; asked for an expiry of " + expiresAt.get());
        }
    }

    private static void requireActiveParent(Changes c, IdentityId parent) {
        Identity p = c.tx().table(EntityType.IDENTITY).find(parent.value()).orElseThrow(
                () -> new ValidationException("parent", parent + " is not a known identity"));
        if (p.status() != IdentityStatus.ACTIVE) {
            throw new ValidationException("parent", parent + " is " + p.status() + "; a parent must be active");
        }
    }

    private static Identity newIdentity(IdentitySpec spec, IdentityStatus status, Changes c,
            Optional<Instant> expiresAt, String purpose) {
        return Identity.builder().id(IdentityId.random()).kind(spec.kind()).name(spec.name()).status(status)
                .owner(spec.owner()).environment(spec.environment()).attributes(spec.attributes())
                .parent(spec.parent()).purpose(purpose).createdBy(c.actor().id()).createdAt(c.now())
                .expiresAt(expiresAt).enforcementMode(spec.enforcementMode()).statusReason(purpose)
                .updatedAt(c.now()).build();
    }

    @Override
    public Identity approve(IdentityId id, Actor approver, String reference) {
        Checks.name("reference", reference);
        return kernel.change(approver, c -> {
            Identity approving = Rules.approvingHuman(c);
            Identity identity = c.identity(id);
            requireTransition(identity, IdentityStatus.ACTIVE, IdentityStatus.PENDING_APPROVAL);
            Rules.separated(approving.id(), "identity " + id, identity.createdBy(), identity.id());
            if (identity.owner().isPresent()) {
                Rules.activeHumanOwner(c, identity.owner().get(), c.now());
            }
            Identity approved = identity.withApproval(new Approval(approving.id(), reference, c.now()));
            c.update(EntityType.IDENTITY, approved, AuditAction.IDENTITY_APPROVED, reference, Map.of());
            return approved;
        });
    }

    @Override
    public Identity reject(IdentityId id, Actor approver, String reason) {
        Checks.text("reason", reason);
        return kernel.change(approver, c -> {
            Identity approving = Rules.approvingHuman(c);
            Identity identity = c.identity(id);
            requireTransition(identity, IdentityStatus.REJECTED, IdentityStatus.PENDING_APPROVAL);
            Rules.separated(approving.id(), "identity " + id, identity.createdBy(), identity.id());
            Identity rejected = identity.withStatus(IdentityStatus.REJECTED, reason, c.now());
            c.update(EntityType.IDENTITY, rejected, AuditAction.IDENTITY_REJECTED, reason, Map.of());
            return rejected;
        });
    }

    @Override
    public Identity suspend(IdentityId id, Actor actor, String reason) {
        return end(id, actor, reason, IdentityStatus.SUSPENDED, AuditAction.IDENTITY_SUSPENDED);
    }

    @Override
    public Identity retire(IdentityId id, Actor actor, String reason) {
        return end(id, actor, reason, IdentityStatus.RETIRED, AuditAction.IDENTITY_RETIRED);
    }

    private Identity end(IdentityId id, Actor actor, String reason, IdentityStatus target, AuditAction action) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            return end(c, c.identity(id), reason, target, action);
        });
    }

    /**
     * Suspends or retires an identity inside a unit of work, with the leaver cascade for humans and
     * the revocation of grants on retirement. Also used by the lifecycle sweep.
     *
     * @param c the unit of work
     * @param identity the identity
     * @param reason why
     * @param target SUSPENDED or RETIRED
     * @param action the matching audit action
     * @return the new snapshot
     */
    public Identity end(Changes c, Identity identity, String reason, IdentityStatus target, AuditAction action) {
        return end(c, identity, reason, target, action, SuspensionCause.ACTOR);
    }

    /**
     * Suspends an identity inside a unit of work for a cause other than an actor's decision, with
     * the leaver cascade for humans; the cause decides what may lift the suspension on its own.
     *
     * @param c the unit of work
     * @param identity the identity, active
     * @param reason why
     * @param cause what the suspension is for
     * @return the new snapshot
     */
    public Identity suspend(Changes c, Identity identity, String reason, SuspensionCause cause) {
        return end(c, identity, reason, IdentityStatus.SUSPENDED, AuditAction.IDENTITY_SUSPENDED, cause);
    }

    private Identity end(Changes c, Identity identity, String reason, IdentityStatus target, AuditAction action,
            SuspensionCause cause) {
        requireTransition(identity, target, IdentityStatus.ACTIVE,
                target == IdentityStatus.RETIRED ? IdentityStatus.SUSPENDED : IdentityStatus.ACTIVE);
        boolean suspension = target == IdentityStatus.SUSPENDED;
        Identity ended = suspension ? identity.withSuspension(cause, reason, c.now())
                : identity.withStatus(target, reason, c.now());
        c.update(EntityType.IDENTITY, ended, action, reason, suspension
                ? Map.of("from", identity.status().name(), "cause", cause.name())
                : Map.of("from", identity.status().name()));
        if (target == IdentityStatus.RETIRED) {
            revokeGrants(c, GrantQuery.all().grantee(identity.id()), "grantee retired: " + reason);
            revokeGrants(c, GrantQuery.all().delegatedBy(identity.id()), "delegator retired: " + reason);
            DefaultCredentialService.revokeAll(c, identity.id(), "identity retired: " + reason);
        }
        if (identity.kind() == IdentityKind.HUMAN) {
            handOver(c, identity);
        }
        return ended;
    }

    /** A leaver's non-human identities pass to their manager, or are flagged orphaned. */
    private void handOver(Changes c, Identity leaver) {
        Optional<IdentityId> successor = successorOf(c, leaver);
        List<Identity> affected = new ArrayList<>();
        for (Identity owned : all(c, IdentityQuery.all().owner(leaver.id()))) {
            if (owned.status().isTerminal() || owned.kind() == IdentityKind.HUMAN) {
                continue;
            }
            if (successor.isPresent()) {
                Identity moved = owned.withOwner(successor.get(), "owner " + leaver.id() + " left", c.now());
                c.update(EntityType.IDENTITY, moved, AuditAction.IDENTITY_OWNER_TRANSFERRED,
                        "owner " + leaver.id() + " left",
                        Map.of("from", leaver.id().value(), "to", successor.get().value()));
                affected.add(moved);
            } else if (!owned.isOrphaned()) {
                Identity orphan = owned.withOrphanedAt("owner " + leaver.id() + " left without a successor", c.now());
                c.update(EntityType.IDENTITY, orphan, AuditAction.IDENTITY_ORPHANED, orphan.statusReason(),
                        Map.of("formerOwner", leaver.id().value()));
                affected.add(orphan);
            }
        }
        events.ownerLeft(c, leaver, successor, affected);
    }

    /** A returning owner is accountable again for the identities still in their name. */
    private static void reclaim(Changes c, Identity owner) {
        for (Identity owned : all(c, IdentityQuery.all().owner(owner.id()).orphaned(true))) {
            if (!owned.status().isTerminal()) {
                c.update(EntityType.IDENTITY, owned.withOwner(owner.id(), "owner " + owner.id() + " returned", c.now()),
                        AuditAction.IDENTITY_OWNER_TRANSFERRED, "owner " + owner.id() + " returned",
                        Map.of("from", owner.id().value(), "to", owner.id().value()));
            }
        }
    }

    private Optional<IdentityId> successorOf(Changes c, Identity leaver) {
        Optional<IdentityId> manager;
        try {
            manager = kernel.settings().managers().managerOf(leaver.id());
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.warn("the host's manager directory failed for {}; its identities become orphans", leaver.id(), e);
            return Optional.empty();
        }
        return manager.filter(m -> !m.equals(leaver.id()))
                .flatMap(m -> c.tx().table(EntityType.IDENTITY).find(m.value()))
                .filter(m -> m.kind() == IdentityKind.HUMAN && m.status() == IdentityStatus.ACTIVE
                        && !m.isExpiredAt(c.now()))
                .map(Identity::id);
    }

    private static void revokeGrants(Changes c, GrantQuery query, String reason) {
        for (Grant g : Pages.all(cursor -> c.tx().table(EntityType.GRANT).query(EntityQuery.of(cursor.map(query::after)
                .orElse(query))))) {
            if (g.status() == GrantStatus.ACTIVE || g.status() == GrantStatus.REQUESTED) {
                c.update(EntityType.GRANT, g.withStatus(GrantStatus.REVOKED, reason, c.now()),
                        AuditAction.GRANT_REVOKED, reason, Map.of());
            }
        }
    }

    private static List<Identity> all(Changes c, IdentityQuery query) {
        return Pages.all(cursor -> c.tx().table(EntityType.IDENTITY).query(EntityQuery.of(cursor.map(query::after)
                .orElse(query))));
    }

    @Override
    public Identity resume(IdentityId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            Identity identity = c.identity(id);
            requireTransition(identity, IdentityStatus.ACTIVE, IdentityStatus.SUSPENDED);
            if (identity.actorIs(c.actor())) {
                throw new PolicyViolationException(GovernanceRule.SEPARATION_OF_DUTIES,
                        identity.id() + " cannot resume itself");
            }
            if (identity.kind().isNonHuman() && !identity.isOrphaned()) {
                Rules.activeHumanOwner(c, identity.owner().orElseThrow(), c.now());
            }
            Identity resumed = identity.withStatus(IdentityStatus.ACTIVE, reason, c.now());
            c.update(EntityType.IDENTITY, resumed, AuditAction.IDENTITY_RESUMED, reason, Map.of());
            if (identity.kind() == IdentityKind.HUMAN) {
                reclaim(c, resumed);
            }
            return resumed;
        });
    }

    @Override
    public Identity transferOwnership(IdentityId id, IdentityId newOwner, Actor actor, String reason) {
        Objects.requireNonNull(newOwner, "newOwner");
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            Identity identity = c.identity(id);
            if (identity.kind() == IdentityKind.HUMAN) {
                throw new ValidationException("id", identity.id() + " is a human; humans have no owner");
            }
            requireOwnerOrRescue(c, identity);
            if (identity.status().isTerminal()) {
                throw new InvalidTransitionException("identity " + id, identity.status().name(),
                        "an ownership transfer");
            }
            Rules.activeHumanOwner(c, newOwner, c.now());
            Identity moved = identity.withOwner(newOwner, reason, c.now());
            c.update(EntityType.IDENTITY, moved, AuditAction.IDENTITY_OWNER_TRANSFERRED, reason,
                    Map.of("from", identity.owner().map(IdentityId::value).orElse(""), "to", newOwner.value()));
            return moved;
        });
    }

    /**
     * Ownership moves by the host system or the current owner; when the owner is gone (orphaned,
     * or no longer an active human) any active human may take over, which is the rescue path.
     */
    private static void requireOwnerOrRescue(Changes c, Identity identity) {
        if (c.actor().isSystem() || identity.owner().filter(c.actor().id()::equals).isPresent()
                || identity.isOrphaned()) {
            return;
        }
        boolean ownerActive = identity.owner().flatMap(o -> c.tx().table(EntityType.IDENTITY).find(o.value()))
                .filter(o -> o.status() == IdentityStatus.ACTIVE && !o.isExpiredAt(c.now())).isPresent();
        if (ownerActive) {
            throw new PolicyViolationException(GovernanceRule.SEPARATION_OF_DUTIES, "only the owner "
                    + identity.owner().get() + " or the host system may transfer " + identity.id());
        }
    }

    @Override
    public Identity setEnforcementMode(IdentityId id, EnforcementMode mode, Actor actor, String reason) {
        Objects.requireNonNull(mode, "mode");
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            Identity identity = c.identity(id);
            if (!c.actor().isSystem() && !identity.owner().filter(c.actor().id()::equals).isPresent()) {
                throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                        "only the owner or the host system may change the enforcement mode of " + identity.id());
            }
            Identity changed = identity.withEnforcementMode(mode, reason, c.now());
            c.update(EntityType.IDENTITY, changed, AuditAction.IDENTITY_ENFORCEMENT_CHANGED, reason,
                    Map.of("from", identity.enforcementMode().name(), "to", mode.name()));
            return changed;
        });
    }

    @Override
    public Optional<Identity> find(IdentityId id) {
        Objects.requireNonNull(id, "id");
        return kernel.read(tx -> tx.table(EntityType.IDENTITY).find(id.value()));
    }

    @Override
    public Identity get(IdentityId id) {
        return find(id).orElseThrow(() -> new dev.steward.NotFoundException("identity", id.value()));
    }

    @Override
    public Page<Identity> query(IdentityQuery query) {
        Objects.requireNonNull(query, "query");
        return kernel.read(tx -> tx.table(EntityType.IDENTITY).query(EntityQuery.of(query)));
    }

    private static void requireTransition(Identity identity, IdentityStatus target, IdentityStatus... from) {
        for (IdentityStatus allowed : from) {
            if (identity.status() == allowed && allowed.canMoveTo(target)) {
                return;
            }
        }
        throw new InvalidTransitionException("identity " + identity.id(), identity.status().name(), target.name());
    }
}
