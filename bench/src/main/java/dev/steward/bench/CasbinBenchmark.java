package dev.steward.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The baseline to beat: jCasbin's {@code Enforcer.enforce(sub, obj, act)} over the same policies
 * as {@link AuthorizeBenchmark} at depth 0 (jCasbin has no delegation chains), with its logging
 * off. Parameters as in {@link AuthorizeBenchmark}, clamped the same way.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CasbinBenchmark {
    /** Grants the subject holds; at most {@code totalGrants}. */
    @Param({"10", "1000"})
    public int grantsPerIdentity;

    /** Policies in the enforcer, the subject's included. */
    @Param({"10", "100000"})
    public int totalGrants;

    private CasbinWorld world;

    /** Loads the policies, once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        long start = System.nanoTime();
        world = CasbinWorld.build(GrantPlan.of(grantsPerIdentity, totalGrants, 0));
        System.out.printf("setup: jCasbin, %s, in %.1f s%n", world.plan(), (System.nanoTime() - start) / 1e9);
    }

    /** @return an allow */
    @Benchmark
    public boolean allowed() {
        return world.allowed();
    }

    /** @return a deny */
    @Benchmark
    public boolean denied() {
        return world.denied();
    }
}
