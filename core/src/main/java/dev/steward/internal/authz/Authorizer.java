package dev.steward.internal.authz;

import dev.steward.spi.PluginFailures;
import dev.steward.AuditFailureException;
import dev.steward.StewardException;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Checks;
import dev.steward.internal.CodePoints;
import dev.steward.internal.Kernel;
import dev.steward.internal.Log;
import dev.steward.internal.Redaction;
import dev.steward.spi.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes access decisions from the {@link AuthorizationIndex} and records each one in the audit
 * log. Deny by default; any doubt, malformed input or internal error is a deny with a reason.
 */
public final class Authorizer {
    private static final Log LOG = Log.of(Authorizer.class);
    private static final int MAX_AUDITED_TEXT = 512;

    private final Kernel kernel;

    /** @param kernel the shared state */
    public Authorizer(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * A decision and where its audit event is: queued under {@code ticket} (positive), already
     * stored ({@link #STORED}), or not recorded at all ({@link #NOT_RECORDED}, the decision is then
     * a deny with reason {@code ERROR}).
     */
    record Recorded(Decision decision, long ticket) {
        static final long STORED = 0;
        static final long NOT_RECORDED = -1;
    }

    private record Verdict(DecisionReason reason, List<Grant> grants) {
        static Verdict deny(DecisionReason reason) {
            return new Verdict(reason, List.of());
        }
    }

    /**
     * @param request the request
     * @return the decision, whose event is stored (synchronous mode) or queued (buffered mode)
     */
    public Decision authorize(AccessRequest request) {
        Recorded r = decide(request, false);
        if (r.ticket() > 0 && kernel.settings().decisionAudit() == DecisionAuditMode.SYNCHRONOUS) {
            return awaitOrDeny(r);
        }
        return r.decision();
    }

    /**
     * Decides, and returns only once the decision's event is stored: for callers that act on the
     * decision themselves (the tool-call guard, secret checkout).
     *
     * @param request the request
     * @param logOnly whether a deny is recorded as "would deny"
     * @return the decision, stored
     * @throws AuditFailureException if the decision could not be stored
     */
    public Decision decideDurably(AccessRequest request, boolean logOnly) {
        Recorded recorded = decide(request, logOnly);
        if (recorded.ticket() == Recorded.NOT_RECORDED) {
            throw new AuditFailureException(kernel.store().name(), new IllegalStateException(
                    "decision " + recorded.decision().auditEventId() + " was not recorded"));
        }
        if (recorded.ticket() > 0) {
            kernel.audit().awaitStored(recorded.ticket());
        }
        return recorded.decision();
    }

    /**
     * Decides and records; the caller decides whether to wait for the event.
     *
     * @param request the request
     * @param logOnly whether a deny is recorded as "would deny"
     * @return the decision and its ticket
     */
    Recorded decide(AccessRequest request, boolean logOnly) {
        if (kernel.inUnit()) {
            throw new IllegalStateException("decisions are made on committed state: call authorize, guards and "
                    + "checkout outside Steward.atomically");
        }
        Instant now = kernel.settings().clock().instant();
        while (true) {
            Recorded r = decideOnce(request, logOnly, now);
            if (r != null) {
                return r;
            }
        }
    }

    /** @return the decision, or {@code null} if a concurrent decision took a grant's last use first */
    private Recorded decideOnce(AccessRequest request, boolean logOnly, Instant now) {
        Verdict verdict;
        try {
            verdict = evaluate(request, now);
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.error("authorization of {} failed; denied to fail closed", request.identity(), e);
            verdict = Verdict.deny(DecisionReason.ERROR);
        }
        AuditEventId eventId = kernel.audit().nextId();
        boolean allowed = verdict.reason() == DecisionReason.GRANTED;
        List<GrantId> ids = new ArrayList<>(verdict.grants().size());
        boolean limited = false;
        for (Grant g : verdict.grants()) {
            ids.add(g.id());
            limited |= g.maxUses().isPresent();
        }
        AuditOutcome outcome = allowed ? AuditOutcome.ALLOWED : logOnly ? AuditOutcome.WOULD_DENY : AuditOutcome.DENIED;
        AuditEvent draft = draft(eventId, now, request, outcome, verdict.reason(), ids);
        if (limited) {
            return consumeUses(request, verdict, draft, now);
        }
        if (allowed) {
            recordUse(verdict.grants(), now);
        }
        return queue(decision(request, allowed, verdict.reason(), ids, eventId, now), draft);
    }

    private Recorded queue(Decision decision, AuditEvent draft) {
        try {
            return new Recorded(decision, kernel.audit().enqueue(draft));
        } catch (StewardException e) {
            LOG.error("decision event for {} could not be queued; denied to fail closed", decision.identity(), e);
            return new Recorded(decision(decision.identity(), decision.action(), decision.resource(), false,
                    DecisionReason.ERROR, List.of(), decision.auditEventId(), decision.decidedAt()),
                    Recorded.NOT_RECORDED);
        }
    }

    /**
     * Waits until the decision's event is stored; if it cannot be, the decision becomes a deny.
     *
     * @param r the recorded decision
     * @return the decision, or a deny with reason {@code ERROR}
     */
    Decision awaitOrDeny(Recorded r) {
        try {
            kernel.audit().awaitStored(r.ticket());
            return r.decision();
        } catch (StewardException e) {
            LOG.error("decision event {} could not be stored; denied to fail closed", r.decision().auditEventId(), e);
            Decision d = r.decision();
            return decision(d.identity(), d.action(), d.resource(), false, DecisionReason.ERROR, List.of(),
                    d.auditEventId(), d.decidedAt());
        }
    }

    private Verdict evaluate(AccessRequest request, Instant now) {
        // A malformed request is named as such before anything else is looked at.
        List<String> segments;
        try {
            Checks.action("action", request.action());
            segments = ResourcePattern.segmentsOf(request.resource());
            request.environment().ifPresent(e -> Checks.id("environment", e));
            request.correlationId().ifPresent(c -> Checks.name("correlationId", c));
        } catch (ValidationException e) {
            return Verdict.deny(DecisionReason.INVALID_REQUEST);
        }
        List<IdentityId> chain = request.onBehalfOf();
        for (int i = 0; i < chain.size(); i++) {
            IdentityId link = chain.get(i);
            if (link.equals(request.identity()) || chain.indexOf(link) != i) {
                return Verdict.deny(DecisionReason.INVALID_REQUEST);
            }
        }
        if (kernel.freshness().stale()) {
            return Verdict.deny(DecisionReason.STORE_UNAVAILABLE);
        }
        if (chain.size() > kernel.settings().maxDelegationDepth()) {
            return Verdict.deny(DecisionReason.DELEGATION_TOO_DEEP);
        }
        AuthorizationIndex index = kernel.index();
        Identity self = index.identity(request.identity());
        if (self == null) {
            return Verdict.deny(DecisionReason.UNKNOWN_IDENTITY);
        }
        DecisionReason standing = kernel.standing(self, now);
        if (standing != null) {
            return Verdict.deny(standing);
        }
        String environment = request.environment().orElse(self.environment());
        List<Grant> matched = new ArrayList<>(chain.size() + 1);
        IdentityId holder = request.identity();
        for (int link = 0; link <= chain.size(); link++) {
            IdentityId principal = link < chain.size() ? chain.get(link) : null;
            if (link > 0) {
                Identity delegator = index.identity(holder);
                if (delegator == null || kernel.standing(delegator, now) != null) {
                    return Verdict.deny(DecisionReason.DELEGATOR_NOT_ACTIVE);
                }
            }
            Selection s = new Selection(principal, environment, now);
            index.forEachMatch(holder, request.action(), segments, s::offer);
            if (s.chosen == null) {
                index.forEachExpiredMatch(holder, request.action(), segments, s::explain);
            }
            if (s.chosen == null) {
                if (s.failure != null) {
                    return Verdict.deny(s.failure);
                }
                if (principal != null) {
                    return Verdict.deny(DecisionReason.NOT_DELEGATED);
                }
                return Verdict.deny(link == 0 ? DecisionReason.NO_MATCHING_GRANT
                        : DecisionReason.DELEGATOR_LACKS_PERMISSION);
            }
            matched.add(s.chosen);
            holder = principal;
        }
        return new Verdict(DecisionReason.GRANTED, matched);
    }

    /**
     * Picks a usable grant at one link of the chain, preferring one without a use limit. When none
     * is usable, the reason is a function of the covering grants' state, whatever the order they
     * are met in: the one that came closest wins (a spent grant was in its window and environment;
     * a grant of another environment was in its window).
     */
    private static final class Selection {
        private final IdentityId principal;
        private final String environment;
        private final Instant now;
        Grant chosen;
        DecisionReason failure;

        Selection(IdentityId principal, String environment, Instant now) {
            this.principal = principal;
            this.environment = environment;
            this.now = now;
        }

        /** @param g an active grant that covers the action and resource */
        void offer(Grant g) {
            if (delegatedAsRequired(g) && unusable(g) == null
                    && (chosen == null || (chosen.maxUses().isPresent() && g.maxUses().isEmpty()))) {
                chosen = g;
            }
        }

        /** @param g an expired grant that would cover the action and resource: never chosen, only a reason */
        void explain(Grant g) {
            if (delegatedAsRequired(g)) {
                unusable(g);
            }
        }

        private boolean delegatedAsRequired(Grant g) {
            Optional<IdentityId> delegator = g.delegatedBy();
            return principal == null ? delegator.isEmpty() : delegator.filter(principal::equals).isPresent();
        }

        /** @return why the grant cannot be used now, noted as a candidate failure, or {@code null} */
        private DecisionReason unusable(Grant g) {
            DecisionReason reason = !g.isWithinWindow(now) ? DecisionReason.GRANT_NOT_VALID_NOW
                    : g.environment().isPresent() && !g.environment().get().equals(environment)
                            ? DecisionReason.ENVIRONMENT_MISMATCH
                            : g.isExhausted() ? DecisionReason.USE_LIMIT_REACHED : null;
            if (reason != null && rank(reason) > rank(failure)) {
                failure = reason;
            }
            return reason;
        }

        private static int rank(DecisionReason reason) {
            return reason == null ? 0 : switch (reason) {
                case GRANT_NOT_VALID_NOW -> 1;
                case ENVIRONMENT_MISMATCH -> 2;
                default -> 3;
            };
        }
    }

    /** Counts a use of each use-limited grant in the chain, with the decision's event, in one unit of work. */
    private Recorded consumeUses(AccessRequest request, Verdict verdict, AuditEvent draft, Instant now) {
        List<GrantId> ids = new ArrayList<>();
        verdict.grants().forEach(g -> ids.add(g.id()));
        try {
            Recorded recorded = kernel.change(new Actor(request.identity()), c -> {
                for (Grant g : verdict.grants()) {
                    if (g.maxUses().isEmpty()) {
                        continue;
                    }
                    Grant fresh = c.grant(g.id());
                    if (fresh.status() != GrantStatus.ACTIVE || fresh.isExhausted()) {
                        throw new UseLimitReached(fresh);
                    }
                    Grant used = fresh.withUse(c.now());
                    c.update(EntityType.GRANT, used, used.status() == GrantStatus.EXPIRED ? AuditAction.GRANT_EXPIRED
                            : AuditAction.GRANT_USED, "used by decision " + draft.id(), Map.of());
                }
                c.record(draft);
                return new Recorded(decision(request, true, DecisionReason.GRANTED, ids, draft.id(), now),
                        Recorded.STORED);
            });
            recordUse(verdict.grants(), now);
            return recorded;
        } catch (UseLimitReached e) {
            // The index may not hold the committed state that beat this decision yet: give it the
            // state read, so the next evaluation sees the grant as spent (or ended) and names the
            // reason that state has, as every later decision will.
            kernel.index().putGrant(e.fresh);
            return null;
        } catch (StewardException e) {
            LOG.error("use of a limited grant by {} could not be recorded; denied", request.identity(), e);
            return new Recorded(decision(request, false, DecisionReason.ERROR, List.of(), draft.id(), now),
                    Recorded.NOT_RECORDED);
        }
    }

    /** Counts the use of each grant of an allowing decision: telemetry, written in batches. */
    private void recordUse(List<Grant> grants, Instant now) {
        for (int i = 0; i < grants.size(); i++) {
            kernel.grantUsage().record(grants.get(i).id(), now);
        }
    }

    /** Signals, inside a unit of work, that a concurrent change took the last use or ended the grant. */
    private static final class UseLimitReached extends StewardException {
        private static final long serialVersionUID = 1L;

        private final transient Grant fresh;

        UseLimitReached(Grant fresh) {
            super("use limit reached");
            this.fresh = fresh;
        }
    }

    private static AuditEvent draft(AuditEventId id, Instant now, AccessRequest request, AuditOutcome outcome,
            DecisionReason reason, List<GrantId> grants) {
        StringBuilder joined = new StringBuilder();
        for (GrantId g : grants) {
            joined.append(joined.length() == 0 ? "" : ",").append(g.value());
        }
        return new AuditEvent(0, id, now, AuditAction.ACCESS_DECIDED, outcome, request.identity(),
                request.onBehalfOf(), "resource", audited(request.resource()), reason.name(),
                request.correlationId().map(Authorizer::audited),
                Map.of("action", audited(request.action()), "grants", joined.toString()), "", "");
    }

    /**
     * @param text a text of the request, which may be malformed
     * @return it as the audit records it: issued keys redacted first (so that a key cut at the limit
     *     cannot escape the scanner), hostile code points escaped so that they cannot disguise the
     *     event, and clipped to a bounded length without splitting a surrogate pair
     */
    static String audited(String text) {
        String shown = CodePoints.escape(Redaction.text(text));
        if (shown.length() <= MAX_AUDITED_TEXT) {
            return shown;
        }
        int end = MAX_AUDITED_TEXT - (Character.isHighSurrogate(shown.charAt(MAX_AUDITED_TEXT - 1)) ? 1 : 0);
        return shown.substring(0, end) + "…";
    }

    private static Decision decision(AccessRequest r, boolean allowed, DecisionReason reason, List<GrantId> grants,
            AuditEventId eventId, Instant now) {
        return decision(r.identity(), r.action(), r.resource(), allowed, reason, grants, eventId, now);
    }

    private static Decision decision(IdentityId identity, String action, String resource, boolean allowed,
            DecisionReason reason, List<GrantId> grants, AuditEventId eventId, Instant now) {
        return new Decision(allowed, reason, reason.message(), Redaction.id(identity), Redaction.text(action),
                Redaction.text(resource), grants, eventId, now);
    }
}
