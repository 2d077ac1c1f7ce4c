package dev.steward.internal.review;

import dev.steward.ConflictException;
import dev.steward.GovernanceRule;
import dev.steward.NotFoundException;
import dev.steward.Page;
import dev.steward.PolicyViolationException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.identity.ManagerDirectory;
import dev.steward.internal.Changes;
import dev.steward.internal.Checks;
import dev.steward.internal.Kernel;
import dev.steward.internal.Pages;
import dev.steward.internal.Rules;
import dev.steward.internal.credential.DefaultCredentialService;
import dev.steward.internal.identity.Leavers;
import dev.steward.review.BulkDecision;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleId;
import dev.steward.review.ReviewCycleQuery;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewCycleStatus;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewItemFilter;
import dev.steward.review.ReviewItemId;
import dev.steward.review.ReviewItemKind;
import dev.steward.review.ReviewItemQuery;
import dev.steward.review.ReviewItemStatus;
import dev.steward.review.ReviewNotice;
import dev.steward.review.ReviewOrigin;
import dev.steward.review.ReviewReport;
import dev.steward.review.ReviewService;
import dev.steward.spi.EntityQuery;
import dev.steward.spi.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Campaigns, decisions, hand-overs, closes, reconfirmation and reports. */
public final class DefaultReviewService implements ReviewService {
    private static final int PAGE = 1000;
    private static final int BULK_UNIT = 200;

    private final Kernel kernel;
    private final DefaultCredentialService credentials;
    private final Decisions decisions;
    private final Closer closer;

    /**
     * @param kernel the shared state
     * @param leavers the suspension cascade, for revoked ownerships
     * @param credentials the credential service, for its usage telemetry
     */
    public DefaultReviewService(Kernel kernel, Leavers leavers,
            DefaultCredentialService credentials) {
        this.kernel = kernel;
        this.credentials = credentials;
        this.decisions = new Decisions(leavers);
        this.closer = new Closer(kernel, decisions);
    }

    /** @return the host's relation that names who reviews a person's access */
    ManagerDirectory relation() {
        return kernel.settings().reviews().reviewers().orElse(kernel.settings().managers());
    }

    /** @return how cycles are closed, for the sweep */
    Closer closer() {
        return closer;
    }

    @Override
    public ReviewCycle open(ReviewCycleSpec spec, Actor actor) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(actor, "actor");
        IdentityId fallback = spec.fallbackReviewer()
                .orElseThrow(() -> new ValidationException("fallbackReviewer", "is required for a campaign"));
        flushUsage();
        return kernel.change(actor, c -> {
            Rules.systemOrHuman(c);
            requireReviewerCandidate(c, "fallbackReviewer", fallback);
            spec.escalateTo().ifPresent(e -> requireReviewerCandidate(c, "escalateTo", e));
            return Cycles.open(c, ReviewCycleId.random(), new Cycles.Plan(spec.name(), ReviewOrigin.CAMPAIGN, spec.scope(),
                    spec.resolveDueAt(c.now()), spec.fallbackReviewer(), spec.escalateTo(), spec.remindEvery(),
                    spec.escalateAfter(), spec.isCloseAtDue(), spec.undecided(), spec.revocation(), spec.recurEvery(),
                    Optional.empty()), relation(), kernel.settings().credentials(), kernel.settings().notifier(), null);
        });
    }

    /** Usage counted in memory is written first, so a snapshot's evidence is current. */
    void flushUsage() {
        kernel.grantUsage().flush(kernel.store());
        credentials.flushUsage();
    }

    /** Fallback and escalation reviewers must be active humans: agents never review. */
    private static void requireReviewerCandidate(Changes c, String field, IdentityId id) {
        Identity i = c.tx().table(EntityType.IDENTITY).find(id.value()).orElseThrow(() -> new ValidationException(field,
                id + " is not a known identity"));
        if (i.kind() != IdentityKind.HUMAN) {
            throw new PolicyViolationException(GovernanceRule.HUMAN_REQUIRED,
                    field + " " + id + " is " + i.kind() + "; only humans review");
        }
        if (i.status() != IdentityStatus.ACTIVE || i.isExpiredAt(c.now())) {
            throw new ValidationException(field, id + " is not an active human");
        }
    }

    @Override
    public Optional<ReviewCycle> find(ReviewCycleId id) {
        Objects.requireNonNull(id, "id");
        return kernel.read(tx -> tx.table(EntityType.REVIEW_CYCLE).find(id.value()));
    }

    @Override
    public ReviewCycle get(ReviewCycleId id) {
        return find(id).orElseThrow(() -> new NotFoundException("review cycle", id.value()));
    }

    @Override
    public Page<ReviewCycle> query(ReviewCycleQuery query) {
        Objects.requireNonNull(query, "query");
        return kernel.read(tx -> tx.table(EntityType.REVIEW_CYCLE).query(EntityQuery.of(query)));
    }

    @Override
    public ReviewItem item(ReviewItemId id) {
        Objects.requireNonNull(id, "id");
        return kernel.read(tx -> tx.table(EntityType.REVIEW_ITEM).find(id.value())).orElseThrow(() ->
                new NotFoundException("review item",
                id.value()));
    }

    @Override
    public Page<ReviewItem> items(ReviewItemQuery query) {
        Objects.requireNonNull(query, "query");
        return kernel.read(tx -> tx.table(EntityType.REVIEW_ITEM).query(EntityQuery.of(query)));
    }

    @Override
    public ReviewItem decide(ReviewItemId id, ReviewDecision decision, Actor reviewer, String comment) {
        Objects.requireNonNull(id, "id");
        requireCertifyOrRevoke(decision);
        Checks.text("comment", comment);
        return kernel.change(reviewer, c -> {
            Identity human = Decisions.reviewingHuman(c);
            ReviewItem item = Decisions.item(c, id);
            return decisions.decide(c, human, Decisions.cycle(c, item), item, decision, Optional.empty(), comment);
        });
    }

    private static void requireCertifyOrRevoke(ReviewDecision decision) {
        Objects.requireNonNull(decision, "decision");
        if (decision == ReviewDecision.REASSIGN) {
            throw new ValidationException("decision", "REASSIGN needs the new owner: use reassign(...)");
        }
    }

    @Override
    public ReviewItem reassign(ReviewItemId id, IdentityId newOwner, Actor reviewer, String comment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(newOwner, "newOwner");
        Checks.text("comment", comment);
        return kernel.change(reviewer, c -> {
            Identity human = Decisions.reviewingHuman(c);
            ReviewItem item = Decisions.item(c, id);
            if (item.kind() != ReviewItemKind.OWNERSHIP) {
                throw new ValidationException("id", "only ownership items are reassigned; " + id + " is "
                        + item.kind());
            }
            return decisions.decide(c, human, Decisions.cycle(c, item), item, ReviewDecision.REASSIGN,
                    Optional.of(newOwner), comment);
        });
    }

    @Override
    public BulkDecision decideAll(ReviewCycleId cycle, ReviewItemFilter filter, ReviewDecision decision,
            Actor reviewer, String comment) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(reviewer, "reviewer");
        requireCertifyOrRevoke(decision);
        Checks.text("comment", comment);
        ReviewItemQuery query = ReviewItemQuery.all().cycle(cycle).reviewer(reviewer.id())
                .status(ReviewItemStatus.PENDING).limit(PAGE);
        List<ReviewItemId> matching = new ArrayList<>();
        Pages.forEach(kernel::page, EntityQuery.of(query), page -> page.items().stream()
                .filter(filter::matches).forEach(i -> matching.add(i.id())));
        List<ReviewItem> decided = new ArrayList<>();
        for (int from = 0; from < matching.size(); from += BULK_UNIT) {
            List<ReviewItemId> unit = matching.subList(from, Math.min(matching.size(), from + BULK_UNIT));
            try {
                decided.addAll(decideUnit(unit, decision, reviewer, comment, false));
            } catch (ConflictException e) {
                decided.addAll(decideUnit(unit, decision, reviewer, comment, true));
            }
        }
        return new BulkDecision(decided, matching.size() - decided.size());
    }

    /**
     * Decides a batch of items in one unit of work; items no longer pending or no longer the
     * reviewer's are skipped. After a conflict the batch is decided one item per unit.
     */
    private List<ReviewItem> decideUnit(List<ReviewItemId> ids, ReviewDecision decision, Actor reviewer,
            String comment, boolean onePerUnit) {
        List<ReviewItem> done = new ArrayList<>();
        if (!onePerUnit) {
            return kernel.change(reviewer, c -> {
                Identity human = Decisions.reviewingHuman(c);
                for (ReviewItemId id : ids) {
                    decideIfStillPending(c, human, id, decision, comment).ifPresent(done::add);
                }
                return done;
            });
        }
        for (ReviewItemId id : ids) {
            try {
                kernel.change(reviewer, c -> decideIfStillPending(c, Decisions.reviewingHuman(c), id, decision,
                        comment)).ifPresent(done::add);
            } catch (ConflictException e) {
                continue;
            }
        }
        return done;
    }

    private Optional<ReviewItem> decideIfStillPending(Changes c, Identity human, ReviewItemId id,
            ReviewDecision decision, String comment) {
        ReviewItem item = Decisions.item(c, id);
        if (!item.isPending() || !item.reviewer().filter(human.id()::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(decisions.decide(c, human, Decisions.cycle(c, item), item, decision, Optional.empty(),
                comment));
    }

    @Override
    public ReviewItem forward(ReviewItemId id, IdentityId to, Actor actor, String comment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Checks.text("comment", comment);
        return kernel.change(actor, c -> {
            ReviewItem item = Decisions.item(c, id);
            ReviewCycle cycle = Decisions.cycle(c, item);
            Decisions.requireOpen(cycle, "a hand-over");
            Decisions.requirePending(item);
            if (item.reviewer().isPresent() || !c.actor().isSystem()) {
                Identity human = Decisions.reviewingHuman(c);
                boolean mayAssign = item.reviewer().isEmpty() && cycle.fallbackReviewer().filter(human.id()::equals)
                        .isPresent();
                if (!mayAssign) {
                    Decisions.requireReviewer(item, human);
                }
            }
            if (to.equals(item.subject())) {
                throw new PolicyViolationException(GovernanceRule.SEPARATION_OF_DUTIES,
                        to + " cannot review their own access (" + item.id() + ")");
            }
            if (item.reviewer().filter(to::equals).isPresent()) {
                throw new ValidationException("to", to + " already reviews " + item.id());
            }
            requireReviewerCandidate(c, "to", to);
            ReviewItem moved = item.forwarded(to, c.now());
            c.update(EntityType.REVIEW_ITEM, moved, AuditAction.REVIEW_ITEM_FORWARDED, comment, Map.of("from",
                    item.reviewer().map(IdentityId::value).orElse(""), "to", to.value(), "cycle", cycle.id().value()));
            c.afterCommit(() -> Notices.send(kernel.settings().notifier(),
                    Notices.of(ReviewNotice.Kind.FORWARDED, to, cycle, moved, moved.updatedAt())));
            return moved;
        });
    }

    @Override
    public ReviewCycle close(ReviewCycleId id, Actor actor, String reason) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Checks.text("reason", reason);
        return closer.close(id, actor, reason, Rules::systemOrHuman);
    }

    @Override
    public Identity reconfirm(IdentityId agent, Actor owner, String comment) {
        Objects.requireNonNull(agent, "agent");
        Checks.text("comment", comment);
        return kernel.change(owner, c -> {
            Identity human = Decisions.reviewingHuman(c);
            Identity identity = c.identity(agent);
            if (identity.kind() != IdentityKind.AGENT) {
                throw new ValidationException("agent", agent + " is " + identity.kind() + "; only agents are reconfirmed");
            }
            if (!identity.owner().filter(human.id()::equals).isPresent()) {
                throw new PolicyViolationException(GovernanceRule.HUMAN_OWNER_REQUIRED,
                        "only the owner of " + agent + " reconfirms it; " + human.id() + " is not");
            }
            if (identity.status().isTerminal() || identity.status() == IdentityStatus.PENDING_APPROVAL) {
                throw new dev.steward.InvalidTransitionException("identity " + agent, identity.status().name(),
                        "a reconfirmation");
            }
            certifyOpenReconfirmations(c, human, agent, comment);
            Reconfirmations.reconfirm(c, c.identity(agent), comment, Map.of());
            return c.identity(agent);
        });
    }

    /** A direct reconfirmation also settles the agent's open reconfirmation review. */
    private void certifyOpenReconfirmations(Changes c, Identity owner, IdentityId agent, String comment) {
        ReviewCycleQuery open = ReviewCycleQuery.all().origin(ReviewOrigin.RECONFIRMATION)
                .status(ReviewCycleStatus.OPEN).limit(PAGE);
        for (ReviewCycle cycle : c.all(EntityQuery.of(open))) {
            if (!cycle.scope().subjects().contains(agent)) {
                continue;
            }
            ReviewItemQuery pending = ReviewItemQuery.all().cycle(cycle.id()).status(ReviewItemStatus.PENDING);
            for (ReviewItem item : c.tx().table(EntityType.REVIEW_ITEM).query(EntityQuery.of(pending)).items()) {
                if (item.reviewer().filter(owner.id()::equals).isPresent()) {
                    decisions.decide(c, owner, c.tx().table(EntityType.REVIEW_CYCLE).find(cycle.id().value())
                            .orElseThrow(), item,
                            ReviewDecision.CERTIFY, Optional.empty(), comment);
                }
            }
        }
    }

    @Override
    public ReviewReport report(ReviewCycleId id) {
        ReviewCycle cycle = get(id);
        ReviewItemQuery query = ReviewItemQuery.all().cycle(id).limit(PAGE);
        List<ReviewItem> all = Pages.all(kernel::page, EntityQuery.of(query));
        return ReportBuilder.build(cycle, all, kernel.settings().clock().instant());
    }
}
