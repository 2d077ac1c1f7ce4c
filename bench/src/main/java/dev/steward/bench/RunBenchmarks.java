package dev.steward.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *   <li>{@code bench.totalGrants}: the large store size of the first pass, 100000 by default
 *       (smaller for a quick check of the runner itself)</li>
 *   <li>{@code bench.jvmArgs}: JVM options of each fork, {@code -Xms4g -Xmx4g -XX:+AlwaysPreTouch} by
 *       default. The in-memory store keeps every decision event, so the heap grows with the number
 *       of decisions; without pre-touching, about one decision in five paid a first-touch page fault
 *       (10 to 13 µs) for fresh heap, a cost of a young JVM rather than of {@code authorize}. Raise
 *       the heap if decisions get much faster: each keeps about 500 bytes.</li>
 *   <li>{@code bench.prof}: a JMH profiler to add, {@code gc} (allocation per operation) by default;
 *       empty for none</li>
 *   <li>{@code bench.name} ({@code benchmarks}) and {@code bench.results} ({@code bench/results})</li>
 * </ul>
 */
public final class RunBenchmarks {
    /** Every benchmark class, in the order they run. */
    public static final List<Class<?>> ALL = List.of(AuthorizeBenchmark.class, BaselineBenchmark.class,
            CasbinBenchmark.class, CredentialVerifyBenchmark.class, SecretScannerBenchmark.class, VaultBenchmark.class,
            LangChain4jToolBenchmark.class, ToolCallBreakdownBenchmark.class, McpToolCallBenchmark.class);

    private static final String DEFAULT_JVM_ARGS = "-Xms4g -Xmx4g -XX:+AlwaysPreTouch";

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
            results.addAll(run(m, include, ALL, System.getProperty("bench.totalGrants", "100000"), null));
            results.addAll(run(m, include, List.of(AuthorizeBenchmark.class, CasbinBenchmark.class), "10", "10"));
        }
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out.toString()).writeOut(results);
        System.out.println(summary(results));
        System.out.println(ratios(results));
        System.out.println(vaultRatios(results));
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
                .jvmArgsAppend(System.getProperty("bench.jvmArgs", DEFAULT_JVM_ARGS).trim().split("\\s+"))
                .param("totalGrants", totalGrants)
                .shouldFailOnError(true);
        if (grantsPerIdentity != null) {
            options.param("grantsPerIdentity", grantsPerIdentity);
        }
        String prof = System.getProperty("bench.prof", "gc");
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

    /**
     * The ratios the performance targets are stated in, per {@code AuthorizeBenchmark} row: its
     * median against the map lookup's (and its mean, from throughput, against the map's), its
     * throughput against jCasbin's on the same policies (depth 0 only), the growth of its
     * median and mean from 10 to 100,000 grants in all (10 grants per identity only), and how many
     * of its measured decisions core refused (a deny with reason {@code ERROR}).
     *
     * @param results JMH results of both modes
     * @return a Markdown table; empty cells where a result is missing
     */
    public static String ratios(Collection<RunResult> results) {
        String authorize = AuthorizeBenchmark.class.getName();
        double mapP50 = value(results, BaselineBenchmark.class.getName() + ".mapGet", Mode.SampleTime, null);
        double mapOps = value(results, BaselineBenchmark.class.getName() + ".mapGet", Mode.Throughput, null);
        StringBuilder t = new StringBuilder(
                "| benchmark | depth | per identity | total | ops/s | p50 ns | p50 / map p50 | mean / map mean "
                        + "| ops/s / jCasbin ops/s | p50 growth 10→100k | mean growth 10→100k | refused |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            var p = r.getParams();
            if (!p.getBenchmark().startsWith(authorize + ".") || p.getMode() != Mode.Throughput) {
                continue;
            }
            String method = p.getBenchmark().substring(authorize.length() + 1);
            Map<String, String> params = Map.of("depth", p.getParam("depth"), "grantsPerIdentity",
                    p.getParam("grantsPerIdentity"), "totalGrants", p.getParam("totalGrants"));
            double ops = r.getPrimaryResult().getScore();
            double p50 = value(results, p.getBenchmark(), Mode.SampleTime, params);
            double casbin = params.get("depth").equals("0")
                    ? value(results, CasbinBenchmark.class.getName() + "." + method, Mode.Throughput,
                            Map.of("grantsPerIdentity", params.get("grantsPerIdentity"), "totalGrants",
                                    params.get("totalGrants")))
                    : Double.NaN;
            double p50Growth = Double.NaN;
            double meanGrowth = Double.NaN;
            if (params.get("totalGrants").equals("100000") && params.get("grantsPerIdentity").equals("10")) {
                Map<String, String> small = Map.of("depth", params.get("depth"), "grantsPerIdentity", "10",
                        "totalGrants", "10");
                p50Growth = p50 / value(results, p.getBenchmark(), Mode.SampleTime, small);
                meanGrowth = value(results, p.getBenchmark(), Mode.Throughput, small) / ops;
            }
            var refused = r.getSecondaryResults().get("refused");
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", method,
                    params.get("depth"), params.get("grantsPerIdentity"), params.get("totalGrants"),
                    cell("%,.0f", ops), cell("%,.0f", p50), cell("%.1f×", p50 / mapP50),
                    cell("%.1f×", mapOps / ops), cell("%.1f×", ops / casbin), cell("%.2f×", p50Growth),
                    cell("%.2f×", meanGrowth), refused == null ? "" : cell("%,.0f", refused.getScore())));
        }
        return t.toString();
    }

    /**
     * Steward's Vault backend against a bare {@code HttpClient} request to the same server: the
     * median of each (sample time) and their ratio, and the mean ratio from throughput.
     *
     * @param results JMH results of both modes
     * @return a Markdown table; empty cells where a result is missing
     */
    public static String vaultRatios(Collection<RunResult> results) {
        String vault = VaultBenchmark.class.getName() + ".";
        StringBuilder t = new StringBuilder("| operation | Steward p50 ns | bare p50 ns | p50 ratio | mean ratio |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (String op : List.of("Get", "Put")) {
            double steward = value(results, vault + "steward" + op, Mode.SampleTime, null);
            double bare = value(results, vault + "bare" + op, Mode.SampleTime, null);
            double meanRatio = value(results, vault + "bare" + op, Mode.Throughput, null)
                    / value(results, vault + "steward" + op, Mode.Throughput, null);
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", op.toLowerCase(Locale.ROOT),
                    cell("%,.0f", steward), cell("%,.0f", bare), cell("%.2f×", steward / bare), cell("%.2f×", meanRatio)));
        }
        return t.toString();
    }

    private static String cell(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, format, value);
    }

    /** @return the score (throughput) or the median (sample time) of one result, or NaN if absent */
    /**
     * @param results JMH results
     * @param benchmark a benchmark's full name
     * @param mode the mode of the result wanted
     * @param params parameters the result must have; null for any
     * @return the median for sample time, the score otherwise; NaN if there is no such result
     */
    static double value(Collection<RunResult> results, String benchmark, Mode mode, Map<String, String> params) {
        for (RunResult r : results) {
            var p = r.getParams();
            if (!p.getBenchmark().equals(benchmark) || p.getMode() != mode) {
                continue;
            }
            boolean same = true;
            if (params != null) {
                for (Map.Entry<String, String> e : params.entrySet()) {
                    same &= e.getValue().equals(p.getParam(e.getKey()));
                }
            }
            if (same) {
                return mode == Mode.SampleTime ? r.getPrimaryResult().getStatistics().getPercentile(50.0)
                        : r.getPrimaryResult().getScore();
            }
        }
        return Double.NaN;
    }
}
