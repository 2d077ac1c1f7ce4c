package dev.steward.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * Runs the storage benchmarks against the local databases (PostgreSQL, H2, MariaDB) and writes
 * {@code <bench.results>/jdbc.json}: units of work per second with two threads
 * ({@link JdbcWriteBenchmark}), {@code authorize} on a database-backed instance against the
 * in-memory one ({@link JdbcAuthorizeBenchmark}, throughput and sample time), and one bulk import
 * ({@link BulkImportBenchmark}, single shot).
 *
 * <p>System properties: {@code bench.include} (regex over {@code Class.method}), {@code bench.dialects}
 * ({@code POSTGRESQL,H2,MARIADB}), {@code bench.identities} (100000), {@code bench.forks} (1),
 * {@code bench.results} ({@code bench/results}).
 */
public final class RunJdbcBenchmarks {
    /** The storage benchmarks. */
    public static final List<Class<?>> ALL = List.of(JdbcWriteBenchmark.class, JdbcAuthorizeBenchmark.class,
            BulkImportBenchmark.class);

    private RunJdbcBenchmarks() {
    }

    /**
     * @param args ignored; see the class comment for the system properties
     * @throws RunnerException if JMH fails
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, IOException {
        Pattern include = Pattern.compile(System.getProperty("bench.include", ".*"));
        String[] dialects = System.getProperty("bench.dialects", "POSTGRESQL,H2,MARIADB").split(",");
        String[] stores = new String[dialects.length + 1];
        stores[0] = "MEMORY";
        System.arraycopy(dialects, 0, stores, 1, dialects.length);
        List<RunResult> results = new ArrayList<>();
        List<String> writeTargets = new ArrayList<>(List.of(dialects));
        if (writeTargets.contains("POSTGRESQL")) {
            writeTargets.add(1 + writeTargets.indexOf("POSTGRESQL"), BenchDatabase.POSTGRESQL_ASYNC_COMMIT);
        }
        results.addAll(run(JdbcWriteBenchmark.class, include, Mode.Throughput, 2, 3, 5, "3s",
                options -> options.param("dialect", writeTargets.toArray(String[]::new))));
        for (Mode mode : List.of(Mode.Throughput, Mode.SampleTime)) {
            results.addAll(run(JdbcAuthorizeBenchmark.class, include, mode, 1, 3, 5, "1s",
                    options -> options.param("store", stores)));
        }
        results.addAll(run(BulkImportBenchmark.class, include, Mode.SingleShotTime, 1, 0, 1, "1s",
                options -> options.param("dialect", dialects)
                        .param("identities", System.getProperty("bench.identities", "100000"))));
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Path out = dir.resolve("jdbc.json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out.toString()).writeOut(results);
        System.out.println(RunBenchmarks.summary(results));
        System.out.println(ratios(results, dialects));
        System.out.println("results: " + out.toAbsolutePath());
    }

    private static Collection<RunResult> run(Class<?> benchmark, Pattern include, Mode mode, int threads,
            int warmups, int iterations, String time, java.util.function.UnaryOperator<ChainedOptionsBuilder> params)
            throws RunnerException {
        List<String> selected = RunBenchmarks.benchmarks(List.of(benchmark), include);
        if (selected.isEmpty()) {
            return List.of();
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(mode)
                .timeUnit(mode == Mode.SampleTime ? TimeUnit.NANOSECONDS : TimeUnit.SECONDS)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.fromString(time))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.fromString(time))
                .forks(Integer.getInteger("bench.forks", 1))
                .threads(threads)
                .jvmArgsAppend("-Xms4g", "-Xmx4g")
                .shouldFailOnError(true);
        for (String b : selected) {
            options.include("^" + Pattern.quote(b) + "$");
        }
        return new Runner(params.apply(options).build()).run();
    }

    /**
     * @param results the run's results
     * @param dialects the databases measured
     * @return a Markdown table of each target's figure and its ratio to the baseline of the same run
     */
    static String ratios(Collection<RunResult> results, String[] dialects) {
        String authorize = JdbcAuthorizeBenchmark.class.getName() + ".authorizeAllowed";
        double memoryOps = RunBenchmarks.value(results, authorize, Mode.Throughput, Map.of("store", "MEMORY"));
        double memoryP50 = RunBenchmarks.value(results, authorize, Mode.SampleTime, Map.of("store", "MEMORY"));
        StringBuilder t = new StringBuilder("| database | units/s, 2 threads | import s | authorize ops/s | "
                + "authorize p50 ns | p50 / in-memory p50 | in-memory ops/s / ops/s |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        t.append(String.format(Locale.ROOT, "| in-memory | | | %.0f | %.0f | 1.00 | 1.00 |%n", memoryOps, memoryP50));
        List<String> rows = new ArrayList<>(List.of(dialects));
        rows.add(BenchDatabase.POSTGRESQL_ASYNC_COMMIT);
        for (String d : rows) {
            double units = RunBenchmarks.value(results, JdbcWriteBenchmark.class.getName() + ".registerAndGrant",
                    Mode.Throughput, Map.of("dialect", d));
            double bulk = RunBenchmarks.value(results, BulkImportBenchmark.class.getName() + ".importAll",
                    Mode.SingleShotTime, Map.of("dialect", d));
            double ops = RunBenchmarks.value(results, authorize, Mode.Throughput, Map.of("store", d));
            double p50 = RunBenchmarks.value(results, authorize, Mode.SampleTime, Map.of("store", d));
            t.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.0f | %.0f | %.2f | %.2f |%n",
                    d.toLowerCase(Locale.ROOT), units, bulk, ops, p50, p50 / memoryP50, memoryOps / ops));
        }
        return t.toString();
    }
}
