package dev.steward.bench;

import dev.steward.Steward;
import dev.steward.audit.AuditSigners;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Units of work per second on a JDBC store: each unit registers a person and gives them an approved
 * grant (three changes by three actors, three audit events, one transaction through
 * {@link Steward#atomically}). Run with two threads by {@link RunJdbcBenchmarks}; the target on
 * PostgreSQL is at least 1,500 units per second. Every unit appends to the one audit chain, so
 * units commit one at a time, and with durable commits each waits for its own WAL flush; the
 * {@value BenchDatabase#POSTGRESQL_ASYNC_COMMIT} case shows the figure without that wait.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcWriteBenchmark {
    private static final Actor HR = Actor.system("hr");

    /** A {@link dev.steward.jdbc.JdbcDialect} name, or {@value BenchDatabase#POSTGRESQL_ASYNC_COMMIT}. */
    @Param({"POSTGRESQL", "POSTGRESQL_ASYNC_COMMIT", "H2", "MARIADB"})
    public String dialect;

    private final AtomicLong sequence = new AtomicLong();
    private BenchDatabase database;
    private Steward steward;
    private Identity approver;

    /** A fresh database and a Steward on it, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.open(dialect);
        steward = Steward.builder().store(database.store()).auditSigner(AuditSigners.generateEd25519()).build();
        approver = steward.identities().register(IdentitySpec.human("approver@acme.example"), HR);
    }

    /** Closes the Steward and drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        steward.close();
        database.close();
    }

    /** @return the grant made active in one unit of work */
    @Benchmark
    public Grant registerAndGrant() {
        long n = sequence.incrementAndGet();
        return steward.atomically(() -> {
            Identity person = steward.identities().register(IdentitySpec.human("user-" + n + "@acme.example"), HR);
            Grant requested = steward.grants().request(GrantSpec.to(person.id()).allow("repo:read")
                    .on("github:acme/repo-" + n + "/**").validFor(Duration.ofDays(30)).justification("onboarding"), HR);
            return steward.grants().approve(requested.id(), approver.asActor(), "CHG-" + n);
        });
    }
}
