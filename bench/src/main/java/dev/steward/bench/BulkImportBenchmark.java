package dev.steward.bench;

import dev.steward.Steward;
import dev.steward.audit.AuditSigners;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.identity.IdentityStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A bulk import through the public API into an empty database: {@code identities} service
 * accounts, each registered by its owner and approved by another person, with five grants each,
 * requested by HR and approved: twelve audited changes per account, {@value #BATCH} accounts per
 * unit of work ({@link Steward#atomically}). One shot per iteration; the target for 100,000
 * accounts on PostgreSQL is under 60 seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkImportBenchmark {
    /** Accounts per unit of work. */
    public static final int BATCH = 500;
    private static final int GRANTS = 5;
    private static final Actor HR = Actor.system("hr");

    /** The database imported into, a {@link dev.steward.jdbc.JdbcDialect} name. */
    @Param({"POSTGRESQL", "H2", "MARIADB"})
    public String dialect;

    /** Service accounts imported per iteration. */
    @Param({"100000"})
    public int identities;

    private BenchDatabase database;
    private Steward steward;
    private Identity owner;
    private Identity approver;

    /** A fresh, empty database for each shot. */
    @Setup(Level.Iteration)
    public void setUp() {
        database = BenchDatabase.open(dialect);
        steward = Steward.builder().store(database.store()).auditSigner(AuditSigners.generateEd25519()).build();
        owner = steward.identities().register(IdentitySpec.human("owner@acme.example"), HR);
        approver = steward.identities().register(IdentitySpec.human("approver@acme.example"), HR);
    }

    /** Checks the import is complete, then drops the database. */
    @TearDown(Level.Iteration)
    public void tearDown() {
        try {
            long active = steward.grants().query(dev.steward.grant.GrantQuery.all().limit(1)).items().size();
            if (active == 0) {
                throw new IllegalStateException("the import stored no grant");
            }
        } finally {
            steward.close();
            database.close();
        }
    }

    /** @return the last account imported */
    @Benchmark
    public Identity importAll() {
        Identity last = null;
        for (int from = 0; from < identities; from += BATCH) {
            int start = from;
            int end = Math.min(identities, from + BATCH);
            last = steward.atomically(() -> {
                Identity account = null;
                for (int i = start; i < end; i++) {
                    account = importOne(i);
                }
                return account;
            });
        }
        if (last == null || last.status() != IdentityStatus.ACTIVE) {
            throw new IllegalStateException("the last account was not imported active");
        }
        return last;
    }

    private Identity importOne(int i) {
        Identity account = steward.identities().register(IdentitySpec.service("svc-" + i).owner(owner.id())
                .purpose("imported service account " + i), owner.asActor());
        account = steward.identities().approve(account.id(), approver.asActor(), "IMPORT-" + i);
        for (int g = 0; g < GRANTS; g++) {
            Grant requested = steward.grants().request(GrantSpec.to(account.id()).allow(GrantPlan.action(g))
                    .on(GrantPlan.pattern(i * GRANTS + g)).justification("imported"), HR);
            steward.grants().approve(requested.id(), approver.asActor(), "IMPORT-" + i);
        }
        return account;
    }
}
