package dev.steward.internal;

import dev.steward.spi.PluginFailures;
import dev.steward.BackendUnavailableException;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreTransaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Last-used telemetry (of credentials, of grants), counted in memory on every successful use and
 * written to the store in one unit of work per flush (coalesced), never on the path that counts it.
 * One small entry per id ever used is kept, so counting never allocates after the first use.
 *
 * @param <K> the id type
 */
public final class UsageRecorder<K> {
    /** Writes the usage of one id inside a unit of work. */
    @FunctionalInterface
    public interface Writer<K> {
        /**
         * @param tx the open transaction
         * @param id the id used
         * @param lastUsedAt the latest use
         * @param uses uses to add
         */
        void write(StoreTransaction tx, K id, Instant lastUsedAt, long uses);
    }

    private static final class Usage {
        final AtomicLong count = new AtomicLong();
        final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);
    }

    private final ConcurrentHashMap<K, Usage> pending = new ConcurrentHashMap<>();
    private final String what;
    private final Writer<K> writer;

    /**
     * @param what what is counted, for messages, e.g. {@code credential usage}
     * @param writer how one id's usage is written
     */
    public UsageRecorder(String what, Writer<K> writer) {
        this.what = what;
        this.writer = writer;
    }

    /**
     * @param id the id used
     * @param at when
     */
    public void record(K id, Instant at) {
        Usage u = pending.get(id);
        if (u == null) {
            u = pending.computeIfAbsent(id, k -> new Usage());
        }
        u.count.incrementAndGet();
        Instant last = u.last.get();
        while (at.isAfter(last) && !u.last.compareAndSet(last, at)) {
            last = u.last.get();
        }
    }

    /**
     * Writes the usage counted since the last flush; on failure it is counted again for the next.
     *
     * @param store where to write
     * @throws BackendUnavailableException if the store failed
     */
    public void flush(GovernanceStore store) {
        Map<K, Long> counts = new HashMap<>();
        Map<K, Instant> lasts = new HashMap<>();
        pending.forEach((id, u) -> {
            long n = u.count.getAndSet(0);
            if (n > 0) {
                counts.put(id, n);
                lasts.put(id, u.last.get());
            }
        });
        if (counts.isEmpty()) {
            return;
        }
        try {
            store.transact(tx -> {
                counts.forEach((id, n) -> writer.write(tx, id, lasts.get(id), n));
                return null;
            });
        } catch (Throwable e) {
            counts.forEach((id, n) -> pending.get(id).count.addAndGet(n));
            throw PluginFailures.unavailable(store.name(), what + " could not be recorded", e);
        }
    }
}
