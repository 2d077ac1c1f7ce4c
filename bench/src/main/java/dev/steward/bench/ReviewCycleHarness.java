package dev.steward.bench;

import dev.steward.Steward;
import dev.steward.authz.EnforcementMode;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantId;
import dev.steward.grant.GrantStatus;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Actor;
import dev.steward.identity.Approval;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.identity.IdentityStatus;
import dev.steward.memory.InMemoryStore;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewItemKind;
import dev.steward.spi.EntityType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Opens one access-review cycle over every grant of an in-memory store and reports its wall time
 * and heap: a plain main rather than JMH, since opening a cycle over a million grants is a
 * single-shot operation of seconds (JMH's single-shot mode adds nothing but forks).
 *
 * <p>The store is seeded directly through the SPI (one unit of work per 10,000 grants), not through
 * the services, so that set-up does not write two million audit events: {@code grants / 10}
 * identities, one in ten a person and the rest agents and service accounts owned by those people,
 * ten active grants each over 1,000 shared resource patterns. Then a {@link Steward} starts on it
 * (loading every grant into its decision index) and the measured call is
 * {@code reviews().open(...)} of a campaign over all grants: snapshot, reviewer assignment (owners
 * for non-human holders, the fallback for people), the items' batch insert and the audit event.
 *
 * <p>Heap: after the set-up the heap is collected and its use recorded ({@code heapBefore}); the
 * peak of every heap pool is reset, the cycle opened, and the sum of the pools' peaks read
 * ({@code peakHeap}, an upper bound of the heap in use at any moment of the run, world included);
 * then collected again ({@code heapAfter}, what the cycle's items keep). Run it with
 * {@code -Xmx2g} to prove the whole run fits in 2 GiB.
 *
 * <p>System properties: {@code bench.reviewSizes} (grants per run, {@code 100000,1000000}),
 * {@code bench.results} ({@code bench/results}), {@code bench.name} ({@code reviews}).
 */
public final class ReviewCycleHarness {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final int GRANTS_PER_IDENTITY = 10;
    private static final int PATTERNS = 1000;
    private static final int UNIT = 10_000;

    private ReviewCycleHarness() {
    }

    /**
     * What one run measured.
     *
     * @param grants grants in the store
     * @param identities identities holding them
     * @param items items the cycle snapshotted
     * @param openMillis wall time of {@code open}
     * @param setupMillis wall time of seeding the store and starting Steward
     * @param heapBefore heap in use after set-up, collected
     * @param peakHeap sum of the heap pools' peaks while opening
     * @param heapAfter heap in use after opening, collected
     * @param maxHeap the JVM's maximum heap
     */
    public record Result(int grants, int identities, long items, long openMillis, long setupMillis, long heapBefore,
            long peakHeap, long heapAfter, long maxHeap) {
        /** @return the result as a JSON object */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"grants\": %d, \"identities\": %d, \"items\": %d, "
                    + "\"openMillis\": %d, \"setupMillis\": %d, \"heapBeforeBytes\": %d, \"peakHeapBytes\": %d, "
                    + "\"heapAfterBytes\": %d, \"maxHeapBytes\": %d}", grants, identities, items, openMillis,
                    setupMillis, heapBefore, peakHeap, heapAfter, maxHeap);
        }
    }

    /**
     * @param args ignored; see the class comment for the system properties
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws IOException {
        List<Result> results = new ArrayList<>();
        for (String size : System.getProperty("bench.reviewSizes", "100000,1000000").split(",")) {
            Result r = run(Integer.parseInt(size.trim()));
            results.add(r);
            System.out.println(row(r));
        }
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Path out = dir.resolve(System.getProperty("bench.name", "reviews") + ".json");
        List<String> json = new ArrayList<>();
        results.forEach(r -> json.add("  " + r.toJson()));
        Files.writeString(out, "{\"jvm\": \"" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + "\", \"processors\": "
                + Runtime.getRuntime().availableProcessors() + ",\n \"runs\": [\n" + String.join(",\n", json)
                + "\n]}\n", StandardCharsets.UTF_8);
        System.out.println("results: " + out.toAbsolutePath());
    }

    /** @return a Markdown table row of a result */
    static String row(Result r) {
        return String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d ms | %,d MiB | %,d MiB | %,d MiB | %,d MiB |",
                r.grants(), r.identities(), r.items(), r.openMillis(), r.heapBefore() >> 20, r.peakHeap() >> 20,
                r.heapAfter() >> 20, r.maxHeap() >> 20);
    }

    /**
     * @param grants grants in the store, a multiple of 10 (rounded down)
     * @return what opening a cycle over them measured
     */
    public static Result run(int grants) {
        long setupStart = System.nanoTime();
        int identities = Math.max(1, grants / GRANTS_PER_IDENTITY);
        InMemoryStore store = InMemoryStore.create();
        List<Identity> people = seed(store, identities);
        try (Steward steward = Steward.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
            long setupMillis = (System.nanoTime() - setupStart) / 1_000_000;
            long before = collectedHeap();
            List<MemoryPoolMXBean> pools = new ArrayList<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                    pool.resetPeakUsage();
                    pools.add(pool);
                }
            }
            long start = System.nanoTime();
            ReviewCycle cycle = steward.reviews().open(ReviewCycleSpec.named("all grants").items(ReviewItemKind.GRANT)
                    .fallbackReviewer(people.get(0).id()), Actor.system("bench"));
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            long peak = 0;
            for (MemoryPoolMXBean pool : pools) {
                peak += pool.getPeakUsage().getUsed();
            }
            long after = collectedHeap();
            if (cycle.itemCount() != (long) identities * GRANTS_PER_IDENTITY) {
                throw new IllegalStateException("expected one item per grant, got " + cycle.itemCount());
            }
            return new Result(identities * GRANTS_PER_IDENTITY, identities, cycle.itemCount(), openMillis, setupMillis,
                    before, peak, after, Runtime.getRuntime().maxMemory());
        }
    }

    private static long collectedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Seeds identities and their grants; returns the people. */
    private static List<Identity> seed(InMemoryStore store, int count) {
        IdentityId hr = IdentityId.of("system:hr");
        Approval approval = new Approval(IdentityId.of("approver"), "BENCH", NOW);
        List<Identity> people = new ArrayList<>();
        List<Identity> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean person = i % 10 == 0;
            IdentityKind kind = person ? IdentityKind.HUMAN : i % 2 == 0 ? IdentityKind.AGENT : IdentityKind.SERVICE;
            Optional<IdentityId> owner = person ? Optional.empty() : Optional.of(people.get(people.size() - 1).id());
            Identity identity = Identity.builder().id(IdentityId.of("id-" + i)).kind(kind).name("identity-" + i)
                    .status(IdentityStatus.ACTIVE).owner(owner).environment("prod")
                    .purpose(person ? "employee" : "automation").createdBy(hr).createdAt(NOW)
                    .expiresAt(kind == IdentityKind.AGENT ? Optional.of(NOW.plus(Duration.ofDays(30)))
                            : Optional.empty())
                    .approval(person ? Optional.empty() : Optional.of(approval))
                    .enforcementMode(EnforcementMode.ENFORCE).statusReason("registered").updatedAt(NOW).build();
            all.add(identity);
            if (person) {
                people.add(identity);
            }
        }
        List<ResourcePattern> patterns = new ArrayList<>(PATTERNS);
        for (int p = 0; p < PATTERNS; p++) {
            patterns.add(ResourcePattern.parse("github:acme/repo-" + p + "/**"));
        }
        Set<String> actions = Set.of("repo:read");
        Optional<Instant> until = Optional.of(NOW.plus(Duration.ofDays(30)));
        Optional<Approval> approved = Optional.of(approval);
        for (int from = 0; from < count; from += UNIT / GRANTS_PER_IDENTITY) {
            List<Identity> unit = all.subList(from, Math.min(count, from + UNIT / GRANTS_PER_IDENTITY));
            store.transact(tx -> {
                for (Identity identity : unit) {
                    tx.table(EntityType.IDENTITY).insert(identity);
                    for (int g = 0; g < GRANTS_PER_IDENTITY; g++) {
                        tx.table(EntityType.GRANT).insert(Grant.builder().id(GrantId.random()).grantee(identity.id())
                                .actions(actions)
                                .resource(patterns.get(Math.floorMod(identity.id().hashCode() + g, PATTERNS)))
                                .validFrom(NOW).validUntil(until).justification("bench").requestedBy(hr)
                                .requestedAt(NOW).approval(approved).status(GrantStatus.ACTIVE)
                                .statusReason("approved").updatedAt(NOW).build());
                    }
                }
                return null;
            });
        }
        return people;
    }
}
