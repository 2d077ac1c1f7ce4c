package dev.steward.examples;

import dev.steward.GovernanceRule;
import dev.steward.PolicyViolationException;
import dev.steward.Steward;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditOutcome;
import dev.steward.authz.AccessDeniedException;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.authz.ToolCall;
import dev.steward.authz.ToolCallGuard;
import dev.steward.grant.GrantId;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.OrphanPolicy;
import dev.steward.memory.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the stories share: one {@link Steward} on the in-memory store, a clock moved by hand, and
 * the HR system that registers and retires people. Build one, run the stories on it in order,
 * close it.
 */
public final class World implements AutoCloseable {
    /** The host's HR feed: it registers people when they join and retires them when they leave. */
    public static final Actor HR = Actor.system("hr");
    /** How long an agent whose owner left keeps working before it is cut off. */
    public static final Duration ORPHAN_GRACE = Duration.ofDays(3);

    private static final int PAGE = 10_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final Steward steward = Steward.builder()
            .store(InMemoryStore.create())
            .clock(clock)
            .orphanPolicy(OrphanPolicy.suspendAfter(ORPHAN_GRACE))
            .checkpointInterval(16)
            .build();

    /** @return the shared Steward */
    public Steward steward() {
        return steward;
    }

    /** @return the clock every rule is evaluated against */
    public MutableClock clock() {
        return clock;
    }

    /**
     * @param email the person's email address
     * @return the person, registered by HR and active at once
     */
    public Identity person(String email) {
        return steward.identities().register(IdentitySpec.human(email), HR);
    }

    /**
     * @param id an identity id, or a {@code system:} id
     * @return the identity's name, or the id itself for the host system
     */
    public String nameOf(IdentityId id) {
        return id.isSystem() ? id.value() : steward.identities().find(id).map(Identity::name).orElse(id.value());
    }

    /**
     * Runs one tool call through the guard and reports how it was decided: from the
     * {@link AccessDeniedException} when denied, from the audit trail of the call when allowed.
     *
     * @param guard the guard of the calling identity
     * @param action the action the tool performs
     * @param resource the resource it touches
     * @param toolCallId the caller's id for the call
     * @param tool the tool itself
     * @return the outcome
     */
    public ToolCallOutcome call(ToolCallGuard guard, String action, String resource, String toolCallId,
            ToolCall<String, RuntimeException> tool) {
        try {
            String output = guard.call(action, resource, toolCallId, tool);
            AuditEvent decided = trail(toolCallId).stream()
                    .filter(e -> e.action() == AuditAction.ACCESS_DECIDED)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no decision recorded for " + toolCallId));
            List<GrantId> grants = Arrays.stream(decided.details().getOrDefault("grants", "").split(","))
                    .filter(s -> !s.isEmpty()).map(GrantId::of).toList();
            return new ToolCallOutcome(toolCallId, action, resource, decided.outcome() == AuditOutcome.ALLOWED,
                    DecisionReason.valueOf(decided.reason()), grants, decided.id(), Optional.of(output));
        } catch (AccessDeniedException e) {
            Decision d = e.decision();
            return new ToolCallOutcome(toolCallId, action, resource, false, d.reason(), d.matchedGrants(),
                    d.auditEventId(), Optional.empty());
        }
    }

    /**
     * @param toolCallId a tool-call id
     * @return every audit event recorded with that id, in chain order
     */
    public List<AuditEvent> trail(String toolCallId) {
        List<AuditEvent> found = new ArrayList<>();
        long from = 0;
        while (true) {
            List<AuditEvent> page = steward.audit().read(from, PAGE);
            page.stream().filter(e -> e.correlationId().filter(toolCallId::equals).isPresent()).forEach(found::add);
            if (page.size() < PAGE) {
                return found;
            }
            from += page.size();
        }
    }

    /**
     * @param change a change Steward is expected to refuse
     * @return the governance rule it was refused under
     * @throws IllegalStateException if the change went through
     */
    public static GovernanceRule refusedUnder(Runnable change) {
        try {
            change.run();
        } catch (PolicyViolationException e) {
            return e.rule();
        }
        throw new IllegalStateException("the change was expected to be refused");
    }

    /** Stops Steward's background work and signs a final audit checkpoint. */
    @Override
    public void close() {
        steward.close();
    }
}
