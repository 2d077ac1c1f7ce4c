package dev.steward.internal.authz;

import dev.steward.spi.PluginFailures;
import dev.steward.AuditFailureException;
import dev.steward.StewardException;
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
import dev.steward.identity.Actor;
import dev.steward.identity.IdentityId;
import dev.steward.internal.CodePoints;
import dev.steward.internal.Kernel;
import dev.steward.internal.grant.GrantTransitions;
import dev.steward.internal.Log;
import dev.steward.internal.Redaction;
import dev.steward.internal.authz.Evaluator.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records access decisions: the {@link Evaluator} decides from the {@link AuthorizationIndex}, and
 * this class counts uses of limited grants, queues or stores each decision's audit event, and
 * turns a decision that cannot be recorded into a deny. Deny by default; any doubt, malformed
 * input or internal error is a deny with a reason.
 */
public final class Authorizer {
    private static final Log LOG = Log.of(Authorizer.class);
    private static final int MAX_AUDITED_TEXT = 512;

    private final Kernel kernel;
    private final Evaluator evaluator;

    /** @param kernel the shared state */
    public Authorizer(Kernel kernel) {
        this.kernel = kernel;
        this.evaluator = new Evaluator(kernel);
    }

    /** A decision and where its audit event is. */
    private sealed interface Recorded permits Queued, Stored, Unrecorded {
        /** @return the decision */
        Decision decision();
    }

    /** The event waits in the audit writer's queue under {@code ticket}. */
    private record Queued(Decision decision, long ticket) implements Recorded {
    }

    /** The event is stored (with the use it counted). */
    private record Stored(Decision decision) implements Recorded {
    }

    /** The event could not be recorded: the decision is a deny with reason {@code ERROR}. */
    private record Unrecorded(Decision decision) implements Recorded {
    }

    /**
     * @param request the request
     * @return the decision, whose event is stored (synchronous mode) or queued (buffered mode)
     */
    public Decision authorize(AccessRequest request) {
        Recorded r = decide(request, false, Map.of());
        if (r instanceof Queued queued && kernel.settings().decisionAudit() == DecisionAuditMode.SYNCHRONOUS) {
            return awaitOrDeny(queued);
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
        return decideDurably(request, logOnly, Map.of());
    }

    /**
     * Decides, and returns only once the decision's event, carrying further facts, is stored.
     *
     * @param request the request
     * @param logOnly whether a deny is recorded as "would deny"
     * @param facts details the event records beside the action and grants, e.g. the tool's name
     * @return the decision, stored
     * @throws AuditFailureException if the decision could not be stored
     */
    public Decision decideDurably(AccessRequest request, boolean logOnly, Map<String, String> facts) {
        return stored(decide(request, logOnly, facts));
    }

    /**
     * Records a deny that no evaluation made: a tool call that its policy cannot map to a request.
     * The event targets the tool, and returns only once it is stored.
     *
     * @param identity the identity that called
     * @param chain the delegation chain it called for
     * @param correlationId the tool-call id, recorded as the request's is (escaped if malformed)
     * @param tool the tool's name, as the call gave it
     * @param action the action the policy maps the tool to, or empty if it maps none
     * @param reason the deny's reason
     * @param problem what is wrong with the call, recorded as the detail {@code problem}
     * @param logOnly whether the deny is recorded as "would deny"
     * @return the deny, stored
     * @throws AuditFailureException if it could not be stored
     */
    public Decision refuseDurably(IdentityId identity, List<IdentityId> chain, Optional<String> correlationId,
            String tool, String action, DecisionReason reason, String problem, boolean logOnly) {
        requireCommittedState();
        Instant now = kernel.settings().clock().instant();
        AuditEventId eventId = kernel.audit().nextId();
        AuditOutcome outcome = logOnly && !refusedInEveryMode(reason) ? AuditOutcome.WOULD_DENY : AuditOutcome.DENIED;
        AuditEvent draft = new AuditEvent(0, eventId, now, AuditAction.ACCESS_DECIDED, outcome, identity, chain,
                "tool", audited(tool), reason.name(), correlationId.map(Authorizer::audited),
                Map.of("action", audited(action), "tool", audited(tool), "problem", audited(problem), "grants", ""),
                "", "");
        return stored(queue(decision(identity, action, tool, false, reason, List.of(), eventId, now), draft));
    }

    /**
     * @param identity an identity
     * @return why no call of the identity can be allowed now, whatever it asks (the store's view is
     *     stale, the identity is unknown, or its standing bars it), or empty if it may be
     */
    public Optional<DecisionReason> barred(IdentityId identity) {
        return evaluator.barred(identity, kernel.settings().clock().instant());
    }

    /**
     * @param identity the identity that acts
     * @param chain the identities it acts for, nearest first
     * @param grants the grants that allowed it
     * @return why the delegation no longer stands now, or empty (see {@link Evaluator#standing})
     */
    public Optional<DecisionReason> standing(IdentityId identity, List<IdentityId> chain, Collection<GrantId> grants) {
        return evaluator.standing(identity, chain, grants, kernel.settings().clock().instant());
    }

    /**
     * A preview for tool lists, which records nothing (see {@link Evaluator#offers}).
     *
     * @param identity the identity
     * @param principal the nearest principal of its chain
     * @param environment the environment asked for; the identity's own when empty
     * @param action the action
     * @param template the resource template's segments
     * @return whether a usable grant of the action reaches the template
     */
    public boolean offers(IdentityId identity, Optional<IdentityId> principal, Optional<String> environment,
            String action, List<String> template) {
        return evaluator.offers(identity, principal, environment, action, template, kernel.settings().clock().instant());
    }

    private Decision stored(Recorded recorded) {
        if (recorded instanceof Unrecorded) {
            throw new AuditFailureException(kernel.store().name(), new IllegalStateException(
                    "decision " + recorded.decision().auditEventId() + " was not recorded"));
        }
        if (recorded instanceof Queued queued) {
            kernel.audit().awaitStored(queued.ticket());
        }
        return recorded.decision();
    }

    private void requireCommittedState() {
        if (kernel.inUnit()) {
            throw new IllegalStateException("decisions are made on committed state: call authorize, guards and "
                    + "checkout outside Steward.atomically");
        }
    }

    /**
     * Decides and records; the caller decides whether to wait for the event.
     *
     * @param request the request
     * @param logOnly whether a deny is recorded as "would deny"
     * @param facts further details of the decision's event
     * @return the decision and its ticket
     */
    private Recorded decide(AccessRequest request, boolean logOnly, Map<String, String> facts) {
        requireCommittedState();
        Instant now = kernel.settings().clock().instant();
        while (true) {
            Optional<Recorded> r = decideOnce(request, logOnly, facts, now);
            if (r.isPresent()) {
                return r.get();
            }
        }
    }

    /**
     * {@return whether a deny for this reason stops a call even in log-only mode}: log-only rolls
     * policy out, so it lets through what policy would deny, but a malformed request or a decision
     * Steward could not make is no policy outcome.
     *
     * @param reason a deny's reason
     */
    public static boolean refusedInEveryMode(DecisionReason reason) {
        return reason == DecisionReason.INVALID_REQUEST || reason == DecisionReason.ERROR
                || reason == DecisionReason.STORE_UNAVAILABLE;
    }

    /** @return the decision, or empty if a concurrent decision took a grant's last use first */
    private Optional<Recorded> decideOnce(AccessRequest request, boolean logOnly, Map<String, String> facts,
            Instant now) {
        Verdict verdict;
        try {
            verdict = evaluator.evaluate(request, now);
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
        AuditOutcome outcome = allowed ? AuditOutcome.ALLOWED
                : logOnly && !refusedInEveryMode(verdict.reason()) ? AuditOutcome.WOULD_DENY : AuditOutcome.DENIED;
        AuditEvent draft = draft(eventId, now, request, outcome, verdict.reason(), ids, facts);
        if (limited) {
            return consumeUses(request, verdict, draft, now);
        }
        if (allowed) {
            recordUse(verdict.grants(), now);
        }
        return Optional.of(queue(decision(request, allowed, verdict.reason(), ids, eventId, now), draft));
    }

    private Recorded queue(Decision decision, AuditEvent draft) {
        try {
            return new Queued(decision, kernel.audit().enqueue(draft));
        } catch (StewardException e) {
            LOG.error("decision event for {} could not be queued; denied to fail closed", decision.identity(), e);
            return new Unrecorded(decision(decision.identity(), decision.action(), decision.resource(), false,
                    DecisionReason.ERROR, List.of(), decision.auditEventId(), decision.decidedAt()));
        }
    }

    /**
     * Waits until the decision's event is stored; if it cannot be, the decision becomes a deny.
     *
     * @param r the queued decision
     * @return the decision, or a deny with reason {@code ERROR}
     */
    private Decision awaitOrDeny(Queued r) {
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

    /** Counts a use of each use-limited grant in the chain, with the decision's event, in one unit of work. */
    private Optional<Recorded> consumeUses(AccessRequest request, Verdict verdict, AuditEvent draft, Instant now) {
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
                    GrantTransitions.use(c, fresh, "used by decision " + draft.id());
                }
                c.record(draft);
                return new Stored(decision(request, true, DecisionReason.GRANTED, ids, draft.id(), now));
            });
            recordUse(verdict.grants(), now);
            return Optional.of(recorded);
        } catch (UseLimitReached e) {
            // The index may not hold the committed state that beat this decision yet: give it the
            // state read, so the next evaluation sees the grant as spent (or ended) and names the
            // reason that state has, as every later decision will.
            kernel.index().putGrant(e.fresh);
            return Optional.empty();
        } catch (StewardException e) {
            LOG.error("use of a limited grant by {} could not be recorded; denied", request.identity(), e);
            return Optional.of(new Unrecorded(decision(request, false, DecisionReason.ERROR, List.of(), draft.id(),
                    now)));
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
            DecisionReason reason, List<GrantId> grants, Map<String, String> facts) {
        StringBuilder joined = new StringBuilder();
        for (GrantId g : grants) {
            joined.append(joined.length() == 0 ? "" : ",").append(g.value());
        }
        Map<String, String> details = Map.of("action", audited(request.action()), "grants", joined.toString());
        if (!facts.isEmpty()) {
            details = new HashMap<>(details);
            details.putAll(facts);
        }
        return new AuditEvent(0, id, now, AuditAction.ACCESS_DECIDED, outcome, request.identity(),
                request.onBehalfOf(), "resource", audited(request.resource()), reason.name(),
                request.correlationId().map(Authorizer::audited), details, "", "");
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
