package dev.steward;

import static org.quicktheories.QuickTheory.qt;

import dev.steward.GovernanceStep.Advance;
import dev.steward.GovernanceStep.Approve;
import dev.steward.GovernanceStep.ApproveGrant;
import dev.steward.GovernanceStep.Authorize;
import dev.steward.GovernanceStep.Delegate;
import dev.steward.GovernanceStep.DenyGrant;
import dev.steward.GovernanceStep.OwnerLeaves;
import dev.steward.GovernanceStep.RegisterHuman;
import dev.steward.GovernanceStep.RegisterNonHuman;
import dev.steward.GovernanceStep.Reject;
import dev.steward.GovernanceStep.RequestGrant;
import dev.steward.GovernanceStep.Resume;
import dev.steward.GovernanceStep.Retire;
import dev.steward.GovernanceStep.RevokeGrant;
import dev.steward.GovernanceStep.Suspend;
import dev.steward.GovernanceStep.Sweep;
import dev.steward.GovernanceStep.Transfer;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Random sequences of governance operations over a small universe of identities, resources and
 * actions, applied through the public API. After every step the stored state keeps the lifecycle
 * and time-bound invariants, every decision agrees with an independent brute-force model
 * ({@link AccessOracle}) and names only grants that were usable, and at the end the audit log
 * verifies and records every decision. A refused operation (a {@link StewardException}) is part
 * of the game; any other exception fails the property.
 */
class GovernancePropertiesTest {
    /** Sequences per property; raise with -Dsteward.properties.sequences=5000 for a longer search. */
    private static final int SEQUENCES = Integer.getInteger("steward.properties.sequences", 200);
    private static final int MAX_STEPS = 40;
    private static final int LEAVER_SEQUENCES = SEQUENCES / 2;
    /** Three non-humans owned by alice, bob and carol, each with a grant that lasts, one delegated. */
    private static final List<GovernanceStep> LEAVER_SETUP = List.of(
            new RegisterNonHuman(0, 0, 0, 4, 0, -1, true, 1),
            new RegisterNonHuman(1, 1, -1, 0, 1, -1, true, 0),
            new RegisterNonHuman(2, 2, -1, 0, 0, -1, true, 0),
            new RequestGrant(3, 0, 2, 4, -1, -1, 0, -1, true, 1, 0),
            new RequestGrant(4, 0, 4, 0, -1, -1, 0, -1, true, 0, 0),
            new RequestGrant(5, 1, 0, 0, -1, -1, 0, -1, true, 0, 0),
            new Delegate(3, 0, 0, 2, 1, 4, 1));

    /** The shortest failing sequence QuickTheories tried, for {@link #minimized}. */
    private static final AtomicReference<List<GovernanceStep>> SHORTEST_FAILURE = new AtomicReference<>();

    @Test
    @DisplayName("random operation sequences keep every invariant, and authorize() agrees with the model")
    void invariantsHold() {
        minimized(() -> qt().withExamples(SEQUENCES).withShrinkCycles(300)
                .forAll(SourceDSL.lists().of(step()).ofSizeBetween(1, MAX_STEPS))
                .checkAssert(GovernancePropertiesTest::run));
    }

    /** Owners who leave, return, hand over; orphans that outlive their grace period; the sweep. */
    @Test
    @DisplayName("leavers: orphans are cut off after the grace period, and authorize() agrees with the model")
    void leaversAndOrphans() {
        minimized(() -> qt().withExamples(LEAVER_SEQUENCES).withShrinkCycles(300)
                .forAll(SourceDSL.lists().of(leaverStep()).ofSizeBetween(1, MAX_STEPS / 2)
                        .map(steps -> concat(LEAVER_SETUP, steps)))
                .checkAssert(GovernancePropertiesTest::run));
    }

    static void run(List<GovernanceStep> steps) {
        try {
            runOnce(steps);
        } catch (AssertionError | RuntimeException e) {
            SHORTEST_FAILURE.accumulateAndGet(steps, (a, b) -> a == null || b.size() < a.size() ? b : a);
            throw e;
        }
    }

    /**
     * Runs a property; if it fails, removes steps from the shortest failing sequence for as long
     * as it still fails the same way (delta debugging), and reports that minimal sequence with the
     * log of what each step did.
     */
    private static void minimized(Runnable property) {
        SHORTEST_FAILURE.set(null);
        try {
            property.run();
        } catch (AssertionError e) {
            List<GovernanceStep> steps = SHORTEST_FAILURE.get();
            if (steps == null) {
                throw e;
            }
            String kind = failureOf(steps);
            if (kind.equals("passes")) {
                throw new AssertionError("the failing sequence passes when run again (a timing-dependent failure?): "
                        + steps, e);
            }
            boolean shrunk = true;
            while (shrunk) {
                shrunk = false;
                for (int chunk = Math.max(1, steps.size() / 2); chunk >= 1; chunk /= 2) {
                    for (int at = 0; at + chunk <= steps.size();) {
                        List<GovernanceStep> candidate = new java.util.ArrayList<>(steps.subList(0, at));
                        candidate.addAll(steps.subList(at + chunk, steps.size()));
                        if (kind.equals(failureOf(candidate))) {
                            steps = candidate;
                            shrunk = true;
                        } else {
                            at += chunk;
                        }
                    }
                }
            }
            String report;
            try {
                runOnce(steps);
                report = "(the minimal sequence no longer fails on its own)";
            } catch (AssertionError | RuntimeException minimal) {
                report = minimal.toString();
            }
            throw new AssertionError("minimal failing sequence, " + steps.size() + " steps " + steps + "\n" + report, e);
        }
    }

    /** @return what kind of failure a sequence ends in: the exception type and the broken rule's words */
    private static String failureOf(List<GovernanceStep> steps) {
        try {
            runOnce(steps);
            return "passes";
        } catch (AssertionError | RuntimeException e) {
            String first = String.valueOf(e.getMessage()).split("\n", 2)[0];
            String reason = first.contains("reason=") ? first.replaceAll(".*reason=([A-Z_]+).*", " $1") : "";
            return e.getClass().getName() + ": " + first.replaceAll("Decision\\[.*|\\{.*|Grant\\[.*", "")
                    .replaceAll("#\\d+|g\\d+|[0-9a-f-]{36}|\\d+", "_") + reason;
        }
    }

    static void runOnce(List<GovernanceStep> steps) {
        try (GovernanceWorld w = new GovernanceWorld()) {
            for (GovernanceStep s : steps) {
                s.apply(w);
                w.checkInvariants();
            }
            w.checkAudit();
        }
    }

    @AfterAll
    static void report() {
        System.out.println("GovernancePropertiesTest: " + new TreeMap<>(GovernanceWorld.STATS));
    }

    // --- generators -------------------------------------------------------------------------------

    /** Indices into what the run has created; small, so steps keep meeting the same few entities. */
    private static Gen<Integer> index() {
        return Generate.range(0, 7);
    }

    /** An actor: mostly an identity, sometimes the host system (-1). */
    private static Gen<Integer> actor() {
        return Generate.frequency(Pair.of(1, Generate.constant(-1)), Pair.of(4, index()));
    }

    private static Gen<Integer> optional(Gen<Integer> value) {
        return Generate.frequency(Pair.of(1, Generate.constant(-1)), Pair.of(1, value));
    }

    /** Mostly one of the three humans every run starts with, sometimes any identity. */
    private static int human(int a) {
        return a % 5 == 0 ? a % 8 : a % 3;
    }

    private static Gen<int[]> ints(int n) {
        return Generate.intArrays(Generate.constant(n), Generate.range(0, 1000));
    }

    private static <T> Gen<T> of(int n, Function<int[], T> make) {
        return ints(n).map(make);
    }

    private static Gen<GovernanceStep> leaverStep() {
        Gen<GovernanceStep> authorize = of(4, a -> new Authorize(true, a[0] % 8, a[1], a[2], List.of(),
                a[3] % 3 == 0 ? a[3] : -1));
        return Generate.frequency(List.of(
                Pair.of(5, index().zip(Generate.booleans(), OwnerLeaves::new)),
                Pair.of(5, Generate.range(0, 5).map(Advance::new)),
                Pair.of(2, Generate.constant(new Sweep())),
                Pair.of(2, index().zip(index().map(GovernancePropertiesTest::human), actor(), Transfer::new)),
                Pair.of(2, index().zip(actor(), Resume::new)),
                Pair.of(1, index().zip(actor(), Suspend::new)),
                Pair.of(1, of(2, a -> new RegisterHuman(a[0], a[1]))),
                Pair.of(10, authorize)));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Gen<GovernanceStep> step() {
        Gen<GovernanceStep> registerHuman = of(2, a -> new RegisterHuman(a[0], a[1]));
        Gen<GovernanceStep> registerNonHuman = of(8, a -> new RegisterNonHuman(a[0] % 2 == 0 ? a[0] : 0, a[1] % 8,
                a[2] % 5 == 0 ? -1 : a[2] % 5 == 1 ? -2 : a[1] % 8, 1 + a[3] % 5 + (a[3] % 13 == 0 ? -1 : 0), a[4],
                a[5] % 6 == 0 ? a[5] % 8 : -1, a[6] % 4 != 0, human(a[7])));
        Gen<GovernanceStep> approve = index().zip(index().map(GovernancePropertiesTest::human), Approve::new);
        Gen<GovernanceStep> reject = index().zip(index(), Reject::new);
        Gen<GovernanceStep> suspend = index().zip(actor(), Suspend::new);
        Gen<GovernanceStep> resume = index().zip(actor(), Resume::new);
        Gen<GovernanceStep> retire = index().zip(actor(), Retire::new);
        Gen<GovernanceStep> ownerLeaves = index().zip(Generate.booleans(), OwnerLeaves::new);
        Gen<GovernanceStep> transfer = index().zip(index(), actor(), Transfer::new);
        Gen<GovernanceStep> requestGrant = of(11, a -> new RequestGrant(a[0] % 8, a[1], a[2], 1 + a[3] % 5
                + (a[3] % 11 == 0 ? -1 : 0), a[4] % 3 == 0 ? human(a[4] / 3) : -1, a[5] % 4 == 0 ? a[5] / 4 : -1,
                a[6] % 6 == 0 ? 1 + a[6] / 6 % 3 : 0, a[7] % 4 == 0 ? -2 : a[7] % 4 == 1 ? -1 : a[7] / 4 % 8,
                a[8] % 5 != 0, human(a[9]), a[10]));
        Gen<GovernanceStep> approveGrant = index().zip(index().map(GovernancePropertiesTest::human),
                ApproveGrant::new);
        Gen<GovernanceStep> denyGrant = index().zip(index(), DenyGrant::new);
        Gen<GovernanceStep> revokeGrant = index().zip(actor(), RevokeGrant::new);
        Gen<GovernanceStep> advance = Generate.range(0, 6).map(Advance::new);
        Gen<GovernanceStep> sweep = Generate.constant(new Sweep());
        Gen<GovernanceStep> delegate = of(7, a -> new Delegate(a[0] % 8, human(a[1]), a[2], a[3], a[4],
                1 + a[5] % 5, a[6] % 3));
        Gen<List<Integer>> chain = Generate.frequency(Pair.of(8, Generate.constant(0)),
                Pair.of(3, Generate.constant(1)), Pair.of(2, Generate.constant(2)), Pair.of(1, Generate.constant(3)))
                .zip(ints(3), (n, a) -> Arrays.stream(a).limit(n).map(v -> v % 8).boxed().collect(Collectors.toList()));
        Gen<GovernanceStep> authorize = of(5, a -> a).zip(chain, (a, c) -> new Authorize(a[4] % 3 != 0,
                a[0] % 17 == 0 ? -1 : a[0] % 8, a[1], a[2], c, a[3] % 3 == 0 ? a[3] : -1));
        return Generate.frequency(List.of(
                Pair.of(3, registerHuman), Pair.of(10, registerNonHuman), Pair.of(3, approve), Pair.of(1, reject),
                Pair.of(2, suspend), Pair.of(3, resume), Pair.of(1, retire), Pair.of(2, transfer), Pair.of(2, ownerLeaves),
                Pair.of(10, requestGrant), Pair.of(6, delegate), Pair.of(3, approveGrant), Pair.of(1, denyGrant), Pair.of(3, revokeGrant),
                Pair.of(6, advance), Pair.of(2, sweep), Pair.of(30, authorize)));
    }
}
