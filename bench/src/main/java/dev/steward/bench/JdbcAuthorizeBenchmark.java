package dev.steward.bench;

import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.memory.InMemoryStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code authorize} on an instance whose store is a database, against the same world on the
 * in-memory store in the same run: the decision index serves decisions, so the target is within
 * 1.5 times the in-memory figure. Decision events are buffered and written to the store in the
 * background, as a host serving many decisions would configure it.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcAuthorizeBenchmark {
    /** {@code MEMORY} is the baseline; the others are {@link dev.steward.jdbc.JdbcDialect} names. */
    @Param({"MEMORY", "POSTGRESQL", "H2", "MARIADB"})
    public String store;

    /** Grants in the store, the subject's ten included. */
    @Param({"1000"})
    public int totalGrants;

    private BenchDatabase database;
    private StewardWorld world;
    private AccessRequest allowed;

    /** Builds 1,000 grants among 100 people through the API, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        GrantPlan plan = GrantPlan.of(10, totalGrants, 0);
        if (store.equals("MEMORY")) {
            world = StewardWorld.build(plan, InMemoryStore.create());
        } else {
            database = BenchDatabase.open(store);
            world = StewardWorld.build(plan, database.store());
        }
        allowed = world.allowed();
    }

    /** Closes the Steward and drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        world.close();
        if (database != null) {
            database.close();
        }
    }

    /** @return an allowed decision */
    @Benchmark
    public Decision authorizeAllowed() {
        return world.steward().authorize(allowed);
    }
}
