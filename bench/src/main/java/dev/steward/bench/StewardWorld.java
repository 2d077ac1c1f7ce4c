package dev.steward.bench;

import dev.steward.Steward;
import dev.steward.audit.AuditSigners;
import dev.steward.audit.DecisionAuditMode;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import dev.steward.spi.GovernanceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A Steward on the in-memory store (or another) holding a {@link GrantPlan}, set up through the public API the
 * way a host would: people registered by HR, agents registered by their owner and approved by
 * another person, every grant requested by HR and approved by a person who is neither requester
 * nor grantee. Decision events are buffered ({@link DecisionAuditMode#BUFFERED}); the clock is
 * fixed.
 */
public final class StewardWorld implements AutoCloseable {
    /** The fixed instant every decision is made at. */
    public static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    private static final Actor HR = Actor.system("hr");
    private static final Duration GRANT_LIFETIME = Duration.ofDays(30);

    private final Steward steward;
    private final GrantPlan plan;
    private final AccessRequest allowed;
    private final AccessRequest denied;
    private final Duration setupTime;

    private StewardWorld(Steward steward, GrantPlan plan, AccessRequest allowed, AccessRequest denied,
            Duration setupTime) {
        this.steward = steward;
        this.plan = plan;
        this.allowed = allowed;
        this.denied = denied;
        this.setupTime = setupTime;
    }

    /**
     * Builds the world and checks that the allowed request is allowed and the denied one denied.
     *
     * @param plan who holds what
     * @return the world, ready to decide
     */
    public static StewardWorld build(GrantPlan plan) {
        return build(plan, InMemoryStore.create());
    }

    /**
     * Builds the world on a given store and checks it as {@link #build(GrantPlan)} does.
     *
     * @param plan who holds what
     * @param store the store, empty
     * @return the world, ready to decide
     */
    public static StewardWorld build(GrantPlan plan, GovernanceStore store) {
        long start = System.nanoTime();
        Steward steward = Steward.builder()
                .store(store)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .decisionAudit(DecisionAuditMode.BUFFERED)
                .auditSigner(AuditSigners.generateEd25519())
                .build();
        try {
            Identity approver = steward.identities().register(IdentitySpec.human("approver@acme.example"), HR);
            Identity human = steward.identities().register(IdentitySpec.human("alice@acme.example"), HR);
            grantAll(steward, human, null, plan.perIdentity(), approver);
            AccessRequest allowed;
            AccessRequest denied;
            if (plan.chainLinks() == 1) {
                allowed = AccessRequest.of(human.id(), plan.requestAction(), plan.allowedResource());
                denied = AccessRequest.of(human.id(), plan.requestAction(), plan.deniedResource());
            } else {
                Identity agent = steward.identities().register(IdentitySpec.agent("assistant").owner(human.id())
                        .expiresIn(Duration.ofDays(30)).purpose("code review for alice"), human.asActor());
                agent = steward.identities().approve(agent.id(), approver.asActor(), "CHG-1");
                Identity sub = steward.identities().register(IdentitySpec.agent("assistant-sub").owner(human.id())
                        .parent(agent.id()).expiresIn(Duration.ofDays(1)).purpose("one review"), agent.asActor());
                sub = steward.identities().approve(sub.id(), approver.asActor(), "CHG-2");
                grantAll(steward, agent, human.id(), plan.perIdentity(), approver);
                grantAll(steward, sub, agent.id(), plan.perIdentity(), approver);
                allowed = AccessRequest.of(sub.id(), plan.requestAction(), plan.allowedResource())
                        .onBehalfOf(agent.id(), human.id());
                denied = AccessRequest.of(sub.id(), plan.requestAction(), plan.deniedResource())
                        .onBehalfOf(agent.id(), human.id());
            }
            for (int b = 0; b < plan.backgroundIdentities(); b++) {
                Identity colleague = steward.identities().register(
                        IdentitySpec.human("user-" + b + "@acme.example"), HR);
                grantAll(steward, colleague, null, plan.grantsOfBackground(b), approver);
            }
            // Apply the background poll's view now, so that no catch-up runs while measuring.
            steward.refresh();
            steward.audit().flush();
            // Collect the set-up's garbage now rather than in the first measured iterations.
            System.gc();
            StewardWorld world = new StewardWorld(steward, plan, allowed, denied,
                    Duration.ofNanos(System.nanoTime() - start));
            world.check();
            return world;
        } catch (RuntimeException | Error e) {
            steward.close();
            throw e;
        }
    }

    private static void grantAll(Steward steward, Identity grantee, IdentityId delegator, int count,
            Identity approver) {
        for (int i = 0; i < count; i++) {
            GrantSpec spec = GrantSpec.to(grantee.id()).allow(GrantPlan.action(i)).on(GrantPlan.pattern(i))
                    .validFor(GRANT_LIFETIME).justification("BENCH-" + i);
            if (delegator != null) {
                spec.delegatedBy(delegator);
            }
            Grant requested = steward.grants().request(spec, HR);
            steward.grants().approve(requested.id(), approver.asActor(), "CHG-" + i);
        }
    }

    private void check() {
        Decision yes = steward.authorize(allowed);
        if (!yes.allowed()) {
            throw new IllegalStateException("the allowed request was denied: " + yes.reason() + " (" + plan + ")");
        }
        if (yes.matchedGrants().size() != plan.chainLinks()) {
            throw new IllegalStateException("expected one grant per link, got " + yes.matchedGrants());
        }
        Decision no = steward.authorize(denied);
        DecisionReason expected = plan.chainLinks() == 1 ? DecisionReason.NO_MATCHING_GRANT
                : DecisionReason.NOT_DELEGATED;
        if (no.allowed() || no.reason() != expected) {
            throw new IllegalStateException("the denied request gave " + no.reason() + ", expected " + expected);
        }
    }

    /** @return the Steward */
    public Steward steward() {
        return steward;
    }

    /** @return the plan it holds */
    public GrantPlan plan() {
        return plan;
    }

    /** @return a request some grant covers (every link's, with a chain) */
    public AccessRequest allowed() {
        return allowed;
    }

    /** @return a request no grant of the subject covers */
    public AccessRequest denied() {
        return denied;
    }

    /** @return how long {@link #build(GrantPlan)} took */
    public Duration setupTime() {
        return setupTime;
    }

    @Override
    public void close() {
        steward.close();
    }
}
