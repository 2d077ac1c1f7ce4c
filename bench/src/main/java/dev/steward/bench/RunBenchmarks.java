package dev.steward.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks with JMH's Runner API, in throughput (ops/s) and sample-time (ns/op, for the
 * median) modes, and writes every result to {@code <bench.results>/<bench.name>.json}.
 *
 * <p>The parameter matrix is run in two passes so that the clamped combination of
 * {@link GrantPlan} (1,000 grants per identity among 10) is not measured twice: first every
 * benchmark with {@code totalGrants=100000}, then the parameterized ones with
 * {@code totalGrants=10, grantsPerIdentity=10}.
 *
 * <p>System properties, with defaults sized for a 2-core machine:
 * <ul>
 *   <li>{@code bench.include}: regex over {@code Class.method} names, e.g. {@code Authorize.*}; all by default</li>
 *   <li>{@code bench.warmups} (3), {@code bench.warmupTime} (1s), {@code bench.iterations} (5),
 *       {@code bench.time} (1s), {@code bench.forks} (1)</li>
 *   <li>{@code bench.modes}: {@code thrpt,sample} by default</li>
 *   <li>{@code bench.jvmArgs}: JVM options of each fork, {@code -Xms4g -Xmx8g} by default (decision
 *       events are kept by the in-memory store, so the heap grows with the number of decisions)</li>
 *   <li>{@code bench.prof}: a JMH profiler to add, e.g. {@code gc}</li>
 *   <li>{@code bench.name} ({@code benchmarks}) and {@code bench.results} ({@code bench/results})</li>
 * </ul>
 */
public final class RunBenchmarks {
    /** Every benchmark class, in the order they run. */
    public static final List<Class<?>> ALL = List.of(AuthorizeBenchmark.class, BaselineBenchmark.class,
            CasbinBenchmark.class);

    private RunBenchmarks() {
    }

    /**
     * @param args ignored; see the class comment for the system properties
     * @throws RunnerException if JMH fails
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, IOException {
        Pattern include = Pattern.compile(System.getProperty("bench.include", ".*"));
        String name = System.getProperty("bench.name", "benchmarks");
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        List<RunResult> results = new ArrayList<>();
        for (String mode : System.getProperty("bench.modes", "thrpt,sample").split(",")) {
            Mode m = Mode.deepValueOf(mode.trim());
            results.addAll(run(m, include, ALL, "100000", null));
            results.addAll(run(m, include, List.of(AuthorizeBenchmark.class, CasbinBenchmark.class), "10", "10"));
        }
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out.toString()).writeOut(results);
        System.out.println(summary(results));
        System.out.println("results: " + out.toAbsolutePath());
    }

    private static Collection<RunResult> run(Mode mode, Pattern include, List<Class<?>> classes, String totalGrants,
            String grantsPerIdentity) throws RunnerException {
        List<String> selected = benchmarks(classes, include);
        if (selected.isEmpty()) {
            return List.of();
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(mode)
                .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.NANOSECONDS)
                .warmupIterations(Integer.getInteger("bench.warmups", 3))
                .warmupTime(TimeValue.fromString(System.getProperty("bench.warmupTime", "1s")))
                .measurementIterations(Integer.getInteger("bench.iterations", 5))
                .measurementTime(TimeValue.fromString(System.getProperty("bench.time", "1s")))
                .forks(Integer.getInteger("bench.forks", 1))
                .threads(1)
                .jvmArgsAppend(System.getProperty("bench.jvmArgs", "-Xms4g -Xmx8g").trim().split("\\s+"))
                .param("totalGrants", totalGrants)
                .shouldFailOnError(true);
        if (grantsPerIdentity != null) {
            options.param("grantsPerIdentity", grantsPerIdentity);
        }
        String prof = System.getProperty("bench.prof", "");
        if (!prof.isBlank()) {
            options.addProfiler(prof);
        }
        for (String b : selected) {
            options.include("^" + Pattern.quote(b) + "$");
        }
        return new Runner(options.build()).run();
    }

    /**
     * @param classes benchmark classes
     * @param include regex over {@code Class.method}
     * @return the fully qualified names of the selected benchmark methods
     */
    public static List<String> benchmarks(List<Class<?>> classes, Pattern include) {
        List<String> names = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)
                        && include.matcher(c.getSimpleName() + "." + m.getName()).matches()) {
                    names.add(c.getName() + "." + m.getName());
                }
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * @param results JMH results
     * @return a Markdown table: benchmark, parameters, mode, score (and median for sample time)
     */
    public static String summary(Collection<RunResult> results) {
        StringBuilder t = new StringBuilder("| benchmark | params | mode | score | error | unit | p50 |\n")
                .append("|---|---|---|---:|---:|---|---:|\n");
        for (RunResult r : results) {
            var params = r.getParams();
            StringBuilder p = new StringBuilder();
            for (String key : params.getParamsKeys()) {
                p.append(p.length() == 0 ? "" : ", ").append(key).append('=').append(params.getParam(key));
            }
            var primary = r.getPrimaryResult();
            String p50 = params.getMode() == Mode.SampleTime
                    ? String.format(Locale.ROOT, "%.0f", primary.getStatistics().getPercentile(50.0)) : "";
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s | %s |%n",
                    params.getBenchmark().replace("dev.steward.bench.", ""), p, params.getMode().shortLabel(),
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), p50));
        }
        return t.toString();
    }
}
