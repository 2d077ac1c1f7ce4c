package dev.steward.internal.grant;

import dev.steward.GovernanceRule;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.PolicyViolationException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantQuery;
import dev.steward.grant.GrantService;
import dev.steward.grant.GrantSpec;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Actor;
import dev.steward.identity.Approval;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.internal.Changes;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.Rules;
import dev.steward.internal.review.EventReviews;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The grant lifecycle: the actor's rules here, the moves in {@link GrantTransitions}. */
public final class DefaultGrantService implements GrantService {
    private final Kernel kernel;
    private final EventReviews events;

    /**
     * @param kernel the shared state
     * @param events opens micro-reviews on approvals that widen access or delegate
     */
    public DefaultGrantService(Kernel kernel, EventReviews events) {
        this.kernel = kernel;
        this.events = events;
    }

    @Override
    public Grant request(GrantSpec spec, Actor requester) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(requester, "requester");
        if (spec.actions().isEmpty()) {
            throw new ValidationException("actions", "at least one action is required");
        }
        if (spec.resource().isEmpty()) {
            throw new ValidationException("resource", "is required");
        }
        String justification = spec.justification()
                .orElseThrow(() -> new ValidationException("justification", "is required"));
        return kernel.change(requester, c -> {
            Optional<Identity> asking = Rules.activeActor(c);
            Identity grantee = c.tx().table(EntityType.IDENTITY).find(spec.grantee().value())
                    .orElseThrow(() -> new NotFoundException("identity", spec.grantee().value()));
            if (grantee.status().isTerminal()) {
                throw new ValidationException("grantee", grantee.id() + " is " + grantee.status());
            }
            asking.filter(a -> a.kind() != IdentityKind.HUMAN).ifPresent(a -> {
                if (!a.id().equals(grantee.id()) && !grantee.parent().filter(a.id()::equals).isPresent()) {
                    throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED, a.id() + " is " + a.kind()
                            + " and may request grants only for itself or the identities it started");
                }
            });
            spec.delegatedBy().ifPresent(d -> requireDelegator(c, grantee, d));
            Instant now = c.now();
            Instant from = spec.resolveValidFrom(now);
            Optional<Instant> until = spec.resolveValidUntil(now);
            if (until.isPresent() && !until.get().isAfter(from)) {
                throw new ValidationException("validUntil", "must be after validFrom");
            }
            if (grantee.kind() == IdentityKind.AGENT) {
                requireAgentBound(until, now);
            }
            Grant grant = Grant.builder().id(GrantId.random()).grantee(grantee.id()).actions(spec.actions())
                    .resource(spec.resource().get()).validFrom(from).validUntil(until).environment(spec.environment())
                    .maxUses(spec.maxUses()).delegatedBy(spec.delegatedBy()).justification(justification)
                    .requestedBy(c.actor().id()).requestedAt(now).status(GrantStatus.REQUESTED)
                    .statusReason(justification).updatedAt(now).build();
            c.insert(EntityType.GRANT, grant, AuditAction.GRANT_REQUESTED, justification,
                    Map.of("grantee", grantee.id().value(), "actions", String.join(",", grant.actions()),
                            "resource", grant.resource().value(),
                            "delegatedBy", grant.delegatedBy().map(IdentityId::value).orElse(""),
                            "validUntil", grant.validUntil().map(Instant::toString).orElse("")));
            return grant;
        });
    }

    private static void requireDelegator(Changes c, Identity grantee, IdentityId delegator) {
        if (delegator.equals(grantee.id())) {
            throw new PolicyViolationException(GovernanceRule.DELEGATION, grantee.id() + " cannot delegate to itself");
        }
        Identity d = c.tx().table(EntityType.IDENTITY).find(delegator.value())
                .orElseThrow(() -> new NotFoundException("identity", delegator.value()));
        if (d.status().isTerminal()) {
            throw new PolicyViolationException(GovernanceRule.DELEGATION, "delegator " + delegator + " is " + d.status());
        }
    }

    private void requireAgentBound(Optional<Instant> until, Instant now) {
        if (until.isEmpty()) {
            throw new PolicyViolationException(GovernanceRule.AGENT_TIME_BOUND,
                    "a grant to an AGENT needs an end (validFor or validUntil)");
        }
        Instant limit = now.plus(kernel.settings().maxAgentGrantLifetime());
        if (until.get().isAfter(limit)) {
            throw new PolicyViolationException(GovernanceRule.AGENT_TIME_BOUND, "a grant to an AGENT may last at most "
                    + kernel.settings().maxAgentGrantLifetime() + "; asked to end at " + until.get());
        }
    }

    @Override
    public Grant approve(GrantId id, Actor approver, String reference) {
        Checks.name("reference", reference);
        return kernel.change(approver, c -> {
            Identity approving = Rules.approvingHuman(c);
            Grant grant = c.grant(id);
            GrantTransitions.require(grant, GrantStatus.ACTIVE);
            Rules.separated(approving.id(), "grant " + id, grant.requestedBy(), grant.grantee());
            if (grant.validUntil().filter(u -> !u.isAfter(c.now())).isPresent()) {
                throw new ValidationException("validUntil", "grant " + id + " has already ended");
            }
            Grant approved = GrantTransitions.approve(c, grant, new Approval(approving.id(), reference, c.now()));
            events.grantApproved(c, approved, approving);
            return approved;
        });
    }

    @Override
    public Grant deny(GrantId id, Actor approver, String reason) {
        Checks.text("reason", reason);
        return kernel.change(approver, c -> {
            Identity approving = Rules.approvingHuman(c);
            Grant grant = c.grant(id);
            GrantTransitions.require(grant, GrantStatus.DENIED);
            Rules.separated(approving.id(), "grant " + id, grant.requestedBy(), grant.grantee());
            return GrantTransitions.deny(c, grant, reason);
        });
    }

    @Override
    public Grant revoke(GrantId id, Actor actor, String reason) {
        Checks.text("reason", reason);
        return kernel.change(actor, c -> {
            Grant grant = c.grant(id);
            if (!c.actor().id().equals(grant.grantee())) {
                Rules.systemOrHuman(c);
            }
            return GrantTransitions.revoke(c, grant, reason, Map.of());
        });
    }

    @Override
    public Optional<Grant> find(GrantId id) {
        Objects.requireNonNull(id, "id");
        return kernel.read(tx -> tx.table(EntityType.GRANT).find(id.value()));
    }

    @Override
    public Grant get(GrantId id) {
        return find(id).orElseThrow(() -> new NotFoundException("grant", id.value()));
    }

    @Override
    public Page<Grant> query(GrantQuery query) {
        Objects.requireNonNull(query, "query");
        return kernel.read(tx -> tx.table(EntityType.GRANT).query(EntityQuery.of(query)));
    }
}
