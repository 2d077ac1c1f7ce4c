package dev.steward.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor: one {@code ConcurrentHashMap.get} of a precomputed key in a map of 100,000 entries,
 * as a precomputed permission table would answer. The key is equal to, but not the same object
 * as, the stored one, so {@code equals} compares characters as it would for a key built from a
 * request; its hash code is cached, as a precomputed key's would be.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BaselineBenchmark {
    private static final int ENTRIES = 100_000;

    private final ConcurrentHashMap<String, Boolean> table = new ConcurrentHashMap<>();
    private String key;

    /** Fills the table; the key's hash is computed once here, as a key looked up before has it cached. */
    @Setup(Level.Trial)
    @SuppressWarnings("ReturnValueIgnored") // hashCode() is called for its caching side effect
    public void setUp() {
        for (int i = 0; i < ENTRIES; i++) {
            table.put(entry(i), Boolean.TRUE);
        }
        key = new String(entry(ENTRIES / 2).toCharArray());
        key.hashCode();
    }

    private static String entry(int i) {
        return "user-" + i / GrantPlan.BACKGROUND_PER_IDENTITY + "@acme.example|" + GrantPlan.action(i) + "|"
                + GrantPlan.pattern(i);
    }

    /** @return the entry */
    @Benchmark
    public Boolean mapGet() {
        return table.get(key);
    }
}
