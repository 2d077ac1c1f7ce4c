package dev.steward.internal.identity;

import dev.steward.GovernanceRule;
import dev.steward.Page;
import dev.steward.PolicyViolationException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.authz.EnforcementMode;
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
import dev.steward.internal.Rules;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity lifecycle: the actor's rules here, the moves in {@link IdentityTransitions}, the
 * cascade of a suspension or retirement in {@link Leavers}.
 */
public final class DefaultIdentityService implements IdentityService {
    private final Kernel kernel;
    private final Leavers leavers;

    /**
     * @param kernel the shared state
     * @param leavers the cascade of a suspension or retirement
     */
    public DefaultIdentityService(Kernel kernel, Leavers leavers) {
        this.kernel = kernel;
        this.leavers = leavers;
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
            IdentityTransitions.requireApprovable(identity);
            Rules.separated(approving.id(), "identity " + id, identity.createdBy(), identity.id());
            if (identity.owner().isPresent()) {
                Rules.activeHumanOwner(c, identity.owner().get(), c.now());
            }
            return IdentityTransitions.approve(c, identity, new Approval(approving.id(), reference, c.now()));
        });
    }

    @Override
    public Identity reject(IdentityId id, Actor approver, String reason) {
        Checks.text("reason", reason);
        return kernel.change(approver, c -> {
            Identity approving = Rules.approvingHuman(c);
            Identity identity = c.identity(id);
            IdentityTransitions.requireRejectable(identity);
            Rules.separated(approving.id(), "identity " + id, identity.createdBy(), identity.id());
            return IdentityTransitions.reject(c, identity, reason);
        });
    }

    @Override
    public Identity suspend(IdentityId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            return leavers.suspend(c, c.identity(id), reason, SuspensionCause.ACTOR);
        });
    }

    @Override
    public Identity retire(IdentityId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            return leavers.retire(c, c.identity(id), reason);
        });
    }

    @Override
    public Identity resume(IdentityId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            Identity identity = c.identity(id);
            IdentityTransitions.requireResumable(identity);
            if (identity.actorIs(c.actor())) {
                throw new PolicyViolationException(GovernanceRule.SEPARATION_OF_DUTIES,
                        identity.id() + " cannot resume itself");
            }
            if (identity.kind().isNonHuman() && !identity.isOrphaned()) {
                Rules.activeHumanOwner(c, identity.owner().orElseThrow(), c.now());
            }
            Identity resumed = IdentityTransitions.resume(c, identity, reason, Map.of());
            leavers.reclaim(c, resumed);
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
            IdentityTransitions.requireTransferable(identity);
            Rules.activeHumanOwner(c, newOwner, c.now());
            return IdentityTransitions.transferOwner(c, identity, newOwner, reason, Map.of());
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
}
