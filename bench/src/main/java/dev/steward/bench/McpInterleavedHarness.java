package dev.steward.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The unguarded and the guarded {@code tools/call} round trips of {@link McpToolCallBenchmark},
 * alternated call by call in one JVM, so that the load of a shared machine, which moves a round
 * trip of milliseconds by more than the guard costs, weighs on both alike. JMH measures each
 * benchmark in its own fork, one after the other, and between two forks the machine's load can
 * change the round trip by half or double it; here the two calls of a pair are made within
 * milliseconds of each other. The order within a pair alternates too (unguarded first in even
 * pairs, guarded first in odd ones). Each call is timed with {@link System#nanoTime()}.
 *
 * <p>Reported: both medians and means, and the median of the per-pair difference (guarded minus
 * unguarded). System properties: {@code bench.mcpWarmupPairs} (5000), {@code bench.mcpPairs}
 * (20000), {@code bench.results} ({@code bench/results}), {@code bench.name}
 * ({@code mcp-guard-interleaved}).
 */
public final class McpInterleavedHarness {
    private McpInterleavedHarness() {
    }

    /**
     * What one run measured, in nanoseconds.
     *
     * @param pairs measured pairs of calls
     * @param unguardedP50 median of the unguarded round trips
     * @param guardedP50 median of the guarded round trips
     * @param unguardedMean mean of the unguarded round trips
     * @param guardedMean mean of the guarded round trips
     * @param unguardedP90 90th percentile of the unguarded round trips
     * @param guardedP90 90th percentile of the guarded round trips
     * @param pairedDifferenceP50 median over the pairs of guarded minus unguarded
     */
    public record Result(int pairs, long unguardedP50, long guardedP50, double unguardedMean, double guardedMean,
            long unguardedP90, long guardedP90, long pairedDifferenceP50) {
        /** @return the result as a JSON object */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"pairs\": %d, \"unguardedP50Ns\": %d, \"guardedP50Ns\": %d, "
                    + "\"unguardedMeanNs\": %.0f, \"guardedMeanNs\": %.0f, \"unguardedP90Ns\": %d, "
                    + "\"guardedP90Ns\": %d, \"pairedDifferenceP50Ns\": %d}", pairs, unguardedP50, guardedP50,
                    unguardedMean, guardedMean, unguardedP90, guardedP90, pairedDifferenceP50);
        }
    }

    /**
     * @param args ignored; see the class comment for the system properties
     * @throws Exception if the servers cannot start or stop, or the results cannot be written
     */
    public static void main(String[] args) throws Exception {
        Result r = run(Integer.getInteger("bench.mcpWarmupPairs", 5000), Integer.getInteger("bench.mcpPairs", 20000));
        System.out.println(r.toJson());
        System.out.printf(Locale.ROOT, "p50: guarded/unguarded %.3f; mean: %.3f; paired difference p50 %,d ns%n",
                (double) r.guardedP50() / r.unguardedP50(), r.guardedMean() / r.unguardedMean(),
                r.pairedDifferenceP50());
        write(r);
        // The SDK's servlet transport runs its session sweeper on a non-daemon Reactor scheduler that
        // closing the server does not dispose, so the JVM would outlive the run by minutes.
        System.exit(0);
    }

    private static void write(Result r) throws IOException {
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Path out = dir.resolve(System.getProperty("bench.name", "mcp-guard-interleaved") + ".json");
        Files.writeString(out, "{\"jvm\": \"" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + "\", \"processors\": "
                + Runtime.getRuntime().availableProcessors() + ",\n \"run\": " + r.toJson() + "}\n",
                StandardCharsets.UTF_8);
        System.out.println("results: " + out.toAbsolutePath());
    }

    /**
     * Starts both servers and clients, makes the warm-up pairs, then times the measured ones.
     *
     * @param warmupPairs pairs made before timing
     * @param pairs pairs timed, at least 1
     * @return what was measured
     * @throws Exception if the servers cannot start or stop
     */
    public static Result run(int warmupPairs, int pairs) throws Exception {
        McpToolCallBenchmark calls = new McpToolCallBenchmark();
        calls.setUp();
        try {
            long[] unguarded = new long[pairs];
            long[] guarded = new long[pairs];
            for (int i = -warmupPairs; i < pairs; i++) {
                long u;
                long g;
                if ((i & 1) == 0) {
                    u = timeUnguarded(calls);
                    g = timeGuarded(calls);
                } else {
                    g = timeGuarded(calls);
                    u = timeUnguarded(calls);
                }
                if (i >= 0) {
                    unguarded[i] = u;
                    guarded[i] = g;
                }
            }
            long[] difference = new long[pairs];
            for (int i = 0; i < pairs; i++) {
                difference[i] = guarded[i] - unguarded[i];
            }
            double unguardedMean = Arrays.stream(unguarded).average().orElseThrow();
            double guardedMean = Arrays.stream(guarded).average().orElseThrow();
            return new Result(pairs, percentile(unguarded, 50), percentile(guarded, 50), unguardedMean, guardedMean,
                    percentile(unguarded, 90), percentile(guarded, 90), percentile(difference, 50));
        } finally {
            calls.tearDown();
        }
    }

    private static long timeUnguarded(McpToolCallBenchmark calls) {
        long start = System.nanoTime();
        calls.unguarded();
        return System.nanoTime() - start;
    }

    private static long timeGuarded(McpToolCallBenchmark calls) {
        long start = System.nanoTime();
        calls.guarded();
        return System.nanoTime() - start;
    }

    /** @return the value at that percentile of the values (sorted in place), nearest rank */
    private static long percentile(long[] values, int percent) {
        Arrays.sort(values);
        int rank = (int) Math.ceil(percent / 100.0 * values.length);
        return values[Math.max(rank, 1) - 1];
    }
}
