package dev.steward.tck;

import dev.steward.ConflictException;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Threads that write to a secret backend at once, started together, for the concurrency rules. */
final class ConcurrentRaces {
    private ConcurrentRaces() {
    }

    /**
     * What a check-and-set race produced.
     *
     * @param winsPerExpectedVersion how many writers succeeded with each expected version
     * @param winners the value written by the writer that succeeded with each expected version
     */
    record Outcome(Map<Long, Integer> winsPerExpectedVersion, Map<Long, String> winners) {
        String winnerValue(long expectedVersion) {
            return winners.get(expectedVersion);
        }
    }

    /**
     * Each thread reads the latest version and writes with it as the expected version, until the
     * reference has {@code versions} versions; a writer that loses a race reads again.
     */
    static Outcome checkAndSet(SecretBackend backend, SecretRef ref, int threads, int versions) throws Exception {
        Map<Long, Integer> wins = new ConcurrentHashMap<>();
        Map<Long, String> winners = new ConcurrentHashMap<>();
        run(threads, thread -> () -> {
            while (true) {
                List<SecretVersionInfo> infos = backend.versions(ref);
                long current = infos.isEmpty() ? 0 : infos.get(infos.size() - 1).version();
                if (current >= versions) {
                    return null;
                }
                String value = "thread-" + thread + "@" + current;
                try {
                    long written = backend.put(ref, SecretSamples.utf8(value), OptionalLong.of(current));
                    if (written != current + 1) {
                        throw new AssertionError("expected version " + current + " was written as " + written);
                    }
                    wins.merge(current, 1, Integer::sum);
                    winners.put(current, value);
                } catch (ConflictException lost) {
                    // another writer won this version; read the latest again
                }
            }
        });
        return new Outcome(Map.copyOf(wins), Map.copyOf(winners));
    }

    /**
     * Thread {@code i} writes {@code perThread} values to {@code refs.get(i % refs.size())}
     * without check-and-set; the values are the reference's path, {@code #} and the write's index.
     *
     * @return every version number the writes returned
     */
    static List<Long> unconditional(SecretBackend backend, List<SecretRef> refs, int threads, int perThread)
            throws Exception {
        List<Long> versions = new ArrayList<>();
        for (List<Long> own : run(threads, thread -> () -> {
            SecretRef ref = refs.get(thread % refs.size());
            List<Long> written = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                written.add(backend.put(ref, SecretSamples.utf8(ref.path() + "#" + i), OptionalLong.empty()));
            }
            return written;
        })) {
            versions.addAll(own);
        }
        return versions;
    }

    /**
     * Thread 0 writes {@code writes} values, {@code value.apply(1)} to {@code value.apply(writes)},
     * without check-and-set, while the other {@code readers} threads each read the latest value
     * {@code writes} times.
     *
     * @return every value the readers saw, as UTF-8 text
     */
    static List<String> readWhileWriting(SecretBackend backend, SecretRef ref, int readers, int writes,
            IntFunction<String> value) throws Exception {
        List<String> seen = new ArrayList<>();
        for (List<String> own : run(readers + 1, thread -> () -> {
            List<String> read = new ArrayList<>();
            for (int i = 1; i <= writes; i++) {
                if (thread == 0) {
                    backend.put(ref, SecretSamples.utf8(value.apply(i)), OptionalLong.empty());
                } else {
                    backend.get(ref).map(SecretSamples::text).ifPresent(read::add);
                }
            }
            return read;
        })) {
            seen.addAll(own);
        }
        return seen;
    }

    /** A task per thread index. */
    interface Task<T> {
        Callable<T> forThread(int thread);
    }

    private static <T> List<T> run(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<T> work = task.forThread(t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
