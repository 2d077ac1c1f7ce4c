package dev.steward.bench;

import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialType;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.SecretScanner;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link SecretScanner} over a large mixed text (log lines, prose, JSON, near-miss {@code stw_}
 * tokens, and one real key per 64 KiB), beside a precompiled {@code java.util.regex} scan that
 * only finds the prefix {@code stw_}: the baseline a full scan (layout and checksum) is compared
 * with. One operation scans the whole text; MB/s = megabytes / seconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SecretScannerBenchmark {
    private static final Pattern PREFIX = Pattern.compile("stw_");
    private static final String[] LINES = {
        "2026-11-28T10:15:02Z INFO  deploy step 4/9 finished in 1832 ms\n",
        "{\"level\":\"warn\",\"msg\":\"retrying request\",\"attempt\":3,\"host\":\"api.internal\"}\n",
        "The agent summarised the pull request and suggested two changes to the retry policy.\n",
        "stw_ is the prefix of Steward keys; stw_ak_short is not one, nor is stw_xx_.\n",
        "diff --git a/config.yaml b/config.yaml\n+  timeout: 30s\n-  timeout: 10s\n",
    };

    /** Size of the text in megabytes (10^6 bytes of ASCII). */
    @Param("100")
    public int textMegabytes;

    private String text;
    private final SecretScanner scanner = SecretScanner.create();

    /** Builds the text once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        int size = textMegabytes * 1_000_000;
        StringBuilder b = new StringBuilder(size + 256);
        Random random = new Random(42);
        SecureRandom secrets = new SecureRandom();
        int nextKey = 1 << 16;
        while (b.length() < size) {
            b.append(LINES[random.nextInt(LINES.length)]);
            if (b.length() >= nextKey) {
                b.append("token=").append(KeyFormat.format(CredentialType.API_KEY, CredentialId.random(),
                        KeyFormat.newSecret(secrets))).append('\n');
                nextKey += 1 << 16;
            }
        }
        text = b.toString();
        if (scanner.scan(text).size() != count()) {
            throw new IllegalStateException("the scanner did not find every planted key");
        }
    }

    private int count() {
        int n = 0;
        for (int i = text.indexOf("token=stw_"); i >= 0; i = text.indexOf("token=stw_", i + 1)) {
            n++;
        }
        return n;
    }

    /** @return the keys the scanner finds */
    @Benchmark
    public int scanner() {
        return scanner.scan(text).size();
    }

    /** @return the prefixes a precompiled regex finds */
    @Benchmark
    public int regexPrefix() {
        Matcher m = PREFIX.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
