package dev.steward.bench;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.authz.DecisionReason;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Steward.authorize} on one thread, allowed and denied, with decision events buffered to
 * the in-memory store. The subject holds {@code grantsPerIdentity} grants among
 * {@code totalGrants}; with {@code depth} 2 it is a sub-agent acting for an agent acting for a
 * human (each link holding its own grants), with {@code depth} 0 a human acting on its own
 * account. Invalid combinations are clamped as {@link GrantPlan} documents.
 *
 * <p>Each benchmark also counts, as the secondary result {@code refused}, the decisions that came
 * back as a deny with reason {@code ERROR}: core refuses a decision (fails closed) when its
 * buffered audit queue is full, and such a decision is not the one this benchmark means to
 * measure. A non-zero count is a finding about core, not noise.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthorizeBenchmark {
    /** Grants the subject (and each link of its chain) holds; at most {@code totalGrants}. */
    @Param({"10", "1000"})
    public int grantsPerIdentity;

    /** Grants in the store, the subject's included. */
    @Param({"10", "100000"})
    public int totalGrants;

    /** Links of the delegation chain behind the subject: 0 for a human acting for itself, 2 for a sub-agent. */
    @Param({"0", "2"})
    public int depth;

    private StewardWorld world;
    private AccessRequest allowed;
    private AccessRequest denied;

    /** Builds the identities and grants through the API, once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        world = StewardWorld.build(GrantPlan.of(grantsPerIdentity, totalGrants, depth));
        allowed = world.allowed();
        denied = world.denied();
        System.out.printf("setup: %s in %.1f s%n", world.plan(), world.setupTime().toMillis() / 1000.0);
    }

    /** Closes the Steward: stores the buffered events and signs a last checkpoint. */
    @TearDown(Level.Trial)
    public void tearDown() {
        world.close();
    }

    /** Decisions refused because their audit event could not be queued, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Refusals {
        /** Decisions that came back as a deny with reason {@code ERROR}. */
        public long refused;

        /** Starts each iteration's count at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            refused = 0;
        }

        Decision count(Decision d) {
            if (d.reason() == DecisionReason.ERROR) {
                refused++;
            }
            return d;
        }
    }

    /**
     * @param refusals counts refused decisions
     * @return a decision that a grant (at every link) covers
     */
    @Benchmark
    public Decision allowed(Refusals refusals) {
        return refusals.count(world.steward().authorize(allowed));
    }

    /**
     * @param refusals counts refused decisions
     * @return a decision that no grant covers
     */
    @Benchmark
    public Decision denied(Refusals refusals) {
        return refusals.count(world.steward().authorize(denied));
    }
}
