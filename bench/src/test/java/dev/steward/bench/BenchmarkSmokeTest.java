package dev.steward.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark very briefly (the storage ones on H2 only, so that the build needs no database
 * server for them), in this JVM, on the smallest parameters, so that a change in
 * core or in a benchmark that breaks its set-up or its checks fails the build instead of the next
 * real run. Measures nothing: the numbers of a 100 ms iteration without warm-up mean nothing.
 */
class BenchmarkSmokeTest {
    @Test
    void everyBenchmarkRunsAndScores() throws RunnerException {
        List<Class<?>> all = new ArrayList<>(RunBenchmarks.ALL);
        all.addAll(RunJdbcBenchmarks.ALL);
        List<String> expected = RunBenchmarks.benchmarks(all, Pattern.compile(".*"));
        assertTrue(expected.size() >= 5, "benchmarks found: " + expected);
        OptionsBuilder builder = new OptionsBuilder();
        for (String b : expected) {
            builder.include("^" + Pattern.quote(b) + "$");
        }
        Options options = builder
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .forks(0)
                .threads(1)
                .param("totalGrants", "10")
                .param("grantsPerIdentity", "10")
                .param("textMegabytes", "1")
                .param("dialect", "H2")
                .param("store", "MEMORY", "H2")
                .param("identities", "20")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        List<String> failures = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            seen.add(benchmark);
            double score = r.getPrimaryResult().getScore();
            if (!(score > 0)) {
                failures.add(benchmark + " " + r.getParams() + " scored " + score);
            }
        }
        assertEquals(new TreeSet<>(expected), seen, "every benchmark produced a result");
        assertTrue(failures.isEmpty(), () -> "non-positive scores: " + failures);
        assertFalse(results.isEmpty());
        System.out.print(RunBenchmarks.summary(results));
    }

    @Test
    void mcpInterleavedHarnessRunsSmall() throws Exception {
        McpInterleavedHarness.Result r = McpInterleavedHarness.run(10, 20);
        assertEquals(20, r.pairs());
        assertTrue(r.unguardedP50() > 0 && r.guardedP50() > 0 && r.guardedMean() > 0, () -> "measured " + r);
        assertTrue(r.toJson().startsWith("{\"pairs\": 20,"), r::toJson);
    }

    @Test
    void reviewCycleHarnessRunsSmall() {
        ReviewCycleHarness.Result r = ReviewCycleHarness.run(1000);
        assertEquals(1000, r.items(), "one item per grant");
        assertEquals(100, r.identities());
        assertTrue(r.openMillis() >= 0 && r.peakHeap() > 0, () -> "measured " + r);
        assertTrue(r.toJson().startsWith("{\"grants\": 1000,"), r::toJson);
    }
}
